package com.example.bot;

import dev.timbot.Bot;
import dev.timbot.BotConfig;
import dev.timbot.emulator.LocalIm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts your bot. Without Tencent IM credentials it also starts the local emulator on port
 * 9000, wired to the bot (callback URL and token, a fixed secret), and prints the chat console's
 * URL; with {@code TIM_SDKAPPID}, {@code TIM_SECRET_KEY} and {@code TIM_ADMIN} set it runs against
 * Tencent IM. Configuration: {@code bot.yaml} in the working directory (else the built-in copy).
 */
public final class Main {
  /** The emulator's secret and SDKAppID: fixed, so a separately started emulator can match them. */
  public static final String DEV_SECRET = "dev-secret";
  public static final long DEV_SDKAPPID = 1400000000L;
  static final List<String> CREDENTIALS = List.of("TIM_SDKAPPID", "TIM_SECRET_KEY", "TIM_ADMIN");

  private Main() {}

  /** The running bot and, in development, its emulator. */
  public record Running(Bot bot, LocalIm im, String consoleUrl) implements AutoCloseable {
    @Override
    public void close() {
      bot.stop();
      if (im != null) {
        im.stop();
      }
    }
  }

  public static void main(String[] args) throws InterruptedException {
    Running running = start(9000, System.getenv());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }));
    stopped.await();
  }

  /** Starts the bot (and the emulator on {@code imPort} unless Tencent IM credentials are set). */
  public static Running start(int imPort, Map<String, String> env) {
    BotConfig config = BotConfig.parse(yaml(), env);
    long set = CREDENTIALS.stream().filter(n -> env.get(n) != null && !env.get(n).isBlank()).count();
    if (set == CREDENTIALS.size()) {
      Bot bot = Bot.builder().config(config).plugin(new GreeterPlugin()).build();
      bot.start();
      System.out.println("Bot " + bot.account() + " is running on Tencent IM.");
      return new Running(bot, null, null);
    }
    if (set > 0) {
      throw new IllegalStateException("set all of " + CREDENTIALS + " for Tencent IM, or none for the emulator");
    }
    LocalIm im = LocalIm.builder().port(imPort).sdkAppId(DEV_SDKAPPID).secretKey(DEV_SECRET).start();
    try {
      Bot bot = Bot.builder().config(config
              .with("tim.sdkAppId", String.valueOf(im.sdkAppId()))
              .with("tim.secretKey", im.secretKey())
              .with("tim.admin", im.admin())
              .with("tim.baseUrl", im.baseUrl()))
          .plugin(new GreeterPlugin()).build();
      bot.start();
      // Wire the emulator to the bot: without a callback URL no bot hears a message.
      im.setCallback(bot.callbackUrl().orElseThrow().toString(), config.callback().token());
      String url = im.consoleUrl() + "?user=alice&peer=" + URLEncoder.encode(bot.account(), StandardCharsets.UTF_8);
      System.out.println("Your bot " + bot.account() + " is running. Chat with it in the console:\n  " + url);
      return new Running(bot, im, url);
    } catch (RuntimeException e) {
      im.stop();
      throw e;
    }
  }

  private static String yaml() {
    try {
      Path local = Path.of("bot.yaml");
      if (Files.exists(local)) {
        return Files.readString(local);
      }
      try (InputStream in = Main.class.getResourceAsStream("/bot.yaml")) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bot.yaml: " + e.getMessage(), e);
    }
  }
}
