package dev.timbot.emulator.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.message.TextElem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incrementally kept unread counts agree with the history. */
class C2cStoreTest {
  private final C2cStore store = new C2cStore();

  private C2cRecord add(String from, String to, long time, boolean countsUnread) {
    long serial = store.nextSerial();
    C2cRecord r = new C2cRecord(serial, from, to, serial, serial, time, serial + "_" + serial + "_" + time,
        null, List.of(TextElem.of("m" + serial)), null, false, countsUnread, false);
    return store.add(r, null, 0, 0, true);
  }

  @Test
  void unreadFollowsSendsReadsRecallsAndDeletes() {
    add("a", "b", 10, true);
    C2cRecord second = add("a", "b", 11, true);
    add("a", "b", 12, false);
    add("c", "b", 12, true);
    add("b", "a", 13, true);
    add("b", "b", 13, true);
    assertThat(store.unread("b", "a")).isEqualTo(2);
    assertThat(store.totalUnread("b")).isEqualTo(3);
    assertThat(store.totalUnread("a")).isEqualTo(1);

    store.markRead("b", "a", 10);
    assertThat(store.unread("b", "a")).isEqualTo(1);
    store.update("a", "b", second.msgKey(), C2cRecord::asRecalled);
    assertThat(store.unread("b", "a")).isZero();
    assertThat(store.totalUnread("b")).isEqualTo(1);
    add("a", "b", 20, true);
    assertThat(store.totalUnread("b")).isEqualTo(2);

    store.deleteUser("c");
    assertThat(store.totalUnread("b")).isEqualTo(1);
    assertThat(store.peers("b")).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void firstImportWins() {
    assertThat(store.markImported("a", "b", 1, 2, 3)).isTrue();
    assertThat(store.markImported("b", "a", 1, 2, 3)).isFalse();
    assertThat(store.markImported("a", "b", 1, 2, 4)).isTrue();
  }
}
