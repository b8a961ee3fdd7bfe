package dev.timbot.emulator;

import dev.timbot.Bot;
import dev.timbot.BotConfig;
import dev.timbot.Plugin;
import java.nio.file.Path;
import java.util.Map;

/** A bot with its production wiring (REST client, signed callback server) on an emulator. */
public final class BotOnEmulator {
  private BotOnEmulator() {}

  /** Starts {@code plugin} as {@code account} and points the emulator's callbacks at it. */
  public static Bot start(LocalIm im, Path media, String account, Plugin plugin) {
    BotConfig config = BotConfig.load(null, Map.of(
        "TIM_SDKAPPID", Long.toString(im.sdkAppId()), "TIM_SECRET_KEY", im.secretKey(),
        "TIM_ADMIN", im.admin(), "TIM_BASE_URL", im.baseUrl(), "BOT_ACCOUNT", account,
        "CALLBACK_HOST", "127.0.0.1", "CALLBACK_PORT", "0", "CALLBACK_TOKEN", im.callbackToken(),
        "MEDIA_DIR", media.toString()));
    Bot bot = Bot.builder().config(config).plugin(plugin).build();
    bot.start();
    im.setCallback(bot.callbackUrl().orElseThrow().toString());
    return bot;
  }
}
