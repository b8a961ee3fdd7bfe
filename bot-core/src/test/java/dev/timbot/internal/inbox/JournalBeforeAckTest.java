package dev.timbot.internal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.CallbackResponse;
import dev.timbot.internal.callback.ReceivedCallback;
import dev.timbot.internal.store.MemoryStore;
import dev.timbot.spi.Store;
import dev.timbot.spi.BotClock.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The receiver with a journal: OK only once the callback is journaled, a clear 503 when it cannot be. */
class JournalBeforeAckTest {
  static final long APP = 1400000000L;
  static final Map<String, String> QUERY = Map.of("SdkAppid", Long.toString(APP), "CallbackCommand",
      "Bot.OnC2CMessage", "ClientIP", "1.2.3.4", "OptPlatform", "RESTAPI");
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final Store store = new MemoryStore(clock);
  final List<ReceivedCallback> handedOn = new CopyOnWriteArrayList<>();
  final AtomicInteger refusedFull = new AtomicInteger();

  static byte[] body(int n) {
    return ("{\"From_Account\":\"alice\",\"To_Account\":\"bot\",\"MsgSeq\":" + n + ",\"MsgRandom\":7,\"MsgTime\":1767225600,"
        + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"m" + n + "\"}}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  CallbackReceiver receiver(int maxBacklog) {
    JournalPump pump = new JournalPump(store::journal, (cb, id, done) -> handedOn.add(cb), () -> 0, 10, () -> { });
    return CallbackReceiver.builder().sdkAppId(APP).clock(clock).sink(handedOn::add)
        .journal(new StoreCallbackJournal(store::journal, pump, maxBacklog, refusedFull::incrementAndGet, "bot")).build();
  }

  @Test
  void aCallbackIsAnsweredOkOnlyOnceJournaledAndTheJournalKeepsTheRequest() {
    CallbackResponse r = receiver(10).handle(QUERY, body(1));
    assertThat(r.accepted()).isTrue();
    assertThat(handedOn).as("the pump, not the receiver, hands callbacks on").isEmpty();
    List<Store.InboxJournal.Entry> journaled = store.journal().unfinished(0, 10);
    assertThat(journaled).hasSize(1);
    JournaledCallback kept = JournaledCallback.decode(journaled.get(0).payload());
    assertThat(kept.command()).isEqualTo("Bot.OnC2CMessage");
    assertThat(kept.clientIp()).isEqualTo("1.2.3.4");
    assertThat(new String(kept.body(), StandardCharsets.UTF_8)).contains("\"m1\"");
  }

  @Test
  void aFullBacklogIsRefusedWith503AndCounted() {
    CallbackReceiver r = receiver(2);
    assertThat(r.handle(QUERY, body(1)).accepted()).isTrue();
    assertThat(r.handle(QUERY, body(2)).accepted()).isTrue();
    CallbackResponse third = r.handle(QUERY, body(3));
    assertThat(third.status()).isEqualTo(503);
    assertThat(third.body()).contains("store.maxBacklog");
    assertThat(refusedFull).hasValue(1);
    assertThat(store.journal().backlog()).isEqualTo(2);
  }

  @Test
  void aBadCallbackIsRefusedBeforeAnythingIsJournaled() {
    CallbackResponse r = receiver(10).handle(QUERY, "not json".getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(400);
    assertThat(store.journal().backlog()).isZero();
  }
}
