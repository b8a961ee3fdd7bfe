package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write-behind map on its own: every change is logged at once and read at once, and reaches
 * MVStore's tree only when settled; a key put and removed between two settles never does.
 */
class WriteBehindMapTest {
  @TempDir Path dir;
  MVStore mv;
  RedoLog log;
  WriteBehindMap<String, byte[]> map;
  MVMap<String, byte[]> tree;

  @BeforeEach
  void open() {
    mv = new MVStore.Builder().open(); // in memory
    log = RedoLog.open(dir);
    map = WriteBehindMap.open(mv, log, TypedMaps.OUTBOX);
    tree = TypedMaps.open(mv, TypedMaps.OUTBOX);
  }

  @AfterEach
  void close() {
    log.close();
    mv.close();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /** The log's records so far, as "put k=v" / "remove k". */
  private List<String> logged() {
    log.write();
    List<String> out = new ArrayList<>();
    RedoReplay.replay(dir, 0, true, body -> {
      RedoRecord r = RedoRecord.decode(body);
      out.add(r.put() ? "put " + r.key() + "=" + s((byte[]) r.value()) : "remove " + r.key());
    });
    return out;
  }

  @Test
  void changesAreReadAtOnceAndReachTheTreeOnlyWhenSettled() {
    assertThat(map.put("a", b("1"))).isNull();
    assertThat(map.putIfAbsent("b", b("2"))).isNull();
    assertThat(s(map.putIfAbsent("b", b("3")))).as("present: kept").isEqualTo("2");
    assertThat(s(map.put("a", b("4")))).isEqualTo("1");

    assertThat(s(map.get("a"))).isEqualTo("4");
    assertThat(map.values()).extracting(WriteBehindMapTest::s).containsExactlyInAnyOrder("4", "2");
    assertThat(tree).as("held beside the tree").isEmpty();

    map.settle();
    assertThat(tree.keySet()).containsExactlyInAnyOrder("a", "b");
    assertThat(s(tree.get("a"))).isEqualTo("4");
    assertThat(map.heldCount()).isZero();
    assertThat(s(map.get("a"))).as("read from the tree now").isEqualTo("4");
    assertThat(logged()).as("every change logged when made, in order")
        .containsExactly("put a=1", "put b=2", "put a=4");
  }

  @Test
  void aSettledKeyRemovedReadsAsGoneAndLeavesTheTreeAtTheNextSettle() {
    map.put("a", b("1"));
    map.put("b", b("2"));
    map.settle();

    assertThat(s(map.remove("a"))).isEqualTo("1");
    assertThat(map.get("a")).isNull();
    assertThat(s(map.getOrDefault("a", b("none")))).isEqualTo("none");
    assertThat(map.values()).extracting(WriteBehindMapTest::s).containsExactly("2");
    assertThat(map.remove("a")).as("already gone").isNull();
    assertThat(tree).as("until settled").containsKey("a");

    map.put("b", b("5"));
    assertThat(map.values()).extracting(WriteBehindMapTest::s).as("the held value over the tree's, once")
        .containsExactly("5");

    map.settle();
    assertThat(tree.keySet()).containsExactly("b");
    assertThat(s(tree.get("b"))).isEqualTo("5");
    assertThat(logged()).containsExactly("put a=1", "put b=2", "remove a", "put b=5");
  }

  @Test
  void aKeyPutAndRemovedBetweenTwoSettlesNeverReachesTheTreeButItsLogHasBoth() {
    map.put("x", b("1"));
    assertThat(s(map.remove("x"))).isEqualTo("1");
    assertThat(map.heldCount()).as("nothing held for a key the tree never had").isZero();
    assertThat(map.get("x")).isNull();

    map.settle();
    assertThat(tree).isEmpty();
    assertThat(logged()).as("replayed, the log ends with it gone too").containsExactly("put x=1", "remove x");
  }

  @Test
  void aChangeMadeThroughReachesTheTreeAtOnceAndOvertakesAHeldOne() {
    map.put("a", b("1"));
    assertThat(s(map.putThrough("a", b("2")))).isEqualTo("1");
    assertThat(s(tree.get("a"))).as("in the tree now").isEqualTo("2");
    assertThat(map.heldCount()).as("the held value let go").isZero();

    map.put("b", b("3"));
    assertThat(s(map.removeThrough("b"))).as("only held").isEqualTo("3");
    assertThat(s(map.removeThrough("a"))).as("in the tree").isEqualTo("2");
    assertThat(tree).isEmpty();
    assertThat(map.heldCount()).isZero();
    assertThat(map.removeThrough("a")).isNull();
    assertThat(logged()).as("both removals logged, the held one's too")
        .containsExactly("put a=1", "put a=2", "put b=3", "remove b", "remove a");
  }

  /**
   * Readers never go back in time while the commit thread settles: a settle puts a value into the
   * tree before it lets go of it, so a reader that saw it held never finds the tree's older one after.
   * Fails if settle() lets go first.
   */
  @Test
  void aReaderNeverSeesAnOlderValueAfterANewerOneWhileChangesAreSettled() throws Exception {
    for (int k = 0; k < 20_000; k++) {
      tree.put("other" + k, b("x")); // a deeper tree: each settle's put takes longer, the window with it
    }
    map.put("live", b("0"));
    map.settle();
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Thread writer = new Thread(() -> {
      for (int i = 1; !stop.get(); i++) {
        map.put("live", b(Integer.toString(i)));
        map.settle();
      }
    });
    writer.start();
    try {
      int seen = 0;
      for (int i = 0; i < 200_000; i++) {
        int now = Integer.parseInt(s(map.get("live")));
        assertThat(now).as("read %d", i).isGreaterThanOrEqualTo(seen);
        seen = now;
        if (i % 10_000 == 0) {
          assertThat(map.values()).as("listed once, read %d", i).hasSize(20_001);
        }
      }
    } finally {
      stop.set(true);
      writer.join();
    }
  }

  @Test
  void aValueTheLogCannotHoldIsRefusedBeforeAnythingChanges() {
    WriteBehindMap<String, Object> untyped = WriteBehindMap.open(mv, log, TypedMaps.MSG_SEQ);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> untyped.put("c", new Object()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(untyped.get("c")).isNull();
    assertThat(logged()).isEmpty();
  }
}
