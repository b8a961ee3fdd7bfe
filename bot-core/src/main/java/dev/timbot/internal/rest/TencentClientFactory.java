package dev.timbot.internal.rest;

import dev.timbot.tencent.TencentIm;

/** Builds {@link TencentImClient}s for {@link TencentIm#client()}. */
public final class TencentClientFactory implements TencentIm.Factory {

  @Override
  public TencentIm.Client build(TencentIm.ClientBuilder s) {
    TencentImClient.Builder b = TencentImClient.builder().sdkAppId(s.sdkAppId()).secretKey(s.secretKey())
        .admin(s.admin()).baseUrl(s.baseUrl()).clock(s.clock()).listener(new ImClientListener() {
          @Override
          public void onRetry(String api, int attempt, int errorCode) {
            s.onRetry().accept(api, errorCode);
          }
        });
    if (s.rateLimit() > 0) {
      b.rateLimit(s.rateLimit());
    }
    return b.build();
  }
}
