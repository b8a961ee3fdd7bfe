package dev.timbot.plugins.calls;

/** The two call-signaling protocols carried in {@code TIMCustomElem.Data}; they do not interoperate. */
public enum CallProtocol {
  /** The legacy TRTCCalling "videoCustom" message: {@code version: 3} + {@code action}. */
  LEGACY_V3,
  /** The V2TIM / TSignaling envelope: {@code businessID: 1} + {@code actionType} + {@code inviteID}. */
  SIGNALING
}
