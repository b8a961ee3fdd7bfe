package dev.timbot.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each harness starts and produces a number on a tiny load. No timing is asserted: these
 * machines are shared and noisy, and the figures belong in BENCHMARKS.md, not in the build.
 */
class HarnessSmokeTest {
  @TempDir
  Path tmp;

  @Test
  void dispatchBenchmarkHandlesBatchesToCompletion() throws Exception {
    DispatchBench.BotState bot = new DispatchBench.BotState();
    bot.start();
    try {
      DispatchBench.SenderState sender = new DispatchBench.SenderState();
      sender.setUp(bot);
      for (int i = 0; i < 3; i++) {
        DispatchBench.batch(bot, sender); // throws if a reply is missing
      }
      assertThat(sender.nextSeq).isGreaterThan(3L * DispatchBench.BATCH);
    } finally {
      bot.stop();
    }
  }

  @Test
  void endToEndComparesBothBotsAndDrawsThePlot() throws Exception {
    Path png = tmp.resolve("plot.png");
    List<StepResult> medians = EndToEnd.run(new Args(new String[] {
        "--rates=100", "--step=0.3", "--warmup=0.1", "--drain=5", "--runs=1", "--window=8",
        "--users=4", "--sut-jvm=-Xmx128m,-XX:TieredStopAtLevel=1", "--out=" + tmp, "--png=" + png}));
    assertThat(medians).extracting(StepResult::sut).contains("timbot", "baseline");
    assertThat(medians).allSatisfy(r -> assertThat(r.received()).isPositive());
    assertThat(png).exists();
    assertThat(Files.size(png)).isPositive();
  }

  @Test
  void outboundDrainCountsDeliveries() throws Exception {
    OutboundDrain.Result r = OutboundDrain.run(40, 200, 200, 4, java.time.Duration.ofSeconds(10));
    assertThat(r.delivered()).isEqualTo(40);
    assertThat(r.firstToLastPerSec()).isPositive();
  }

  @Test
  void memoryPerConversationGivesAFigure() throws Exception {
    MemoryPerConversation.Result r = MemoryPerConversation.run(1_000, java.time.Duration.ZERO);
    assertThat(r.botBytesPer()).isNotNaN();
    assertThat(r.sessionStoreBytesPer()).isNotNaN();
  }

  @Test
  void startUpTimesTheEchoSample() throws Exception {
    Path jar = Path.of("../samples/echo/target/timbot-echo.jar");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(jar), "echo sample not built");
    double[] ms = StartUp.measure(jar, 1, List.of());
    assertThat(ms[0]).isPositive();
  }
}
