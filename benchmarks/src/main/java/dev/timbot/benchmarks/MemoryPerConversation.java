package dev.timbot.benchmarks;

import dev.timbot.Bot;
import dev.timbot.spi.SessionStore;
import dev.timbot.spi.BotClock;
import dev.timbot.BotConfig;
import dev.timbot.spi.Session;
import dev.timbot.Handlers;
import dev.timbot.Plugin;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap per idle conversation. {@code conversations} users each send one message; the handler
 * stores a session entry and replies (into a no-op IM client); once the bot is idle, the live heap
 * after full GCs is compared with the live heap before. What remains per conversation is what an
 * idle conversation costs: its session (Caffeine entry + map + value) and the dedupe entries of
 * its last message (kept {@code dispatch.dedupeTtl}, 10 min by default); lanes are dropped when
 * empty. The session store alone is measured the same way to split the figure.
 *
 * <pre>java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.MemoryPerConversation --conversations=100000 --runs=3 --settle=35</pre>
 */
public final class MemoryPerConversation {
  private MemoryPerConversation() {}

  /** Bytes per conversation: through the whole bot, and for the session store alone. */
  public record Result(int conversations, double botBytesPer, double sessionStoreBytesPer) {}

  public static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    int n = a.integer("conversations", 100_000);
    int runs = a.integer("runs", 3);
    Duration settle = a.seconds("settle", 0);
    List<Result> rs = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Result r = run(n, settle);
      System.err.println("run " + (i + 1) + ": " + r);
      rs.add(r);
    }
    StringBuilder sb = new StringBuilder("| run | conversations | bytes/conversation (whole bot) | bytes/session (store alone) |\n|---:|---:|---:|---:|\n");
    for (int i = 0; i < rs.size(); i++) {
      sb.append(String.format("| %d | %d | %.0f | %.0f |%n", i + 1, rs.get(i).conversations(), rs.get(i).botBytesPer(),
          rs.get(i).sessionStoreBytesPer()));
    }
    double[] bot = rs.stream().mapToDouble(Result::botBytesPer).sorted().toArray();
    double[] store = rs.stream().mapToDouble(Result::sessionStoreBytesPer).sorted().toArray();
    sb.append(String.format("| median | %d | %.0f | %.0f |%n", n, bot[bot.length / 2], store[store.length / 2]));
    System.out.println(sb);
  }

  /**
   * @param settle how long to wait after the bot went idle before measuring: each handled message
   *     leaves cancelled handler-timeout timer tasks queued until {@code dispatch.handlerTimeout}
   *     (30 s) would have passed, which are transient, not part of an idle conversation
   */
  public static Result run(int conversations, Duration settle) throws InterruptedException {
    return new Result(conversations, throughBot(conversations, settle), sessionStoreOnly(conversations));
  }

  static double throughBot(int conversations, Duration settle) throws InterruptedException {
    Plugin plugin = new Plugin() {
      @Override
      public void configure(Handlers on) {
        on.text(ctx -> {
          ctx.session().put("step", "awaiting-order-number");
          ctx.reply("What is your order number?");
        });
      }
    };
    try (Bot bot = Bot.builder().config(BotConfig.forAccount("mem_bot").with("tim.sdkAppId", "1400000000")).plugin(plugin)
        .imClient(new NoopImClient(s -> { })).externalIntake().build()) {
      bot.start();
      feed(bot, "warm", 2_000, 1); // classes loaded, caches sized, JIT warm
      idle(bot);
      Thread.sleep(settle.toMillis());
      long before = HeapSampler.liveAfterGc();
      feed(bot, "conv", conversations, 1_000_000);
      idle(bot);
      Thread.sleep(settle.toMillis());
      long after = HeapSampler.liveAfterGc();
      Reference.reachabilityFence(bot);
      return (after - before) / (double) conversations;
    }
  }

  /** The session store a plugin gets, on its own. */
  static final class StoreProbe implements Plugin {
    @com.google.inject.Inject SessionStore store;

    @Override
    public void configure(Handlers on) {}
  }

  static double sessionStoreOnly(int conversations) {
    StoreProbe probe = new StoreProbe();
    try (Bot bot = Bot.builder().config(BotConfig.forAccount("mem_store").with("tim.sdkAppId", "1400000000")).plugin(probe)
        .imClient(new NoopImClient(s -> { })).externalIntake().build()) {
      return sessionStoreOnly(probe.store, conversations);
    }
  }

  private static double sessionStoreOnly(SessionStore store, int conversations) {
    for (int i = 0; i < 2_000; i++) {
      store.session("C2Cwarm" + i).put("step", "awaiting-order-number");
    }
    long before = HeapSampler.liveAfterGc();
    for (int i = 0; i < conversations; i++) {
      Session s = store.session(String.format("C2Cconv%06d", i));
      s.put("step", "awaiting-order-number");
    }
    long after = HeapSampler.liveAfterGc();
    Reference.reachabilityFence(store);
    return (after - before) / (double) conversations;
  }

  private static void feed(Bot bot, String prefix, int n, long seqBase) {
    for (int i = 0; i < n; i++) {
      Messages.deliver(bot, Messages.c2c(String.format("%s%06d", prefix, i), "mem_bot", seqBase + i, "hello"));
    }
  }

  private static void idle(Bot bot) {
    if (!bot.awaitIdle(Duration.ofSeconds(120))) {
      throw new IllegalStateException("the bot did not go idle");
    }
  }
}
