package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.spi.Store.InboxJournal.Entry;
import dev.timbot.spi.Store.OutboxStore;
import dev.timbot.spi.Store.OutboxStore.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One power-cut run: a store on a {@link PowerCutDisk} checkpointing every few milliseconds, and a
 * bot's writes as the runtime makes them — a callback journaled, its message id claimed, a
 * {@code MsgSeq} taken, the reply recorded, then mostly marked done and the entry finished, or the
 * entry finished and the reply forgotten (OutboxStore#forget, as a confirmed reply is once its entry is) — until
 * the cut and a few steps past it. It keeps what was asked and what was acknowledged before the cut
 * (a future that completed while the disk was not yet cut), and checks the image against both.
 */
final class PowerCutRun {
  private static final String CHAT = "C2Calice";
  private static final Duration KEEP = Duration.ofHours(1);
  /** Steps at most; the disk is cut at the end if its event did not come. */
  private static final int MAX_STEPS = 50_000;
  /** Steps after the cut: writes the image must not hold, under way when the power went. */
  private static final int AFTER_CUT = 3;

  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-06T17:00:00Z"));
  private final Fsync fsync;
  private final long seed;
  /** By journal id: the step that appended it, and the MsgSeq its reply took. */
  private final Map<Long, Integer> stepOf = new HashMap<>();
  private final Map<Long, Long> seqOf = new HashMap<>();
  private final Set<Long> appendedAcked = new HashSet<>();
  /** Journal ids whose reply's record, claim and MsgSeq were acknowledged. */
  private final Set<Long> recordAcked = new HashSet<>();
  /** Journal ids whose reply was marked done and entry finished, written before an acknowledged commit. */
  private final Set<Long> finishAcked = new HashSet<>();
  private final List<Long> finishAsked = new ArrayList<>();
  /** Journal ids whose entry was finished and whose reply was then forgotten. */
  private final Set<Long> forgotten = new HashSet<>();
  private String cutOn = "";
  private String trace = "";
  private PowerCutDisk.Cut counted;

  PowerCutRun(Fsync fsync, long seed) {
    this.fsync = fsync;
    this.seed = seed;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String reply(long id) {
    return "j" + id + "#0";
  }

  /** Runs the store in {@code live} until the disk's cut (into {@code image}) and a few steps past it. */
  PowerCutRun run(Path live, Path image, PowerCutDisk.Cut counted, long cutAt, boolean mvStoreInOrder) throws Exception {
    this.counted = counted;
    PowerCutDisk disk = PowerCutDisk.under(live, image, seed, counted, cutAt, mvStoreInOrder);
    SplittableRandom random = new SplittableRandom(~seed); // not the disk's sequence
    try (EmbeddedStore store = new EmbeddedStore(live, clock, fsync, UnaryOperator.identity(), disk, 5)) {
      int past = 0;
      for (int step = 0; step < MAX_STEPS && past <= AFTER_CUT; step++) {
        past += disk.isCut() ? 1 : 0;
        long id = store.journal().append(CHAT, utf8("entry " + step)).get(10, TimeUnit.SECONDS);
        stepOf.put(id, step);
        if (!disk.isCut()) {
          appendedAcked.add(id);
        }
        store.dedupe().claim("m" + step, "j" + id, KEEP);
        long seq = store.outbox().nextSeq(CHAT);
        seqOf.put(id, seq);
        store.outbox().record(new OutboxStore.Entry(reply(id), CHAT, seq, 7, utf8("reply " + step), State.PENDING, 0,
            clock.now(), clock.now(), null)).get(10, TimeUnit.SECONDS);
        if (!disk.isCut()) {
          recordAcked.add(id);
          finishAcked.addAll(finishAsked); // written before this commit: a reply's done mark and its entry's finish
          finishAsked.clear();
        }
        int end = random.nextInt(3);
        if (end == 1) {
          store.outbox().done(reply(id), KEEP);
          store.journal().finish(id);
          finishAsked.add(id);
        } else if (end == 2) {
          store.journal().finish(id);
          store.outbox().forget(reply(id), KEEP);
          finishAsked.add(id);
          forgotten.add(id);
        }
      }
      disk.cutNow();
      cutOn = disk.cutOn();
      trace = disk.trace();
    } finally {
      disk.detach();
    }
    return this;
  }

  private String history() {
    return "appended acked " + new TreeSet<>(appendedAcked) + "\nrecord acked " + new TreeSet<>(recordAcked)
        + "\nfinish acked " + new TreeSet<>(finishAcked) + "\nfinish asked " + finishAsked + "\nforgotten "
        + new TreeSet<>(forgotten) + "\nseqs " + seqOf + "\n";
  }

  /** The thread the cut fell on. */
  String cutOn() {
    return cutOn;
  }

  /**
   * Opens the image and checks that its state is one the store passed through: every reply with its
   * journal entry appended (and finished only once done), its claim and its MsgSeq; no MsgSeq or
   * journal id handed out again. With {@code acknowledged}, also that everything acknowledged
   * before the cut is there, and nothing finished before an acknowledged commit came back.
   */
  void check(Path image, boolean acknowledged) throws Exception {
    String as = "fsync=" + fsync + ", seed " + seed + ", cut on " + cutOn;
    String dump = System.getProperty("powercut.trace"); // a directory: what each cut kept, and the history
    if (dump != null) {
      Files.writeString(Path.of(dump, fsync + "-" + counted + "-" + seed + ".txt"), trace + "\n" + history());
    }
    try (EmbeddedStore store = new EmbeddedStore(image, clock, fsync)) {
      Map<Long, byte[]> unfinished = new HashMap<>();
      for (Entry e : store.journal().unfinished(Long.MIN_VALUE, Integer.MAX_VALUE)) {
        assertThat(unfinished.put(e.id(), e.payload())).as("%s: entry %d once", as, e.id()).isNull();
      }
      unfinished.forEach((id, payload) -> assertThat(stepOf).as("%s: entry %d was appended", as, id).containsKey(id));
      unfinished.forEach((id, payload) -> assertThat(new String(payload, StandardCharsets.UTF_8))
          .as("%s: entry %d's payload", as, id).isEqualTo("entry " + stepOf.get(id)));
      List<OutboxStore.Entry> replies = new ArrayList<>(store.outbox().list(State.PENDING, Integer.MAX_VALUE));
      replies.addAll(store.outbox().list(State.DONE, Integer.MAX_VALUE));
      long maxId = unfinished.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
      long maxSeq = 0;
      for (OutboxStore.Entry r : replies) {
        long id = Long.parseLong(r.id().substring(1, r.id().indexOf('#')));
        String what = as + ": reply " + r.id() + " (" + r.state() + ")";
        assertThat(seqOf.get(id)).as("%s: its MsgSeq", what).isEqualTo(r.msgSeq());
        assertThat(store.dedupe().claim("m" + stepOf.get(id), "probe", KEEP)).as("%s: its message claimed", what)
            .contains("j" + id);
        maxId = Math.max(maxId, id);
        maxSeq = Math.max(maxSeq, r.msgSeq());
      }
      if (acknowledged) {
        for (long id : appendedAcked) {
          if (!finishAsked.contains(id) && !finishAcked.contains(id)) {
            assertThat(unfinished).as("%s: acknowledged entry %d", as, id).containsKey(id);
          }
        }
        for (long id : finishAcked) {
          assertThat(unfinished).as("%s: entry %d finished before an acknowledged commit", as, id).doesNotContainKey(id);
        }
        for (long id : recordAcked) {
          Optional<OutboxStore.Entry> r = store.outbox().get(reply(id));
          if (forgotten.contains(id) && !unfinished.containsKey(id)) {
            // Its entry's finish is in the image: the reply may be gone, never while the entry would run again.
            r.ifPresent(e -> assertThat(e.msgSeq()).as("%s: %s's MsgSeq", as, reply(id)).isEqualTo(seqOf.get(id)));
            continue;
          }
          assertThat(r).as("%s: acknowledged reply %s (its entry unfinished in the image: %s)", as, reply(id),
              unfinished.containsKey(id)).isPresent();
          assertThat(r.get().msgSeq()).as("%s: %s's MsgSeq", as, reply(id)).isEqualTo(seqOf.get(id));
          if (finishAcked.contains(id) && !forgotten.contains(id)) {
            assertThat(r.get().state()).as("%s: %s done before an acknowledged commit", as, reply(id)).isEqualTo(State.DONE);
          }
          assertThat(store.dedupe().claim("m" + stepOf.get(id), "probe", KEEP)).as("%s: %s's message claimed", as, reply(id))
              .contains("j" + id);
          maxSeq = Math.max(maxSeq, seqOf.get(id));
        }
        maxId = Math.max(maxId, appendedAcked.stream().mapToLong(Long::longValue).max().orElse(0));
      }
      assertThat(store.outbox().nextSeq(CHAT)).as("%s: the next MsgSeq is new", as).isGreaterThan(maxSeq);
      assertThat(store.journal().append(CHAT, utf8("after the cut")).get(10, TimeUnit.SECONDS))
          .as("%s: the next journal id is new", as).isGreaterThan(maxId);
    }
  }
}
