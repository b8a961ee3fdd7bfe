package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: which writes of an echoed message force a commit (an fsync waited for) and which ride along. */
class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void anEchoedMessageForcesTwoCommitsTheAppendAndTheRecordNothingElse() {
    try (EmbeddedStore store = new EmbeddedStore(dir, BotClock.system())) {
      long before = store.flushRequests();
      long id = store.journal().append("C2Calice", new byte[100]).join();
      assertThat(store.flushRequests() - before).as("journal append").isEqualTo(1);

      store.dedupe().claim("id:144115-1", "j" + id, Duration.ofMinutes(10));
      store.dedupe().claim("key:1_7_1", "j" + id, Duration.ofMinutes(10));
      long seq = store.outbox().nextSeq("C2Calice");
      assertThat(store.flushRequests() - before).as("dedupe claims and MsgSeq ride along").isEqualTo(1);

      Instant now = Instant.now();
      store.outbox().record(new Entry("j" + id + "#0", "C2Calice", seq, 7, new byte[40], State.PENDING, 0, now, now,
          null)).join();
      assertThat(store.flushRequests() - before).as("outbox record").isEqualTo(2);

      store.outbox().done("j" + id + "#0", Duration.ofMinutes(1));
      store.journal().finish(id);
      assertThat(store.flushRequests() - before).as("done mark and journal finish ride along").isEqualTo(2);
    }
  }
}
