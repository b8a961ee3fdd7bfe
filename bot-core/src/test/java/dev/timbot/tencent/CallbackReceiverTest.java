package dev.timbot.tencent;

import dev.timbot.internal.callback.CallbackCommand;
import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.CallbackResponse;
import dev.timbot.internal.callback.ReceivedCallback;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Direct {@code handle(...)} calls: the server-neutral entry points, metrics, executors. */
class CallbackReceiverTest {
  static final long APP = 1400000000L;
  static final Map<String, String> QUERY =
      Map.of("SdkAppid", "1400000000", "CallbackCommand", "C2C.CallbackAfterMsgReport");
  static final byte[] REPORT =
      "{\"Report_Account\":\"jared\",\"Peer_Account\":\"Jonh\",\"LastReadTime\":1}".getBytes(StandardCharsets.UTF_8);

  final List<ReceivedCallback> got = new ArrayList<>();

  CallbackReceiver.Builder base() {
    return CallbackReceiver.builder().sdkAppId(APP).executor(Runnable::run).sink(got::add);
  }

  @Test
  void streamOverloadReadsBoundedAndChecksCredentialsFirst() {
    CallbackReceiver r = base().maxBodyBytes(100).build();
    assertThat(r.handle(QUERY, new ByteArrayInputStream(REPORT), REPORT.length).status()).isEqualTo(200);
    assertThat(r.handle(QUERY, new ByteArrayInputStream(REPORT), -1).status()).isEqualTo(200);
    // Declared too large: refused without reading.
    InputStream never =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("must not be read");
          }
        };
    assertThat(r.handle(QUERY, never, 101).status()).isEqualTo(413);
    // Undeclared and too large: refused after reading at most limit + 1 bytes.
    CountingStream endless = new CountingStream();
    CallbackResponse big = r.handle(QUERY, endless, -1);
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.body()).contains("\"ActionStatus\":\"FAIL\"").contains("\"ErrorCode\":413");
    assertThat(endless.count).isLessThanOrEqualTo(101 + 8192);
    // Bad SdkAppid: the body is never touched.
    assertThat(r.handle(Map.of("SdkAppid", "1"), never, 10).status()).isEqualTo(403);
    // A stream failing mid-way is a 400, not an exception.
    assertThat(r.handle(QUERY, never, -1).status()).isEqualTo(400);
    assertThat(got).hasSize(2);
  }

  @Test
  void byteOverloadEnforcesTheLimit() {
    CallbackReceiver r = base().maxBodyBytes(10).build();
    assertThat(r.handle(QUERY, REPORT).status()).isEqualTo(413);
    assertThat(r.bodyTooLarge(QUERY).status()).isEqualTo(413);
    assertThat(got).isEmpty();
  }

  @Test
  void nullQueryAndBodyAreRefusedNotThrown() {
    CallbackReceiver r = base().build();
    assertThat(r.handle(null, (byte[]) null).status()).isEqualTo(403);
    assertThat(r.handle(QUERY, (byte[]) null).status()).isEqualTo(400);
  }

  @Test
  void countersForReceivedAndRejected() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    CallbackReceiver r = base().meterRegistry(meters).build();
    r.handle(QUERY, REPORT);
    r.handle(QUERY, REPORT);
    r.handle(Map.of("SdkAppid", "1400000000", "CallbackCommand", "Some.New"), "{}".getBytes(StandardCharsets.UTF_8));
    r.handle(QUERY, "{".getBytes(StandardCharsets.UTF_8));
    r.handle(Map.of("SdkAppid", "7"), REPORT);
    assertThat(meters.get("timbot.callbacks.received").tag("command", "C2C.CallbackAfterMsgReport").counter().count())
        .isEqualTo(2.0);
    assertThat(meters.get("timbot.callbacks.received").tag("command", "other").counter().count()).isEqualTo(1.0);
    assertThat(meters.get("timbot.callbacks.rejected").tag("reason", "malformed_json").counter().count()).isEqualTo(1.0);
    assertThat(meters.get("timbot.callbacks.rejected").tag("reason", "bad_sdkappid").counter().count()).isEqualTo(1.0);
  }

  @Test
  void boundedExecutorSaturationIs503AndNothingIsLostSilently() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1));
    try {
      CallbackReceiver r =
          CallbackReceiver.builder()
              .sdkAppId(APP)
              .executor(pool)
              .sink(cb -> {
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                synchronized (got) {
                  got.add(cb);
                }
              })
              .build();
      assertThat(r.handle(QUERY, REPORT).status()).isEqualTo(200); // running
      assertThat(r.handle(QUERY, REPORT).status()).isEqualTo(200); // queued
      CallbackResponse third = r.handle(QUERY, REPORT);
      assertThat(third.status()).isEqualTo(503);
      assertThat(new ObjectMapper().readTree(third.body()).path("ErrorCode").asInt()).isEqualTo(503);
      release.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
      synchronized (got) {
        assertThat(got).hasSize(2);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void defaultExecutorDeliversAsynchronouslyAndCloseDrainsIt() throws Exception {
    List<ReceivedCallback> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread[] sinkThread = new Thread[1];
    CallbackReceiver r =
        CallbackReceiver.builder()
            .sdkAppId(APP)
            .sink(cb -> {
              sinkThread[0] = Thread.currentThread();
              seen.add(cb);
            })
            .build();
    for (int i = 0; i < 50; i++) {
      assertThat(r.handle(QUERY, REPORT).status()).isEqualTo(200);
    }
    r.close();
    assertThat(seen).hasSize(50);
    assertThat(sinkThread[0]).isNotSameAs(Thread.currentThread());
    assertThat(sinkThread[0].isDaemon()).isTrue();
    // After close the receiver refuses rather than dropping.
    assertThat(r.handle(QUERY, REPORT).status()).isEqualTo(503);
  }

  @Test
  void refusalFloodsAreLoggedOncePerReasonAndInterval() {
    dev.timbot.spi.BotClock.VirtualClock clock = new dev.timbot.spi.BotClock.VirtualClock();
    CallbackReceiver r = base().clock(clock).build();
    try (LogCapture logs = new LogCapture()) {
      for (int i = 0; i < 5; i++) {
        assertThat(r.handle(Map.of("SdkAppid", "9"), REPORT).status()).isEqualTo(403);
      }
      assertThat(r.handle(QUERY, "[".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
      assertThat(logs.events().stream().filter(e -> e.getFormattedMessage().startsWith("refused"))).hasSize(2);
      clock.advance(java.time.Duration.ofSeconds(10));
      r.handle(Map.of("SdkAppid", "9"), REPORT);
      assertThat(logs.text()).contains("403 SdkAppid does not match (4 similar refusals not logged)");
    }
  }

  @Test
  void unmodelledCallbacksAreAcknowledgedEachAndLoggedOncePerInterval() {
    dev.timbot.spi.BotClock.VirtualClock clock = new dev.timbot.spi.BotClock.VirtualClock();
    CallbackReceiver r = base().clock(clock).build();
    Map<String, String> unknown = Map.of("SdkAppid", "1400000000", "CallbackCommand", "Future.CallbackSomething");
    try (LogCapture logs = new LogCapture()) {
      for (int i = 0; i < 4; i++) {
        assertThat(r.handle(unknown, "{}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
      }
      assertThat(got).hasSize(4);
      assertThat(logs.events().stream().filter(e -> e.getFormattedMessage().contains("not modelled"))).hasSize(1);
      clock.advance(java.time.Duration.ofSeconds(10));
      r.handle(unknown, "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(logs.text()).contains("Future.CallbackSomething is not modelled by timbot; acknowledged and handed on raw"
          + " (3 unmodelled callbacks since the last line)");
    }
  }

  @Test
  void requestTextCannotForgeLogLines() {
    CallbackReceiver r = base().build();
    try (LogCapture logs = new LogCapture()) {
      r.handle(Map.of("SdkAppid", "1400000000", "CallbackCommand", "X\nINFO forged line"), "{".getBytes(StandardCharsets.UTF_8));
      assertThat(logs.text()).contains("X?INFO forged line").doesNotContain("X\nINFO");
    }
  }

  /** An endless stream of spaces that counts what was read. */
  static final class CountingStream extends InputStream {
    long count;

    @Override
    public int read() {
      count++;
      return ' ';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = Math.min(len, 8192);
      java.util.Arrays.fill(b, off, off + n, (byte) ' ');
      count += n;
      return n;
    }
  }
}
