package dev.timbot.internal.store;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.DedupeWindow;
import dev.timbot.spi.Store.InboxJournal;
import dev.timbot.spi.Store.KeyedState;
import dev.timbot.spi.Store.OutboxStore;
import dev.timbot.spi.Store.TimerStore;
import dev.timbot.spi.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code store.url: memory:} — every port on the heap, lost on exit: today's behaviour, for tests.
 * Writes are "durable" at once. Expired entries are dropped when read and on writes (amortised).
 */
public final class MemoryStore implements Store {
  private final BotClock clock;
  private final Journal journal = new Journal();
  private final Dedupe dedupe = new Dedupe();
  private final Outbox outbox = new Outbox();
  private final MemoryTimers timers = new MemoryTimers();
  private final Map<String, State> states = new ConcurrentHashMap<>();

  public MemoryStore(BotClock clock) {
    this.clock = clock;
  }

  @Override
  public InboxJournal journal() {
    return journal;
  }

  @Override
  public DedupeWindow dedupe() {
    return dedupe;
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  @Override
  public TimerStore timers() {
    return timers;
  }

  @Override
  public KeyedState state(String namespace) {
    return states.computeIfAbsent(namespace, n -> new State());
  }

  @Override
  public String describe() {
    return "memory: (nothing survives a restart)";
  }

  @Override
  public void close() {}

  private long deadline(Duration ttl) {
    return ttl == null || ttl.isZero() || ttl.isNegative() ? Long.MAX_VALUE : clock.nanoTime() + ttl.toNanos();
  }

  private boolean live(long deadline) {
    return deadline == Long.MAX_VALUE || clock.nanoTime() - deadline < 0;
  }

  private final class Journal implements InboxJournal, ConsecutiveIds {
    private final ConcurrentSkipListMap<Long, Entry> entries = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public synchronized CompletableFuture<Long> append(String partition, byte[] payload) {
      long id = ids.incrementAndGet();
      entries.put(id, new Entry(id, payload.clone(), clock.now()));
      return CompletableFuture.completedFuture(id);
    }

    @Override
    public void finish(long id) {
      entries.remove(id);
    }

    @Override
    public List<Entry> unfinished(long afterId, int limit) {
      return entries.tailMap(afterId, false).values().stream().limit(limit).toList();
    }

    @Override
    public long backlog() {
      return entries.size();
    }
  }

  private record Claim(String owner, long deadline) {}

  private final class Dedupe implements DedupeWindow {
    private final ConcurrentHashMap<String, Claim> claims = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();

    @Override
    public Optional<String> claim(String key, String owner, Duration ttl) {
      if (writes.incrementAndGet() % 4096 == 0) {
        claims.values().removeIf(c -> !live(c.deadline));
      }
      Claim mine = new Claim(owner, deadline(ttl));
      Claim held = claims.compute(key, (k, old) -> old != null && live(old.deadline) ? old : mine);
      return held == mine ? Optional.empty() : Optional.of(held.owner);
    }
  }

  private record Value(byte[] bytes, long deadline) {}

  private final class State implements KeyedState {
    private final ConcurrentSkipListMap<String, Value> values = new ConcurrentSkipListMap<>();

    @Override
    public Optional<byte[]> get(String key) {
      Value v = values.get(key);
      if (v == null || !live(v.deadline)) {
        return Optional.empty();
      }
      return Optional.of(v.bytes.clone());
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
      values.put(key, new Value(value.clone(), deadline(ttl)));
    }

    @Override
    public boolean remove(String key) {
      Value v = values.remove(key);
      return v != null && live(v.deadline);
    }

    @Override
    public boolean replace(String key, byte[] expected, byte[] value, Duration ttl) {
      boolean[] replaced = {false};
      // The skip list may apply the function more than once under contention: the last run decides.
      values.compute(key, (k, old) -> {
        replaced[0] = false;
        byte[] current = old != null && live(old.deadline) ? old.bytes : null;
        if (!Arrays.equals(current, expected)) {
          return old;
        }
        replaced[0] = true;
        return value == null ? null : new Value(value.clone(), deadline(ttl));
      });
      return replaced[0];
    }

    @Override
    public List<String> keys(String prefix) {
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, Value> e : values.tailMap(prefix, true).entrySet()) {
        if (!e.getKey().startsWith(prefix)) {
          break;
        }
        if (live(e.getValue().deadline)) {
          out.add(e.getKey());
        }
      }
      return out;
    }

    @Override
    public CompletableFuture<Void> flush() {
      return CompletableFuture.completedFuture(null);
    }
  }

  private final class Outbox implements OutboxStore {
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> doneDeadlines = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> seqs = new ConcurrentHashMap<>();
    private final AtomicLong records = new AtomicLong();
    private static final byte[] NO_PAYLOAD = new byte[0];

    @Override
    public CompletableFuture<Entry> record(Entry entry) {
      expireDone();
      return CompletableFuture.completedFuture(entries.computeIfAbsent(entry.id(), k -> entry));
    }

    @Override
    public CompletableFuture<Void> update(Entry entry) {
      entries.put(entry.id(), entry);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void done(String id, Duration keep) {
      // Without its payload, as every store keeps a done send (OutboxStore#done).
      entries.computeIfPresent(id, (k, e) -> new Entry(e.id(), e.conversationId(), e.msgSeq(), e.msgRandom(), NO_PAYLOAD,
          State.DONE, e.attempts(), e.createdAt(), e.nextAttemptAt(), e.lastError()));
      doneDeadlines.put(id, deadline(keep));
    }

    @Override
    public void forget(String id, Duration keep) {
      entries.remove(id); // one process, and what it did before this call is applied already
    }

    @Override
    public Optional<Entry> get(String id) {
      return Optional.ofNullable(entries.get(id));
    }

    @Override
    public List<Entry> list(State state, int limit) {
      return entries.values().stream().filter(e -> e.state() == state)
          .sorted(Comparator.comparing(Entry::createdAt)).limit(limit).toList();
    }

    @Override
    public long nextSeq(String conversationId) {
      return seqs.computeIfAbsent(conversationId, k -> new AtomicLong()).incrementAndGet();
    }

    private void expireDone() {
      if (records.incrementAndGet() % 1024 != 0) {
        return;
      }
      doneDeadlines.entrySet().removeIf(e -> {
        if (live(e.getValue())) {
          return false;
        }
        entries.remove(e.getKey());
        return true;
      });
    }
  }

}
