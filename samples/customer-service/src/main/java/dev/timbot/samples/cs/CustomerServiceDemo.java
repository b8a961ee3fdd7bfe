package dev.timbot.samples.cs;

import dev.timbot.Bot;
import dev.timbot.BotConfig;
import dev.timbot.BotEvent;
import dev.timbot.emulator.LocalIm;
import dev.timbot.plugins.autoreply.AutoReplyPlugin;
import dev.timbot.plugins.calls.CallsPlugin;
import dev.timbot.plugins.faq.FaqPlugin;
import dev.timbot.plugins.service.ServicePlugin;
import dev.timbot.tencent.TencentIm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer-service sample: auto-reply, FAQ, human handoff and the call relay on one bot
 * account. Without Tencent credentials in the environment it starts the embedded emulator,
 * creates demo accounts (two agents, two customers) and prints browser-console URLs to try it;
 * with {@code TIM_SDKAPPID}/{@code TIM_SECRET_KEY}/{@code TIM_ADMIN} it runs against Tencent IM.
 */
public final class CustomerServiceDemo {
  private static final Logger log = LoggerFactory.getLogger(CustomerServiceDemo.class);
  static final List<String> AGENTS = List.of("agent1", "agent2");
  static final List<String> CUSTOMERS = List.of("customer1", "customer2");

  private CustomerServiceDemo() {}

  /** What {@link #start} started; {@link #close()} stops the bot, then the emulator. */
  public record Running(Bot bot, LocalIm im, String customerUrl, String agentUrl) implements AutoCloseable {
    @Override
    public void close() {
      bot.stop();
      if (im != null) {
        im.stop();
      }
    }
  }

  public static void main(String[] args) throws InterruptedException {
    if (DemoOptions.wantsHelp(args)) {
      System.out.println(DemoOptions.usage());
      return;
    }
    DemoOptions options;
    try {
      options = DemoOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Running running;
    try {
      running = start(options);
    } catch (RuntimeException e) {
      System.err.println("timbot customer-service demo could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("stopping…");
      running.close();
      stopped.countDown();
    }, "timbot-shutdown"));
    stopped.await();
  }

  /** Starts the demo in the mode the environment selects. */
  public static Running start(DemoOptions options) {
    BotConfig config = config(options);
    if (options.realMode()) {
      log.info("mode: Tencent IM (TIM_SDKAPPID, TIM_SECRET_KEY and TIM_ADMIN are set), {}", config.tim().baseUrl());
      Bot bot = build(config);
      bot.start();
      log.info("ready: bot {} is listening for Tencent IM callbacks at {}", bot.account(), bot.callbackUrl().orElse(null));
      return new Running(bot, null, null, null);
    }
    log.info("mode: embedded emulator (set TIM_SDKAPPID, TIM_SECRET_KEY and TIM_ADMIN to use Tencent IM)");
    String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    log.info("starting the Tencent IM emulator on port {}…", options.imPort());
    LocalIm im;
    try {
      im = LocalIm.builder().port(options.imPort()).start();
    } catch (RuntimeException e) {
      throw new IllegalStateException("the emulator could not listen on port " + options.imPort()
          + " (" + rootMessage(e) + "); is another demo running? Use --port N to pick another.", e);
    }
    try {
      BotConfig embedded = config
          .with("tim.sdkAppId", String.valueOf(im.sdkAppId()))
          .with("tim.secretKey", im.secretKey())
          .with("tim.admin", im.admin())
          .with("tim.baseUrl", im.baseUrl())
          .with("callback.port", String.valueOf(options.callbackPort()))
          .with("callback.token", token);
      createDemoAccounts(im);
      log.info("starting the bot {} (callbacks on port {})…", embedded.bot().account(), options.callbackPort());
      Bot bot = build(embedded);
      try {
        bot.start();
      } catch (RuntimeException e) {
        throw new IllegalStateException("the bot could not start (" + rootMessage(e) + "); if port "
            + options.callbackPort() + " is in use, pass --callback-port N.", e);
      }
      im.setCallback(bot.callbackUrl().orElseThrow().toString(), token);
      String peer = URLEncoder.encode(bot.account(), StandardCharsets.UTF_8);
      String customerUrl = im.consoleUrl() + "?user=" + CUSTOMERS.get(0) + "&peer=" + peer;
      String agentUrl = im.consoleUrl() + "?user=" + AGENTS.get(0) + "&peer=" + peer;
      log.info("ready. Open the chat console:\n"
          + "  customer: {}\n"
          + "  agent:    {}\n"
          + "Try: ask 怎么申请退款 or 'how long does shipping take?' (then reply 1), type 转人工 "
          + "(or 'human') to reach agent1, or press the call button.", customerUrl, agentUrl);
      return new Running(bot, im, customerUrl, agentUrl);
    } catch (RuntimeException e) {
      im.stop();
      throw e;
    }
  }

