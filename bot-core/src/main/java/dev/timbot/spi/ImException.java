package dev.timbot.spi;

import dev.timbot.spi.ImException.ImErrorCodes;


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

  /**
   * Error codes a bot meets, named after their meaning. Codes below 10000 are the TIM SDK's own
   * local codes, which timbot reuses for the same situations; the rest come from the service.
   */
  public static final class ImErrorCodes {
    /** TIM SDK: the SDK is not initialised (called before start). */
    public static final int SDK_NOT_INITIALIZED = 6013;
    /** TIM SDK: not logged in (called before SDK_READY or after stop). */
    public static final int SDK_NOT_LOGGED_IN = 6014;
    /** TIM SDK: request timed out. */
    public static final int SDK_TIMEOUT = 7;
    /** timbot: the REST call failed on the network after its retries (no service code). */
    public static final int NETWORK_ERROR = 9520;

    public static final int REST_URL_ERROR = 60002;
    public static final int REST_JSON_ERROR = 60003;
    public static final int REST_ACCOUNT_OR_SIG_ERROR = 60004;
    public static final int REST_SIG_ERROR = 60005;
    public static final int REST_RATE_LIMIT = 60007;
    public static final int REST_NOT_ADMIN = 60010;
    public static final int REST_APP_RATE_LIMIT = 60011;
    public static final int REST_TOO_FREQUENT = 60018;
    public static final int REST_TOO_FREQUENT_2 = 60019;

    public static final int SIG_EXPIRED = 70001;
    public static final int SIG_EMPTY = 70002;
    public static final int SIG_INVALID = 70003;
    public static final int SIG_VERIFY_FAILED = 70009;
    public static final int SIG_IDENTIFIER_MISMATCH = 70013;
    public static final int SIG_SDKAPPID_MISMATCH = 70014;
    public static final int SDKAPPID_NOT_FOUND = 70020;
    public static final int ACCOUNT_NOT_FOUND = 70107;

    public static final int C2C_INVALID_ACCOUNT = 20003;
    public static final int C2C_CALLBACK_REJECTED = 20006;
    public static final int C2C_BLACKLISTED = 20007;
    public static final int C2C_RECALL_TIME_LIMIT = 20016;
    public static final int C2C_RECALL_NOT_FOUND = 20022;
    public static final int C2C_ALREADY_RECALLED = 20023;
    public static final int MSG_TOO_LONG = 80002;
    public static final int JSON_PARSE_FAILED = 90001;
    public static final int TO_ACCOUNT_NOT_REGISTERED = 90012;

    public static final int GROUP_NOT_FOUND = 10010;
    public static final int GROUP_CALLBACK_REJECTED = 10016;
    public static final int GROUP_SENDER_MUTED = 10017;
    public static final int GROUP_RATE_LIMIT = 10023;

    private ImErrorCodes() {}

    /** The REST rate-limit codes: back off and retry. */
    public static boolean isRateLimit(int code) {
      return code == REST_RATE_LIMIT
          || code == REST_APP_RATE_LIMIT
          || code == REST_TOO_FREQUENT
          || code == REST_TOO_FREQUENT_2;
    }

    /** Codes that mean the admin UserSig should be regenerated and the call retried once. */
    public static boolean isSigError(int code) {
      return code == REST_ACCOUNT_OR_SIG_ERROR
          || code == REST_SIG_ERROR
          || (code >= 70001 && code <= 70020);
    }
  }
}
