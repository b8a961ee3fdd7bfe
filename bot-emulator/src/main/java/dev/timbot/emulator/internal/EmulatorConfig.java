package dev.timbot.emulator.internal;

import dev.timbot.spi.BotClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code LocalIm.Builder} collects. {@code enabledCallbacks} null means all; {@code
 * callbackUrl} null means callbacks are off.
 *
 * @param groupRateLimitAsError answer an over-limit group send with 10023 instead of the default
 *     success-with-{@code MsgDropReason: MsgFreqCtrl}
 * @param requireFriendship client sends between non-friends fail with 20009 (the console's
 *     "check relationship" switch; off by default as in the service)
 * @param beforeCallbackFailureRejects a failed before-callback rejects the send with 80003
 *     instead of the default "deliver normally"
 * @param maxMessageBytes one message's {@code MsgBody} + {@code CloudCustomData} bound: 93000
 *     (C2C) / 80002 (group) beyond it
 * @param consoleHosts the {@code Host} names the browser console answers (besides the listener's
 *     own address, {@code 127.0.0.1} and {@code localhost})
 */
public record EmulatorConfig(
    String host,
    int port,
    int httpsPort,
    long sdkAppId,
    String secretKey,
    String admin,
    String callbackUrl,
    String callbackToken,
    Set<String> enabledCallbacks,
    int defaultRateLimit,
    Map<String, Integer> rateLimits,
    int groupMessagesPerSecond,
    boolean groupRateLimitAsError,
    boolean requireFriendship,
    boolean beforeCallbackFailureRejects,
    Duration clientRecallLimit,
    int maxMessageBytes,
    Set<String> consoleHosts,
    Path certificateDir,
    BotClock clock) {

  /** The APIs whose documented frequency limit is not the default 200/s: the account imports. */
  public static final Map<String, Integer> DOCUMENTED_RATE_LIMITS = Map.of(
      "im_open_login_svc/multiaccount_import", 100,
      "im_open_login_svc/account_delete", 100,
      "im_open_login_svc/account_check", 100);

  /** 64 random hex characters: the default app secret (and, cut to 32, callback token). */
  public static String randomSecretKey() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** The per-second limit of {@code service/command}. */
  public int rateLimitOf(String api) {
    Integer v = rateLimits.get(api);
    if (v != null) {
      return v;
    }
    String command = api.substring(api.indexOf('/') + 1);
    v = rateLimits.get(command);
    return v != null ? v : defaultRateLimit;
  }
}
