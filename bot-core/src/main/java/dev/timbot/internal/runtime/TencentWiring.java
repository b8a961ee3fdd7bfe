package dev.timbot.internal.runtime;

import dev.timbot.BotClock;
import dev.timbot.BotConfig;
import dev.timbot.im.ImClient;
import dev.timbot.im.ImClientListener;
import dev.timbot.internal.media.FileMediaStore;

/**
 * Builds the production transport from configuration: the Tencent REST client and the callback
 * server. Kept apart so the runtime does not depend on how either is constructed.
 */
public final class TencentWiring {
  private TencentWiring() {}

  /** The REST client for {@code tim.*}; requires sdkAppId, secretKey and admin. */
  public static ImClient client(BotConfig config, ImClientListener listener, BotClock clock) {
    config.require("tim.sdkAppId", "tim.secretKey", "tim.admin");
    throw new IllegalStateException(
        "the Tencent REST client is not part of this build yet: pass one with Bot.builder().imClient(...)");
  }

  /** The callback server for {@code callback.*}, also serving media from {@code media}. */
  public static Intake callbackServer(BotConfig config, FileMediaStore media) {
    return new Intake() {
      @Override
      public void start(dev.timbot.tencent.CallbackSink sink) {
        throw new IllegalStateException(
            "the callback server is not part of this build yet: use Bot.builder().externalIntake() and feed"
                + " bot.callbackSink()");
      }

      @Override
      public void stop() {}
    };
  }
}
