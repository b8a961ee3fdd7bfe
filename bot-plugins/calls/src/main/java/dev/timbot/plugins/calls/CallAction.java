package dev.timbot.plugins.calls;

/**
 * What a signal asks for, common to both protocols. Legacy v3 {@code action}: −2 error, 0 invite,
 * 1 cancel, 2 reject, 3 no answer, 4 accept, 5 hang up, 6 busy. Signaling {@code actionType}:
 * 1 invite (or hang-up when the payload says so), 2 cancel, 3 accept, 4 reject (busy when
 * {@code line_busy} is present), 5 timeout.
 */
public enum CallAction {
  INVITE,
  CANCEL,
  REJECT,
  NO_ANSWER,
  ACCEPT,
  HANGUP,
  BUSY,
  ERROR
}
