package dev.timbot.benchmarks;

import dev.timbot.internal.store.EmbeddedStore;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store;
import dev.timbot.spi.Store.OutboxStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The embedded store's work for one echoed message, as the runtime does it, {@value #BATCH}
 * messages at a time (what a saturated receiver offers at once): the journal append (waited for
 * before the acknowledgement), the dedupe claim, the outbox's sequence and record (waited for
 * before the send), then the send marked done and the journal entry finished. One operation is
 * one message; {@code -prof gc} gives bytes per message. Issue 15's step "cheaper commits" is
 * measured here without HTTP in the way.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@State(Scope.Benchmark)
public class StorePathBench {
  static final int BATCH = 64;
  static final int CONVERSATIONS = 64;

  Path dir;
  Store store;
  long next;
  /** Dedupe claims per message: 1 here (the figures of BENCHMARKS §8c–8f); the runtime makes 2 ({@link StoreBytes}). */
  int claims = 1;
  /** Messages per round ({@link StoreBytes} {@code --batch}: fewer per commit, as at a moderate rate); JMH uses {@value #BATCH}. */
  int batch = BATCH;
  final byte[] callback = new byte[520];
  final byte[] reply = new byte[140];

  /** A MsgKey-like dedupe key for message {@code n}: unrelated to arrival order, as real keys are. */
  static String msgKey(long n) {
    return "key:144115" + Long.toHexString(n * 0x9E3779B97F4A7C15L) + "_" + n;
  }

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("timbot-store-path-bench");
    store = new EmbeddedStore(dir.resolve("store"), BotClock.system());
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    WrkBench.deleteTree(dir);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void echo() {
    long[] ids = new long[batch];
    @SuppressWarnings("unchecked")
    CompletableFuture<Long>[] appends = new CompletableFuture[batch];
    for (int i = 0; i < batch; i++) {
      appends[i] = store.journal().append("C2Cu" + (i % CONVERSATIONS), callback);
    }
    for (int i = 0; i < batch; i++) {
      ids[i] = appends[i].join();
    }
    @SuppressWarnings("unchecked")
    CompletableFuture<OutboxStore.Entry>[] records = new CompletableFuture[batch];
    for (int i = 0; i < batch; i++) {
      long n = next++;
      // MsgKeys are unrelated to arrival order: a hash spreads them as real keys are spread.
      if (claims > 1) {
        store.dedupe().claim("id:144115-" + Long.toHexString(n * 0xC2B2AE3D27D4EB4FL), "j" + ids[i], Duration.ofMinutes(10));
      }
      if (claims > 0) {
        store.dedupe().claim(msgKey(n), "j" + ids[i], Duration.ofMinutes(10));
      }
      String id = "j" + ids[i] + "#0";
      String conv = "C2Cu" + (i % CONVERSATIONS);
      OutboxStore outbox = store.outbox();
      if (outbox.get(id).isEmpty()) {
        long seq = outbox.nextSeq(conv);
        java.time.Instant now = java.time.Instant.now();
        records[i] = outbox.record(new OutboxStore.Entry(id, conv, seq, 7, reply, OutboxStore.State.PENDING, 0, now,
            now, null));
      }
    }
    for (int i = 0; i < batch; i++) {
      OutboxStore.Entry e = records[i].join();
      store.outbox().done(e.id(), Duration.ofHours(1));
      store.journal().finish(ids[i]);
    }
  }
}
