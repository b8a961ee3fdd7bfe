package dev.timbot.emulator;

/**
 * A request the emulated service refuses: the documented {@code ErrorCode} and an {@code
 * ErrorInfo}. REST calls answer it as the {@code ActionStatus: FAIL} envelope; the embedding API
 * ({@link ImUsers}) throws it.
 */
public class ImError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int errorCode;
  private final String errorInfo;

  public ImError(int errorCode, String errorInfo) {
    super(errorCode + ": " + (errorInfo == null ? "" : errorInfo));
    this.errorCode = errorCode;
    this.errorInfo = errorInfo == null ? "" : errorInfo;
  }

  public int errorCode() {
    return errorCode;
  }

  public String errorInfo() {
    return errorInfo;
  }
}
