package dev.timbot.store.redis;

import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which journal shards this process may read. Each shard is leased to one process ({@code SET NX
 * PX} with this process's id); a background tick every {@code renew} period beats this process's
 * heart, renews its leases, takes free shards up to its fair share ({@code ceil(shards / live
 * processes)}) and gives surplus ones back. A shard is given back only once every entry handed out
 * of it is finished, so the next holder never runs an entry of a conversation while this process
 * still runs an earlier one. A process that dies stops renewing: its leases and heartbeat end
 * after {@code lease}, and a living process takes the shards on its next tick, claiming the dead
 * one's pending entries.
 */
final class ShardLeases implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ShardLeases.class);
  private static final LuaScript TICK = LuaScript.load("lease-tick");
  private static final LuaScript ACQUIRE = LuaScript.load("lease-acquire");
  private static final LuaScript RELEASE = LuaScript.load("lease-release");

  private final RedisLink link;
  private final Keys keys;
  private final String group;
  private final String me;
  private final int shards;
  private final long leaseMs;
  private final long renewMs;
  private final int offset;
  /** Shards this process holds; those also in {@link #draining} are being given back. */
  private final Set<Integer> held = ConcurrentHashMap.newKeySet();
  private final Set<Integer> draining = ConcurrentHashMap.newKeySet();
  /** Per shard, entries handed out and not finished. */
  private final Map<Integer, Set<Long>> outstanding = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final ScheduledExecutorService timer;
  private volatile int live = 1;
  /** An entry could not be marked finished: once Redis answers, the reader reads from the start. */
  private volatile boolean rereadWanted;
  private long lastRenewedNanos = System.nanoTime();
  private boolean warnedUnreachable;

  ShardLeases(RedisLink link, Keys keys, String group, String me, int shards, long leaseMs, long renewMs) {
    this.link = link;
    this.keys = keys;
    this.group = group;
    this.me = me;
    this.shards = shards;
    this.leaseMs = leaseMs;
    this.renewMs = renewMs;
    this.offset = Math.floorMod(me.hashCode(), shards);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "timbot-redis-leases");
      t.setDaemon(true);
      return t;
    });
  }

  /** Takes this process's first shards now, then keeps the leases in the background. */
  void start() {
    tick();
    timer.scheduleWithFixedDelay(this::tickQuietly, renewMs, renewMs, TimeUnit.MILLISECONDS);
  }

  long generation() {
    return generation.get();
  }

  int liveProcesses() {
    return live;
  }

  /** Shards whose entries may be handed out now (held and not being given back), in order. */
  synchronized List<Integer> readable() {
    List<Integer> out = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      if (held.contains(s) && !draining.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Whether entries of {@code shard} may be handed out here now. */
  synchronized boolean readable(int shard) {
    return held.contains(shard) && !draining.contains(shard);
  }

  /** Held shards, for tests and logs. */
  Set<Integer> held() {
    return Set.copyOf(held);
  }

  /**
   * Records entries handed out of {@code shard}. Called under this object's lock together with
   * {@link #readable()}, so a shard is never given back between reading it and recording this.
   */
  void handedOut(int shard, long id) {
    outstanding.computeIfAbsent(shard, s -> ConcurrentHashMap.newKeySet()).add(id);
  }

  /**
   * Asks the reader to read again from the start after the next renewal that works: entries whose
   * finish did not reach Redis are still pending here, behind its cursor.
   */
  void rereadWanted() {
    rereadWanted = true;
  }

  void finished(int shard, long id) {
    Set<Long> ids = outstanding.get(shard);
    if (ids != null && ids.remove(id) && ids.isEmpty() && draining.contains(shard)) {
      // The last entry of a shard being given back: give it back now, not at the next tick.
      try {
        timer.execute(this::tickQuietly);
      } catch (RejectedExecutionException e) {
        // stopping
      }
    }
  }

  private void tickQuietly() {
    try {
      tick();
      if (warnedUnreachable) {
        log.info("the Redis store is reachable again; this process holds journal shards {}", readable());
        warnedUnreachable = false;
      }
    } catch (RuntimeException e) {
      onUnreachable(e);
    }
  }

  /** One round: heartbeat and renewal, then taking and giving back shards. */
  synchronized void tick() {
    List<String> k = new ArrayList<>(shards + 1);
    k.add(keys.live());
    for (int s = 0; s < shards; s++) {
      k.add(keys.lease(s));
    }
    List<Object> states = link.await(link.<List<Object>>eval(TICK, ScriptOutputType.MULTI, k, me, leaseMs));
    lastRenewedNanos = System.nanoTime();
    live = (int) Math.max(1, RedisLink.number(states.get(0)));
    List<Integer> free = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      int s = (i + offset) % shards;
      long state = RedisLink.number(states.get(s + 1));
      if (state != 1 && held.remove(s)) {
        draining.remove(s);
        log.warn("journal shard {} is no longer this process's: its lease ended before it was renewed{}", s,
            state == 2 ? " and another process holds it" : "");
      }
      if (state == 0) {
        free.add(s);
      }
    }
    int fair = (shards + live - 1) / live;
    boolean gained = false;
    for (int s : free) {
      if (held.size() - draining.size() >= fair) {
        break;
      }
      Long got = link.await(link.<Long>eval(ACQUIRE, ScriptOutputType.INTEGER,
          List.of(keys.lease(s), keys.stream(s)), me, leaseMs, group));
      if (got != null && got == 1) {
        // The generation moves before the shard's entries can be read: a reader that sees them
        // also sees the change, and reads from the start (entries behind its cursor first).
        generation.incrementAndGet();
        held.add(s);
        gained = true;
      }
    }
    if (rereadWanted) {
      rereadWanted = false;
      generation.incrementAndGet();
    }
    if (gained) {
      log.debug("holds journal shards {} of {} ({} live processes)", readable(), shards, live);
    }
    balance(fair);
  }

  /** Gives back shards over the fair share once nothing handed out of them is unfinished. */
  private void balance(int fair) {
    int keep = held.size() - draining.size();
    if (keep < fair && !draining.isEmpty()) {
      // Fewer processes than when draining started: keep what is not given back yet.
      for (Integer s : List.copyOf(draining)) {
        if (keep++ < fair) {
          draining.remove(s);
        }
      }
    }
    for (int s = shards - 1; s >= 0 && held.size() - draining.size() > fair; s--) {
      int shard = (s + offset) % shards;
      if (held.contains(shard) && !draining.contains(shard)) {
        draining.add(shard);
      }
    }
    List<String> release = new ArrayList<>();
    release.add(keys.live());
    for (Integer s : List.copyOf(draining)) {
      Set<Long> ids = outstanding.get(s);
      if (ids == null || ids.isEmpty()) {
        release.add(keys.lease(s));
      }
    }
    if (release.size() > 1) {
      link.await(link.eval(RELEASE, ScriptOutputType.INTEGER, release, me, 0));
      for (String lease : release.subList(1, release.size())) {
        int s = Integer.parseInt(lease.substring(lease.lastIndexOf(':') + 1));
        held.remove(s);
        draining.remove(s);
      }
      log.debug("gave back journal shards; holds {} ({} live processes)", readable(), live);
    }
  }

  private synchronized void onUnreachable(RuntimeException e) {
    if (!warnedUnreachable) {
      log.warn("cannot renew journal shard leases: {}", e.getMessage());
      warnedUnreachable = true;
    }
    if (!held.isEmpty() && System.nanoTime() - lastRenewedNanos > TimeUnit.MILLISECONDS.toNanos(leaseMs)) {
      // The leases have ended in Redis: another process may hold these shards now.
      log.warn("journal shard leases {} ran out while Redis was unreachable; their entries are no longer read here", held);
      held.clear();
      draining.clear();
    }
  }

  /** Stops renewing; with {@code giveBack}, releases every lease and leaves the live set. */
  void stop(boolean giveBack) {
    timer.shutdownNow();
    try {
      timer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!giveBack) {
      return;
    }
    synchronized (this) {
      List<String> k = new ArrayList<>();
      k.add(keys.live());
      for (Integer s : held) {
        k.add(keys.lease(s));
      }
      try {
        link.await(link.eval(RELEASE, ScriptOutputType.INTEGER, k, me, 1));
      } catch (RuntimeException e) {
        log.warn("could not give back journal shards {} on close (they move when their leases end): {}", held,
            e.getMessage());
      }
      held.clear();
      draining.clear();
    }
  }

  @Override
  public void close() {
    stop(true);
  }
}
