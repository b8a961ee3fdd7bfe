package dev.timbot.message;

import dev.timbot.message.Conversation.ConversationType;

import java.util.Objects;

/**
 * A conversation as the bot sees it: a C2C peer, or a group. {@link #conversationId()} uses the
 * TIM SDK's format ({@code C2C<userID>} / {@code GROUP<groupID>}).
 */
public record Conversation(ConversationType type, String id) {
  public Conversation {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("conversation id must not be empty");
    }
  }

  /** A one-to-one conversation with {@code peer}. */
  public static Conversation c2c(String peer) {
    return new Conversation(ConversationType.C2C, peer);
  }

  /** A group conversation. */
  public static Conversation group(String groupId) {
    return new Conversation(ConversationType.GROUP, groupId);
  }

  /** Parses a TIM SDK conversation ID such as {@code C2Cuser1} or {@code GROUP@TGS#1abc}. */
  public static Conversation parse(String conversationId) {
    if (conversationId.startsWith("C2C") && conversationId.length() > 3) {
      return c2c(conversationId.substring(3));
    }
    if (conversationId.startsWith("GROUP") && conversationId.length() > 5) {
      return group(conversationId.substring(5));
    }
    throw new IllegalArgumentException("not a C2C or GROUP conversation ID: " + conversationId);
  }

  public boolean isGroup() {
    return type == ConversationType.GROUP;
  }

  /** The TIM SDK's conversation ID. */
  public String conversationId() {
    return type.name() + id;
  }

  @Override
  public String toString() {
    return conversationId();
  }

  /** The two conversation kinds the bot takes part in, named as in {@code TIM.TYPES.CONV_*}. */
  public enum ConversationType {
    /** One-to-one chat ({@code TIM.TYPES.CONV_C2C}). */
    C2C,
    /** Group chat ({@code TIM.TYPES.CONV_GROUP}). */
    GROUP
  }
}
