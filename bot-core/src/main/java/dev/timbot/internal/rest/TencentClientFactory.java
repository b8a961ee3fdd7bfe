package dev.timbot.internal.rest;

import dev.timbot.spi.BotClock;
import dev.timbot.tencent.TencentIm;

/** Builds {@link TencentImClient}s for {@link TencentIm#client()}. */
public final class TencentClientFactory implements TencentIm.Factory {

  @Override
  public TencentIm.Client build(TencentIm.ClientBuilder s) {
    return builder(s.sdkAppId(), s.secretKey(), s.admin(), s.baseUrl(), s.clock(), s.rateLimit())
        .listener(new ImClientListener() {
          @Override
          public void onRetry(String api, int attempt, int errorCode) {
            s.onRetry().accept(api, errorCode);
          }
        }).build();
  }

  /**
   * A client builder from the app's settings, shared by the bot's own client ({@code tim.*}) and
   * {@link TencentIm#client()}; {@code rateLimit} 0 keeps the documented quotas.
   */
  public static TencentImClient.Builder builder(long sdkAppId, String secretKey, String admin, String baseUrl,
      BotClock clock, int rateLimit) {
    TencentImClient.Builder b = TencentImClient.builder().sdkAppId(sdkAppId).secretKey(secretKey).admin(admin)
        .baseUrl(baseUrl).clock(clock);
    if (rateLimit > 0) {
      b.rateLimit(rateLimit);
    }
    return b;
  }
}
