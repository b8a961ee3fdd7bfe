package dev.timbot.spi;

/**
 * A failed IM call: the service's (or the TIM SDK's) {@code ErrorCode} and {@code ErrorInfo}.
 * Messages never contain secrets (UserSig, secret key, callback token).
 */
public class ImException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int errorCode;
  private final String errorInfo;

  public ImException(int errorCode, String errorInfo) {
    this(errorCode, errorInfo, null);
  }

  public ImException(int errorCode, String errorInfo, Throwable cause) {
    super(errorCode + ": " + (errorInfo == null ? "" : errorInfo), cause);
    this.errorCode = errorCode;
    this.errorInfo = errorInfo == null ? "" : errorInfo;
  }

  /** The service's {@code ErrorCode}, or a TIM SDK code such as 6014 for local failures. */
  public int errorCode() {
    return errorCode;
  }

  /** The service's {@code ErrorInfo} (free text). */
  public String errorInfo() {
    return errorInfo;
  }
}
