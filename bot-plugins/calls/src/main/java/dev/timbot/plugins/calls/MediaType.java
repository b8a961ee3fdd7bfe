package dev.timbot.plugins.calls;

/** {@code call_type} 1 audio, 2 video. */
public enum MediaType {
  AUDIO,
  VIDEO,
  UNKNOWN;

  static MediaType fromCallType(int callType) {
    return callType == 1 ? AUDIO : callType == 2 ? VIDEO : UNKNOWN;
  }

  int callType() {
    return this == AUDIO ? 1 : this == VIDEO ? 2 : 0;
  }
}
