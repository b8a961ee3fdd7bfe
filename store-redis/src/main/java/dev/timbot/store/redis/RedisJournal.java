package dev.timbot.store.redis;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.InboxJournal;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox journal on Redis Streams: a partition (conversation) hashes to one of S shards, each a
 * stream with a consumer group; an entry's id is global ({@code counter × S + shard}, so it names
 * its shard) and is also its stream id, so ids grow within every stream. This process reads only
 * the shards it leases ({@link ShardLeases}); an entry read stays pending for this consumer until
 * {@link #finish} acknowledges and deletes it, so a stream holds exactly the unfinished entries.
 */
final class RedisJournal implements InboxJournal {
  private static final Logger log = LoggerFactory.getLogger(RedisJournal.class);
  static final String GROUP = "timbot";
  private static final LuaScript INIT = LuaScript.load("journal-init");
  private static final LuaScript APPEND = LuaScript.load("journal-append");
  private static final LuaScript READ = LuaScript.load("journal-read");
  private static final LuaScript FINISH = LuaScript.load("journal-finish");

  private final RedisLink link;
  private final Keys keys;
  private final BotClock clock;
  private final String me;
  private final int shards;
  private final ShardLeases leases;
  private final AtomicLong lastBacklog = new AtomicLong();
  private volatile boolean unreadable;

  RedisJournal(RedisLink link, Keys keys, BotClock clock, String me, int configuredShards, long leaseMs, long renewMs) {
    this.link = link;
    this.keys = keys;
    this.clock = clock;
    this.me = me;
    this.shards = initGroups(configuredShards);
    if (shards != configuredShards) {
      log.warn("this Redis's journal has {} shards (fixed by the first process); the URL's {} is ignored", shards,
          configuredShards);
    }
    this.leases = new ShardLeases(link, keys, GROUP, me, shards, leaseMs, renewMs);
  }

  void start() {
    leases.start();
  }

  ShardLeases leases() {
    return leases;
  }

  int shards() {
    return shards;
  }

  /** Creates the streams' consumer groups (again after a Redis that lost its data restarted). */
  private int initGroups(int configured) {
    Long n = link.await(link.<Long>eval(INIT, ScriptOutputType.INTEGER, List.of(keys.journalShards()),
        GROUP, configured, keys.streamPrefix()));
    return n.intValue();
  }

  int shardOf(String partition) {
    CRC32 crc = new CRC32();
    crc.update(partition.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % shards);
  }

  @Override
  public CompletableFuture<Long> append(String partition, byte[] payload) {
    int shard = shardOf(partition);
    return link.<Long>evalAsync(APPEND, ScriptOutputType.INTEGER,
        List.of(keys.journalSeq(), keys.stream(shard), keys.journalBacklog()),
        shards, shard, payload, clock.now().toEpochMilli(), partition);
  }

  @Override
  public void finish(long id) {
    int shard = (int) Math.floorMod(id, (long) shards);
    // Sent before the shard can be given back (same connection, so Redis sees it first).
    link.eval(FINISH, ScriptOutputType.INTEGER, List.of(keys.stream(shard), keys.journalBacklog()), GROUP, id + "-0")
        .whenComplete((ok, e) -> {
          if (e != null) {
            leases.rereadWanted();
            log.warn("journal entry {} could not be marked finished (it is read and run again once Redis answers; its "
                + "replies are not sent twice): {}", id, e.getMessage());
          }
        });
    leases.finished(shard, id);
  }

  /**
   * {@inheritDoc}
   *
   * <p>While Redis is unreachable: none (this process may handle nothing it cannot read), so the
   * reader waits and tries again instead of stopping.
   */
  @Override
  public List<Entry> unfinished(long afterId, int limit) {
    try {
      List<Entry> page = read(afterId, limit);
      unreadable = false;
      return page;
    } catch (StoreUnavailableException e) {
      if (!unreadable) {
        log.warn("cannot read the journal: {}", e.getMessage());
        unreadable = true;
      }
      return List.of();
    }
  }

  private List<Entry> read(long afterId, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    synchronized (leases) {
      List<Integer> readable = leases.readable();
      if (readable.isEmpty()) {
        return List.of();
      }
      List<String> streams = readable.stream().map(keys::stream).toList();
      List<Object> flat;
      try {
        flat = readStreams(streams, afterId, limit);
      } catch (StoreUnavailableException e) {
        if (!String.valueOf(e.getMessage()).contains("NOGROUP")) {
          throw e;
        }
        // Redis restarted without its data: the groups are gone.
        initGroups(shards);
        flat = readStreams(streams, afterId, limit);
      }
      List<Entry> out = new ArrayList<>(flat.size() / 3);
      for (int i = 0; i + 2 < flat.size(); i += 3) {
        String sid = RedisLink.string(flat.get(i));
        long id = Long.parseLong(sid.substring(0, sid.indexOf('-')));
        out.add(new Entry(id, RedisLink.bytes(flat.get(i + 1)),
            Instant.ofEpochMilli(Long.parseLong(RedisLink.string(flat.get(i + 2))))));
      }
      for (Entry e : out) {
        leases.handedOut((int) Math.floorMod(e.id(), (long) shards), e.id());
      }
      return out;
    }
  }

  /**
   * Reads in one script, merged there: each stream gives a share of {@code limit} (twice the even
   * share, at least 16), and the script stops where a stream that had more was cut off.
   */
  private List<Object> readStreams(List<String> streams, long afterId, int limit) {
    int perStream = Math.min(limit, Math.max(16, 2 * limit / streams.size()));
    return link.await(link.<List<Object>>eval(READ, ScriptOutputType.MULTI, streams, GROUP, me, afterId, limit,
        perStream));
  }

  @Override
  public long generation() {
    return leases.generation();
  }

  @Override
  public boolean holds(String partition) {
    return leases.readable(shardOf(partition));
  }

  /**
   * Unfinished entries of the whole app. While Redis is unreachable: the last known figure (the
   * receiver's append then fails and it answers 503).
   */
  @Override
  public long backlog() {
    try {
      byte[] n = link.call(c -> c.get(keys.journalBacklog()));
      long v = n == null ? 0 : Long.parseLong(RedisLink.string(n));
      lastBacklog.set(v);
      return v;
    } catch (StoreUnavailableException e) {
      return lastBacklog.get();
    }
  }

  void close(boolean giveBack) {
    leases.stop(giveBack);
  }
}
