package dev.timbot.internal.store;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.OutboxStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Outbox entries by id, the per-conversation {@code MsgSeq} counters, and when to forget done
 * entries. The outbox holds what is not yet confirmed plus recently confirmed sends, so listing by
 * state scans a small map.
 */
final class EmbeddedOutbox implements OutboxStore {
  private final MVMap<String, byte[]> entries;
  private final MVMap<String, Long> seqs;
  private final MVMap<String, Long> forget;
  private final GroupCommit commits;
  private final BotClock clock;

  EmbeddedOutbox(MVStore mv, GroupCommit commits, BotClock clock) {
    this.entries = mv.openMap("outbox");
    this.seqs = mv.openMap("outbox.seq");
    this.forget = mv.openMap("outbox.forget");
    this.commits = commits;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<Entry> record(Entry entry) {
    byte[] encoded = OutboxCodec.encode(entry);
    byte[] earlier = entries.putIfAbsent(entry.id(), encoded);
    Entry stored = earlier == null ? entry : OutboxCodec.decode(earlier);
    return commits.flush().thenApply(v -> stored);
  }

  @Override
  public CompletableFuture<Void> update(Entry entry) {
    entries.put(entry.id(), OutboxCodec.encode(entry));
    return commits.flush();
  }

  @Override
  public void done(String id, Duration keep) {
    byte[] v = entries.get(id);
    if (v == null) {
      return;
    }
    Entry e = OutboxCodec.decode(v);
    entries.put(id, OutboxCodec.encode(e.withState(State.DONE, e.attempts(), null, e.lastError())));
    forget.put(id, Expiry.deadline(clock, keep));
  }

  @Override
  public Optional<Entry> get(String id) {
    byte[] v = entries.get(id);
    return v == null ? Optional.empty() : Optional.of(OutboxCodec.decode(v));
  }

  @Override
  public List<Entry> list(State state, int limit) {
    List<Entry> out = new ArrayList<>();
    for (byte[] v : entries.values()) {
      Entry e = OutboxCodec.decode(v);
      if (e.state() == state) {
        out.add(e);
      }
    }
    out.sort(Comparator.comparing(Entry::createdAt).thenComparing(Entry::msgSeq));
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  @Override
  public synchronized long nextSeq(String conversationId) {
    long next = seqs.getOrDefault(conversationId, 0L) + 1;
    seqs.put(conversationId, next);
    return next;
  }

  void sweep() {
    long now = clock.now().toEpochMilli();
    List<String> gone = new ArrayList<>();
    for (Map.Entry<String, Long> e : forget.entrySet()) {
      if (e.getValue() <= now) {
        gone.add(e.getKey());
      }
    }
    for (String id : gone) {
      entries.remove(id);
      forget.remove(id);
    }
  }
}
