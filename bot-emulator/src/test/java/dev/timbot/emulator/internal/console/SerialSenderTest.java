package dev.timbot.emulator.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;

/** One write at a time, in order, without recursion, with a bound for clients that stop reading. */
class SerialSenderTest {
  /** A fake session that records writes and completes them now or when told. */
  static final class FakeSession {
    final List<String> written = new ArrayList<>();
    final List<Callback> pending = new ArrayList<>();
    final List<Integer> closes = new ArrayList<>();
    boolean completeAtOnce;
    int inFlight;
    int maxInFlight;

    final Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
        new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
          case "sendText" -> {
            written.add((String) args[0]);
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            Callback cb = (Callback) args[1];
            if (completeAtOnce) {
              inFlight--;
              cb.succeed();
            } else {
              pending.add(cb);
            }
            yield null;
          }
          case "close" -> {
            if (args != null && args.length == 3) {
              closes.add((Integer) args[0]);
            }
            yield null;
          }
          case "getRemoteSocketAddress" -> null;
          case "toString" -> "FakeSession";
          case "hashCode" -> 0;
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });

    void completeOne() {
      inFlight--;
      pending.remove(0).succeed();
    }
  }

  @Test
  void writesOneAtATimeInOrder() {
    FakeSession s = new FakeSession();
    SerialSender sender = new SerialSender(s.session);
    sender.accept("a");
    sender.accept("b");
    sender.accept("c");
    assertThat(s.written).containsExactly("a");
    s.completeOne();
    assertThat(s.written).containsExactly("a", "b");
    s.completeOne();
    s.completeOne();
    assertThat(s.written).containsExactly("a", "b", "c");
    assertThat(s.maxInFlight).isEqualTo(1);
    sender.accept("d");
    assertThat(s.written).containsExactly("a", "b", "c", "d");
  }

  @Test
  void synchronousCompletionsDoNotRecurse() {
    FakeSession s = new FakeSession();
    SerialSender sender = new SerialSender(s.session);
    sender.accept("first");
    for (int i = 0; i < 100_000; i++) {
      sender.accept("m" + i);
    }
    // Now every write completes inside sendText: a recursive sender would overflow the stack.
    s.completeAtOnce = true;
    s.completeOne();
    assertThat(s.written).hasSize(100_001).endsWith("m99999");
  }

  @Test
  void aClientThatStopsReadingIsDropped() {
    FakeSession s = new FakeSession();
    SerialSender sender = new SerialSender(s.session);
    String mb = "x".repeat(1024 * 1024);
    for (int i = 0; i < 20; i++) {
      sender.accept(mb);
    }
    assertThat(s.closes).containsExactly(1008);
    sender.accept("after");
    assertThat(s.written).hasSize(1);
  }

  @Test
  void closeWhenDrainedWaitsForQueuedFrames() {
    FakeSession s = new FakeSession();
    SerialSender sender = new SerialSender(s.session);
    sender.accept("kicked");
    sender.accept("bye");
    sender.closeWhenDrained();
    assertThat(s.closes).isEmpty();
    s.completeOne();
    s.completeOne();
    assertThat(s.written).containsExactly("kicked", "bye");
    assertThat(s.closes).containsExactly(1000);

    FakeSession idle = new FakeSession();
    new SerialSender(idle.session).closeWhenDrained();
    assertThat(idle.closes).containsExactly(1000);
  }
}
