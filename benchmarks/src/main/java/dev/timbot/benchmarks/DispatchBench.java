package dev.timbot.benchmarks;

import dev.timbot.Bot;
import dev.timbot.BotConfig;
import dev.timbot.tencent.CallbackEndpoint;
import dev.timbot.test.Callbacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole inbound path in one process: raw callback bytes → {@link CallbackReceiver#handle}
 * (query check, Sign verification, bounded parse) → {@code bot.callbacks()} → dedupe → lane →
 * 50-handler matcher chain → {@code ctx.reply} → outbox → a no-op {@code ImClient}.
 *
 * <p>One operation is one distinct message handled to completion: each invocation sends a batch
 * of {@value #BATCH} messages over {@value #CONVERSATIONS} conversations and waits until all
 * their replies reached the IM client, so the score is messages/s and {@code -prof gc}'s {@code
 * gc.alloc.rate.norm} is bytes per message. The receiver hands callbacks on in the calling
 * thread (as the bot's own single callback thread would), lanes run on the bot's pool.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class DispatchBench {
  public static final int BATCH = 64;
  public static final int CONVERSATIONS = 16;
  static final long SDK_APP_ID = 1400000000L;
  static final String TOKEN = "bench-callback-token";
  static final String BOT = "bench_bot";

  /** The bot, its receiver, and where replies are counted. */
  @State(Scope.Benchmark)
  public static class BotState {
    final Map<String, Semaphore> repliesByUser = new ConcurrentHashMap<>();
    final AtomicInteger threads = new AtomicInteger();
    Bot bot;
    CallbackEndpoint receiver;
    Path dir;

    /**
     * {@code file}: the default embedded store, in a fresh directory per trial: the dedupe claims and
     * the outbox records (callbacks fed to {@code bot.callbacks()} are not journaled, so the replies'
     * ids are those of sends made outside a journaled handler); {@code memory}: the same code path
     * without a disk, to see the dispatch chain on its own.
     */
    @Param({"file"})
    public String store = "file";

    @Setup(Level.Trial)
    public void start() throws IOException {
      dir = Files.createTempDirectory("timbot-dispatch-bench");
      String url = store.equals("memory") ? "memory:" : "file:" + dir.resolve("store");
      bot = Bot.builder()
          .config(BotConfig.forAccount(BOT).with("tim.sdkAppId", Long.toString(SDK_APP_ID))
              .with("callback.token", TOKEN).with("store.url", url))
          .plugin(new FiftyHandlers())
          .imClient(new NoopImClient(send -> repliesByUser.get(send.to()).release()))
          .externalIntake()
          .build();
      bot.start();
      receiver = bot.callbacks();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
      bot.stop();
      WrkBench.deleteTree(dir);
    }
  }

  /** One sender thread: its own users, message numbers, body buffer and reply counter. */
  @State(Scope.Thread)
  public static class SenderState {
    final Semaphore replies = new Semaphore(0);
    CallbackTemplate template;
    long nextSeq;
    long signedAt;
    Map<String, String> query;

    @Setup(Level.Trial)
    public void setUp(BotState bot) {
      int index = bot.threads.getAndIncrement();
      String prefix = "t" + index + "u";
      template = new CallbackTemplate(prefix, BOT);
      for (int u = 0; u < CONVERSATIONS; u++) {
        bot.repliesByUser.put(prefix + String.format("%04d", u), replies);
      }
      // Disjoint ranges per thread: MsgKey/MsgId stay unique across threads and iterations.
      nextSeq = index * 100_000_000_000L + 1;
      sign();
    }

    /** Signs again every 10 s: the receiver accepts a RequestTime within 60 s. */
    Map<String, String> query() {
      if (System.nanoTime() - signedAt > 10_000_000_000L) {
        sign();
      }
      return query;
    }

    private void sign() {
      long now = System.currentTimeMillis() / 1000;
      Map<String, String> q = new HashMap<>();
      q.put("SdkAppid", Long.toString(SDK_APP_ID));
      q.put("CallbackCommand", "Bot.OnC2CMessage");
      q.put("contenttype", "json");
      q.put("ClientIP", "127.0.0.1");
      q.put("OptPlatform", "RESTAPI");
      q.put("RequestTime", Long.toString(now));
      q.put("Sign", Callbacks.sign(TOKEN, now));
      query = Map.copyOf(q);
      signedAt = System.nanoTime();
    }
  }

  /** Sends one batch and waits for its replies; exposed for the smoke test. */
  public static void batch(BotState b, SenderState s) throws InterruptedException {
    for (int i = 0; i < BATCH; i++) {
      CallbackEndpoint.Response r = b.receiver.handle(s.query(), s.template.render(s.nextSeq++, i % CONVERSATIONS));
      if (r.status() != 200) {
        throw new IllegalStateException("callback refused: " + r);
      }
    }
    if (!s.replies.tryAcquire(BATCH, 30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("replies missing after 30 s: " + s.replies.availablePermits() + "/" + BATCH);
    }
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(BATCH)
  public void oneThread(BotState b, SenderState s) throws InterruptedException {
    batch(b, s);
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(BATCH)
  public void twoThreads(BotState b, SenderState s) throws InterruptedException {
    batch(b, s);
  }

}
