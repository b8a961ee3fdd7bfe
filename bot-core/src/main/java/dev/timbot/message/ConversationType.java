package dev.timbot.message;

/** The two conversation kinds the bot takes part in, named as in {@code TIM.TYPES.CONV_*}. */
public enum ConversationType {
  /** One-to-one chat ({@code TIM.TYPES.CONV_C2C}). */
  C2C,
  /** Group chat ({@code TIM.TYPES.CONV_GROUP}). */
  GROUP
}
