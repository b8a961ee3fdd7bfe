package dev.timbot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small configuration of the reliability suite, for {@code mvn verify}: the echo bot in its
 * own JVM, kill -9 while messages arrive, the last 20 acknowledged callbacks delivered again after
 * the restart, then a sendmsg outage. Every acknowledged message is answered exactly once, in
 * order. The full configuration is {@link Main} (RELIABILITY.md).
 */
class ReliabilitySmokeTest {
  @TempDir Path work;

  @Test
  void killNineRedeliveryAndOutageLoseAndDuplicateNothing() throws Exception {
    try (Suite suite = new Suite(work, 10, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))) {
      suite.startBot();
      suite.killRounds(50, 1, Duration.ofSeconds(4), 20);
      Thread streamer = suite.streamInBackground(20, Duration.ofSeconds(8));
      Thread.sleep(1000);
      suite.proxy().outage(Duration.ofSeconds(5));
      streamer.join();
      Tally t = suite.settle(Duration.ofSeconds(30));
      System.out.println("reliability smoke: " + t + "; refused while down " + suite.refused());
      assertThat(t.acknowledged()).isGreaterThan(200);
      assertThat(t.unanswered()).as("acknowledged but unanswered").isZero();
      assertThat(t.duplicated()).as("answered twice").isZero();
      assertThat(t.outOfOrder()).as("same-second pairs out of order").isZero();
    }
  }
}
