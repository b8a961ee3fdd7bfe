package dev.timbot.benchmarks;

import dev.timbot.Bot;
import dev.timbot.BotConfig;
import dev.timbot.tencent.TencentIm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A system under test for {@link EndToEnd}, in its own JVM: {@code timbot} (the framework with the
 * echo sample's handlers) or {@code baseline} ({@link BaselineBot}). Settings come from the same
 * environment variables as the echo sample. Prints {@code SUT_READY <callback URL>}, then answers
 * commands on stdin: {@code reset} (heap peak), {@code stats} ({@code SUT_STATS} line).
 */
public final class SutMain {
  private SutMain() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "timbot";
    BotConfig cfg = BotConfig.fromEnv();
    BotConfig.Tim tim = cfg.tim();
    HeapSampler heap = new HeapSampler().start();
    AutoCloseable sut;
    String url;
    if (mode.equals("baseline")) {
      BaselineBot b = new BaselineBot(tim.sdkAppId(), tim.secretKey(), tim.admin(), tim.baseUrl(), cfg.bot().account())
          .start();
      sut = b;
      url = b.callbackUrl();
    } else {
      // The framework's own REST client, with its client-side limiter raised like the emulator's:
      // this run measures overhead, not the 200/s quota (OutboundDrain measures that).
      TencentIm.Client im = TencentIm.client().sdkAppId(tim.sdkAppId()).secretKey(tim.secretKey())
          .admin(tim.admin()).baseUrl(tim.baseUrl()).rateLimit(1_000_000).build();
      Bot bot = Bot.builder().config(cfg).plugin(new EchoPlugin()).imClient(im).build();
      bot.start();
      sut = () -> {
        bot.stop();
        im.close();
      };
      url = bot.callbackUrl().orElseThrow().toString();
    }
    System.out.println("SUT_READY " + url);
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      switch (line.trim()) {
        case "reset" -> heap.reset();
        case "stats" -> {
          long peak = heap.max();
          long mean = heap.mean();
          long live = HeapSampler.liveAfterGc();
          System.out.println("SUT_STATS peak=" + peak + " mean=" + mean + " live=" + live
              + " committed=" + HeapSampler.committed());
          System.out.flush();
        }
        case "quit" -> {
          sut.close();
          System.exit(0);
        }
        default -> System.out.println("SUT_ERROR unknown command " + line);
      }
    }
    sut.close();
    System.exit(0);
  }
}
