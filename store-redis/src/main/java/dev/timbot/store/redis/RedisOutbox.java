package dev.timbot.store.redis;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.OutboxStore;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The outbox: a hash per entry, a sorted set of ids per state (by creation time, so lists are
 * oldest first), a sorted set of done entries by the time they are forgotten, and {@code INCR} for
 * each conversation's {@code MsgSeq}.
 */
final class RedisOutbox implements OutboxStore {
  private static final LuaScript RECORD = LuaScript.load("outbox-record");
  private static final LuaScript UPDATE = LuaScript.load("outbox-update");
  private static final LuaScript DONE = LuaScript.load("outbox-done");

  private final RedisLink link;
  private final Keys keys;
  private final BotClock clock;

  RedisOutbox(RedisLink link, Keys keys, BotClock clock) {
    this.link = link;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<Entry> record(Entry entry) {
    List<Object> args = new ArrayList<>(List.of(entry.id(), entry.createdAt().toEpochMilli()));
    args.addAll(fields(entry));
    return link.<List<Object>>evalAsync(RECORD, ScriptOutputType.MULTI,
            List.of(hash(entry.id()), keys.outboxState(entry.state())), args.toArray())
        .thenApply(earlier -> earlier == null || earlier.isEmpty() ? entry : decode(entry.id(), pairs(earlier)));
  }

  @Override
  public CompletableFuture<Void> update(Entry entry) {
    List<Object> args = new ArrayList<>(List.of(entry.id(), entry.createdAt().toEpochMilli()));
    args.addAll(fields(entry));
    return link.<Long>evalAsync(UPDATE, ScriptOutputType.INTEGER,
        List.of(hash(entry.id()), keys.outboxState(State.PENDING), keys.outboxState(State.DONE),
            keys.outboxState(State.DEAD), keys.outboxState(entry.state()), keys.outboxForget()),
        args.toArray()).thenApply(ok -> null);
  }

  @Override
  public void done(String id, Duration keep) {
    long now = clock.now().toEpochMilli();
    long forgetAt = now + (Stamped.hasTtl(keep) ? keep.toMillis() : 0);
    link.await(link.eval(DONE, ScriptOutputType.INTEGER,
        List.of(hash(id), keys.outboxState(State.PENDING), keys.outboxState(State.DEAD),
            keys.outboxState(State.DONE), keys.outboxForget()),
        id, forgetAt, now, keys.outboxEntryPrefix()));
  }

  @Override
  public Optional<Entry> get(String id) {
    Map<String, byte[]> h = link.call(c -> c.hgetall(hash(id)));
    return h == null || h.isEmpty() ? Optional.empty() : Optional.of(decode(id, h));
  }

  @Override
  public List<Entry> list(State state, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    List<byte[]> ids = link.call(c -> c.zrange(keys.outboxState(state), 0, limit - 1)).stream()
        .map(RedisLink::bytes).toList();
    // One round trip for all hashes: Lettuce pipelines the commands.
    List<RedisFuture<Map<String, byte[]>>> hashes = new ArrayList<>();
    for (byte[] id : ids) {
      hashes.add(link.commands().hgetall(hash(RedisLink.string(id))));
    }
    List<Entry> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      Map<String, byte[]> h = link.await(hashes.get(i));
      if (h != null && !h.isEmpty()) {
        out.add(decode(RedisLink.string(ids.get(i)), h));
      }
    }
    return out;
  }

  @Override
  public long nextSeq(String conversationId) {
    return link.call(c -> c.incr(keys.outboxSeq(conversationId)));
  }

  private String hash(String id) {
    return keys.outboxEntryPrefix() + id;
  }

  private static List<Object> fields(Entry e) {
    List<Object> f = new ArrayList<>(List.of(
        "c", e.conversationId(), "s", e.msgSeq(), "r", e.msgRandom(), "p", e.payload(), "st", e.state().name(),
        "a", e.attempts(), "ct", e.createdAt().toEpochMilli(),
        "n", e.nextAttemptAt() == null ? "" : e.nextAttemptAt().toEpochMilli()));
    if (e.lastError() != null) {
      f.add("e");
      f.add(e.lastError());
    }
    return f;
  }

  private static Map<String, byte[]> pairs(List<Object> flat) {
    Map<String, byte[]> m = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      m.put(RedisLink.string(flat.get(i)), RedisLink.bytes(flat.get(i + 1)));
    }
    return m;
  }

  private static Entry decode(String id, Map<String, byte[]> h) {
    String next = RedisLink.string(h.get("n"));
    return new Entry(id, RedisLink.string(h.get("c")), RedisLink.number(h.get("s")), RedisLink.number(h.get("r")),
        h.getOrDefault("p", new byte[0]), State.valueOf(RedisLink.string(h.get("st"))),
        (int) RedisLink.number(h.get("a")), Instant.ofEpochMilli(RedisLink.number(h.get("ct"))),
        next == null || next.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(next)),
        RedisLink.string(h.get("e")));
  }
}
