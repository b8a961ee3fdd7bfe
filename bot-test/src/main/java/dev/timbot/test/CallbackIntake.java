package dev.timbot.test;

import dev.timbot.Bot;
import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.tencent.CallbackEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * Hands callback bodies to the bot's callback endpoint as the service posts them: with the URL
 * parameters it adds, signed when {@code callback.token} is configured.
 */
final class CallbackIntake {
  private final Bot bot;
  private final VirtualClock clock;

  CallbackIntake(Bot bot, VirtualClock clock) {
    this.bot = bot;
    this.clock = clock;
  }

  /** Posts one body; fails the test if the bot refuses it (anything but 200). */
  void post(String callbackJson) {
    CallbackEndpoint.Response r = bot.callbacks().handle(query(callbackJson), callbackJson.getBytes(StandardCharsets.UTF_8));
    if (r.status() != 200) {
      throw new AssertionFailedError("the bot refused the callback with " + r.status() + " " + r.body());
    }
  }

  /** The URL parameters the service adds, signed when {@code callback.token} is configured. */
  private Map<String, String> query(String json) {
    Map<String, String> q = new HashMap<>();
    q.put("SdkAppid", Long.toString(bot.config().tim().sdkAppId()));
    q.put("CallbackCommand", Callbacks.commandOf(json));
    q.put("contenttype", "json");
    q.put("ClientIP", "127.0.0.1");
    q.put("OptPlatform", "RESTAPI");
    String token = bot.config().callback().token();
    if (token != null) {
      long now = clock.now().getEpochSecond();
      q.put("RequestTime", Long.toString(now));
      q.put("Sign", Callbacks.sign(token, now));
    }
    return q;
  }
}
