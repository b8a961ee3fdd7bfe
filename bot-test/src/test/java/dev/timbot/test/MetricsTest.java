package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.ImException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetricsTest {
  @RegisterExtension
  BotTester tester = BotTester.of(on -> on.text(ctx -> ctx.reply("ok")).name("echo"));

  @Test
  void runtimeMetricsAreRecordedWithTags() {
    MeterRegistry m = tester.meters();
    var d = tester.user("alice").says("hi");
    d.redeliver();
    tester.user("alice").inGroup("@TGS#1").says("not for me");
    tester.im().failSends(() -> new ImException(20003, "invalid account"));
    tester.user("bob").says("x");

    assertThat(m.counter("timbot.inbox.callbacks", "bot", "bot", "command", "C2C.CallbackAfterSendMsg").count())
        .isEqualTo(3.0);
    assertThat(m.counter("timbot.messages.received", "bot", "bot", "type", "c2c", "routing", "direct").count())
        .isEqualTo(2.0);
    assertThat(m.counter("timbot.messages.duplicates", "bot", "bot").count()).isEqualTo(1.0);
    assertThat(m.counter("timbot.messages.ignored", "bot", "bot", "reason", "not-addressed").count()).isEqualTo(1.0);
    assertThat(m.timer("timbot.handler.latency", "bot", "bot", "plugin", "plugin", "handler", "echo").count())
        .isEqualTo(2);
    assertThat(m.counter("timbot.sends", "bot", "bot", "type", "c2c", "outcome", "ok").count()).isEqualTo(1.0);
    assertThat(m.counter("timbot.sends", "bot", "bot", "type", "c2c", "outcome", "error").count()).isEqualTo(1.0);
    assertThat(m.get("timbot.queue.depth").gauge().value()).isZero();
    assertThat(tester.errors()).singleElement().satisfies(e -> assertThat(e.code()).isEqualTo(20003));
  }

}
