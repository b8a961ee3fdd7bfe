package dev.timbot.tencent;

/**
 * A UserSig that does not verify, with the reason as a type. {@link #serviceErrorCode()} is the
 * code the IM service answers for that failure. Messages never include the sig or the key.
 */
public final class UserSigException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why verification failed. */
  public enum Reason {
    EMPTY(70002),
    MALFORMED(70003),
    MISSING_FIELD(70003),
    SDKAPPID_MISMATCH(70014),
    IDENTIFIER_MISMATCH(70013),
    SIGNATURE_MISMATCH(70009),
    EXPIRED(70001),
    USERBUF_MISMATCH(70003);

    private final int serviceErrorCode;

    Reason(int serviceErrorCode) {
      this.serviceErrorCode = serviceErrorCode;
    }

    public int serviceErrorCode() {
      return serviceErrorCode;
    }
  }

  private final Reason reason;

  public UserSigException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public int serviceErrorCode() {
    return reason.serviceErrorCode();
  }
}
