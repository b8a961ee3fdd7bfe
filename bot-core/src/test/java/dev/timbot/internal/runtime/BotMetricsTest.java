package dev.timbot.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.BotEvent.NetState;
import dev.timbot.internal.rest.ImClientListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the REST client reports reaches the meters and, for reachability, {@code NET_STATE_CHANGE}. */
class BotMetricsTest {
  final MeterRegistry m = new SimpleMeterRegistry();
  final List<NetState> states = new ArrayList<>();
  final ImClientListener l = new BotMetrics(m, "bot").imListener(states::add);

  @Test
  void netStateChangesAreHandedOn() {
    l.onNetStateChange(NetState.CONNECTING);
    l.onNetStateChange(NetState.CONNECTED);
    assertThat(states).containsExactly(NetState.CONNECTING, NetState.CONNECTED);
  }

  @Test
  void restClientMetricsComeThroughTheListener() {
    l.onCallEnd("openim/sendmsg", Duration.ofMillis(12), 0);
    l.onRetry("openim/sendmsg", 2, 60007);
    l.onRateLimitWait("openim/sendmsg", Duration.ofMillis(5));
    assertThat(m.timer("timbot.im.calls", "bot", "bot", "api", "openim/sendmsg", "code", "0").count()).isEqualTo(1);
    assertThat(m.counter("timbot.im.retries", "bot", "bot", "api", "openim/sendmsg").count()).isEqualTo(1.0);
    assertThat(m.timer("timbot.im.ratelimit.waits", "bot", "bot", "api", "openim/sendmsg").count()).isEqualTo(1);
  }
}