  static Bot build(BotConfig config) {
    return Bot.builder().config(config)
        .plugin(ServicePlugin.class) // first: its interceptor decides who owns a conversation
        .plugin(AutoReplyPlugin.class)
        .plugin(FaqPlugin.class)
        .plugin(CallsPlugin.class)
        .build();
  }

  /** The built-in YAML (or {@code --config}), with the data directory applied. */
  static BotConfig config(DemoOptions options) {
    String yaml;
    try {
      if (options.config() != null) {
        yaml = Files.readString(options.config());
      } else {
        try (InputStream in = CustomerServiceDemo.class.getResourceAsStream("/customer-service.yaml")) {
          yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the configuration: " + e.getMessage(), e);
    }
    BotConfig parsed = BotConfig.parse(yaml, options.env());
    // On a store several instances share (Redis), the desk lives there too, so every instance sees
    // one desk; otherwise in the demo's data directory.
    boolean shared = parsed.store().url().trim().toLowerCase(java.util.Locale.ROOT).startsWith("redis");
    BotConfig config = parsed
        .with("service.store", shared ? "store" : options.dataDir().resolve("service").toString())
        // Shared, the calls live in the store too (calls.cluster: auto), and so does their log.
        .with("calls.log", shared ? "store" : options.dataDir().resolve("calls.jsonl").toString())
        .with("faq.unansweredLog", options.dataDir().resolve("faq-unanswered.jsonl").toString());
    if (options.config() == null) {
      config = config.with("faq.kb", installShopKb(options.dataDir().resolve("faq")).toString());
    }
    return config;
  }

  /**
   * Copies the shipped shop knowledge base (and its synonyms) into {@code dir} unless it is there
   * already, so a demo user can edit it and watch the bot reload it.
   */
  static Path installShopKb(Path dir) {
    try {
      Files.createDirectories(dir);
      for (String name : List.of("shop-faq.yaml", "shop-synonyms.txt")) {
        Path target = dir.resolve(name);
        if (!Files.exists(target)) {
          try (InputStream in = FaqPlugin.class.getResourceAsStream("/kb/" + name)) {
            Files.copy(in, target);
          }
        }
      }
      return dir.resolve("shop-faq.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the sample knowledge base in " + dir, e);
    }
  }

  /** Creates the demo's people the way an admin tool would: over the REST API, before the bot starts. */
  private static void createDemoAccounts(LocalIm im) {
    try (TencentIm.Client admin = TencentIm.client().sdkAppId(im.sdkAppId()).secretKey(im.secretKey())
        .admin(im.admin()).baseUrl(im.baseUrl()).build()) {
      for (String agent : AGENTS) {
        admin.importAccount(agent, "Agent " + agent.substring(agent.length() - 1), null).join();
      }
      for (String customer : CUSTOMERS) {
        admin.importAccount(customer, "Customer " + customer.substring(customer.length() - 1), null).join();
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
