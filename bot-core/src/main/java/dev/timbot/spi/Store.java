package dev.timbot.spi;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where the runtime keeps its promises (DESIGN.md §6): the inbox journal, the dedupe window, the
 * outbox with its dead letters, and keyed state with a time to live (sessions, plugin state).
 * Chosen by {@code store.url} (environment {@code TIMBOT_STORE}):
 *
 * <ul>
 *   <li>{@code file:./data/timbot} (default) — the embedded store under that directory, one
 *       process at a time;
 *   <li>{@code memory:} — everything on the heap and lost on exit, for tests;
 *   <li>any other scheme — a {@link Provider} found on the class path (e.g. {@code redis:}).
 * </ul>
 *
 * <p>Writes become durable in the order they were made; a backend may batch them (group commit),
 * and the methods returning a {@link java.util.concurrent.CompletableFuture} complete only once
 * the write, and every write made before it, is durable. Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {

  /** Acknowledged callbacks not yet handled. */
  InboxJournal journal();

  /** Message identities seen recently, so a redelivery is handled once. */
  DedupeWindow dedupe();

  /** Sends recorded before they are made, with their retries and dead letters. */
  OutboxStore outbox();

  /**
   * Keyed values of one namespace (e.g. {@code sessions}, {@code plugin.service}); namespaces
   * never see each other's keys.
   */
  KeyedState state(String namespace);

  /**
   * Timers kept in the store (ask timeouts, a desk's inactivity, a call's ring timeout): they
   * survive a restart and, when the store is shared by several processes, each fires in one.
   *
   * @throws UnsupportedOperationException from a store without timers
   */
  default TimerStore timers() {
    throw new UnsupportedOperationException(describe() + " keeps no timers");
  }

  /**
   * Whether several processes of one app share this store (Redis): plugins then keep state they
   * all change in it, under {@link KeyedState#replace} locks, instead of deciding from memory.
   */
  default boolean shared() {
    return false;
  }

  /**
   * The app-wide rate limit shared by every process using this store, or empty when the store
   * belongs to this process alone (the REST client's own limiter applies then). A Tencent IM app's
   * quota (e.g. 200 {@code sendmsg} calls per second) is per app, not per process.
   */
  default Optional<SharedRateLimit> rateLimit() {
    return Optional.empty();
  }

  /** What the store is, for logs: e.g. {@code file:/srv/bot/data/timbot (h2 mvstore)}; no secrets. */
  String describe();

  /** Makes every write durable and releases the store; later calls fail. */
  @Override
  void close();

  /**
   * Thrown by a store that cannot be reached now (a shared store's outage), as opposed to a bug or
   * bad data: the runtime leaves the work where it is (a journaled callback stays journaled) and
   * tries again, rather than giving the work up. The message names the store, never a password.
   */
  class Unavailable extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The inbox journal: every callback the receiver acknowledges is appended here first, because the
   * service does not redeliver an acknowledged callback. An entry stays until the runtime has
   * handled it; on start the runtime dispatches the unfinished ones again, in append order.
   *
   * <p>Entries belong to a <em>partition</em> (the conversation, e.g. {@code C2Calice}): entries
   * of one partition are handled in append order by one process at a time. A journal shared by
   * several processes (Redis: one stream with a consumer group per shard of partitions, each shard
   * leased to one process) hands each process only the partitions it holds, and moves a dead
   * process's partitions, with their unfinished entries, to the living ones. The embedded store
   * has one process and one ordered map.
   */
  interface InboxJournal {

    /**
     * Appends an entry to {@code partition}. The future completes with its id once the entry is
     * durable; concurrent appends may share one flush. Ids increase in append order within a
     * partition and never repeat.
     */
    CompletableFuture<Long> append(String partition, byte[] payload);

    /**
     * Marks an entry handled. Need not be durable at once: a mark lost in a crash means the entry is
     * dispatched again, which the dedupe window and the outbox's stable ids absorb.
     */
    void finish(long id);

    /**
     * Up to {@code limit} unfinished entries with an id greater than {@code afterId}, in id order,
     * that this process may handle now: durable ones, of partitions it holds.
     */
    List<Entry> unfinished(long afterId, int limit);

    /**
     * Changes whenever this process was given partitions it did not hold, whose unfinished entries
     * may have ids below those it has read: the reader then reads again from the start, skipping
     * the entries it still has in hand. It changes <em>before</em> the new partitions' entries can
     * be read, so a reader that sees the generation change across a read discards that read. A
     * journal of one process never changes it.
     */
    default long generation() {
      return 0;
    }

    /**
     * Whether this process handles {@code partition} now (a journal of one process handles all).
     * The runtime resends the unconfirmed sends of the conversations it holds — at start, and when
     * partitions move here from a process that died — before their new messages are handled.
     */
    default boolean holds(String partition) {
      return true;
    }

    /** How many entries are not finished (the backlog the receiver bounds). */
    long backlog();

    /** One journaled callback: the runtime's own encoding of it and when it was appended. */
    record Entry(long id, byte[] payload, Instant appendedAt) {}
  }

  /**
   * Message identities seen within a time window ({@code dispatch.dedupeTtl}), kept in the store so
   * that a callback delivered again after a restart is still recognised.
   *
   * <p>An identity is claimed by an owner (the journal entry that brought it): claiming it again
   * with the same owner is not a duplicate, which lets an entry replayed after a crash pass. Redis:
   * {@code SET key owner NX PX ttl}, then {@code GET}.
   */
  interface DedupeWindow {

    /**
     * Claims {@code key} for {@code owner} for {@code ttl} unless someone holds it.
     *
     * @return the owner already holding the key, or empty when it was free and is now {@code owner}'s
     */
    Optional<String> claim(String key, String owner, Duration ttl);
  }

  /**
   * The durable outbox: every send is recorded, with the {@code MsgSeq} and {@code MsgRandom} it
   * will carry on every attempt, before it is made; it is marked done when the service confirms it,
   * or dead when it fails for good (a dead letter an operator lists and replays).
   *
   * <p>Redis: a hash per entry, a sorted set of pending ids by next attempt, {@code INCR} for the
   * per-conversation sequence.
   */
  interface OutboxStore {

    /**
     * Records {@code entry} unless an entry with its id exists. The future completes, once durable,
     * with the stored entry — the earlier one when the id was taken (a handler run again after a
     * crash makes the same send, which must not go out twice).
     */
    CompletableFuture<Entry> record(Entry entry);

    /** Replaces the entry with this id (attempts, next attempt, state); durable on completion. */
    CompletableFuture<Void> update(Entry entry);

    /**
     * Marks the entry done and drops its payload (a done send is never sent again: a handler run
     * again after a crash gets its {@code SentMessage} from the message it made); the entry is
     * forgotten after {@code keep}. Entries marked done with their payload by earlier versions
     * must still read.
     */
    void done(String id, Duration keep);

    /**
     * Marks the entry done, as {@link #done} does, for a send that no handler can make again once the
     * writes made before this call are applied: it was made outside a journaled handler, or its
     * handler's journal entry was {@linkplain InboxJournal#finish finished} before this call. A store
     * that can make the removal durable only after that finish (the embedded store: both in one log,
     * the removal reaching its map once the log holds it) may drop the entry at once, so it holds only
     * the sends still in play; one that cannot — a finish may still be on its way to the server —
     * keeps it for {@code keep}, as this default does. The id is never recorded again.
     */
    default void forget(String id, Duration keep) {
      done(id, keep);
    }

    Optional<Entry> get(String id);

    /** Up to {@code limit} entries in {@code state}, oldest first. */
    List<Entry> list(State state, int limit);

    /**
     * The next {@code MsgSeq} of a conversation: increasing (1, 2, 3 …) and never handed out twice,
     * across restarts.
     */
    long nextSeq(String conversationId);

    /** Where a send stands. */
    enum State {
      /** Not yet confirmed: sent or retried until the horizon. */
      PENDING,
      /** Confirmed by the service. */
      DONE,
      /** Rejected by the service or out of retries: a dead letter. */
      DEAD
    }

    /**
     * One send.
     *
     * @param id stable identity: the same send made again (after a crash) has the same id
     * @param conversationId the conversation ({@code C2Calice}, {@code GROUP@TGS#…})
     * @param msgSeq the {@code MsgSeq} every attempt carries
     * @param msgRandom the {@code MsgRandom} every attempt carries
     * @param payload the runtime's encoding of the message; empty once {@link State#DONE}
     * @param attempts attempts made so far
     * @param createdAt when it was recorded
     * @param nextAttemptAt when to try next (PENDING)
     * @param lastError the last failure, e.g. {@code "93000 text too long"}, or null
     */
    record Entry(
        String id,
        String conversationId,
        long msgSeq,
        long msgRandom,
        byte[] payload,
        State state,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        String lastError) {

      public Entry withState(State newState, int newAttempts, Instant next, String error) {
        return new Entry(id, conversationId, msgSeq, msgRandom, payload, newState, newAttempts, createdAt, next, error);
      }
    }
  }

  /**
   * Keyed values of one namespace with an optional time to live on the bot's clock: sessions, and
   * the state of plugins (the service desk's queue and tickets, the call relay's calls) that must
   * survive a restart. Values are bytes: the owner picks the encoding (JSON is the usual one).
   *
   * <p>A write is durable with the store's next flush; {@link #flush()} waits for it. Redis: one key
   * per entry ({@code SET … PX}), with the namespace as key prefix.
   */
  interface KeyedState {

    /** The value, if present and not expired. */
    Optional<byte[]> get(String key);

    /** Stores {@code value}; a null or zero {@code ttl} keeps it until removed. */
    void put(String key, byte[] value, Duration ttl);

    /** Removes the key; true if it was present. */
    boolean remove(String key);

    /**
     * Compare-and-set, atomic across every process sharing the store: sets {@code key} to {@code
     * value} (removes it when {@code value} is null) only if its current value equals {@code
     * expected} byte for byte ({@code null}: absent or expired). A lease-style lock is {@code
     * replace(lock, null, owner, ttl)} to take and {@code replace(lock, owner, null, null)} to
     * give back. Keys changed with {@code replace} should not also be changed with {@link #put}.
     * Redis: {@code SET NX PX} for an absent key, otherwise a script comparing the bytes.
     *
     * @return true when the value was replaced
     */
    boolean replace(String key, byte[] expected, byte[] value, Duration ttl);

    /** Keys starting with {@code prefix} (all keys for ""), not expired, in key order. */
    List<String> keys(String prefix);

    /** Completes once every write made so far is durable. */
    CompletableFuture<Void> flush();
  }

  /**
   * Durable timers. A timer is a key (e.g. {@code ask:C2Calice}), when it is due, and a payload
   * its owner reads when it fires. Every process polls {@link #claimDue}; a due timer is handed to
   * one of them for a lease, and is due again if that process does not report it {@link #done}
   * within the lease (it died). So a timer fires at least once, and twice only when its process
   * dies while running it.
   *
   * <p>Redis: a sorted set of keys by due time plus a hash per timer; claiming is a script that
   * moves due keys' scores to the end of their lease.
   */
  interface TimerStore {

    /** Arms the timer {@code key} (replacing one with that key) to fire at {@code at}. */
    void schedule(String key, Instant at, byte[] payload);

    /** Disarms the timer; true when it was armed. */
    boolean cancel(String key);

    /**
     * Claims up to {@code limit} timers due at {@code now} for {@code lease}, earliest first; each
     * is given to one caller until its lease ends.
     */
    List<Due> claimDue(Instant now, Duration lease, int limit);

    /**
     * Reports a claimed timer as run: it is removed, unless it was armed again since it was
     * claimed (its claim no longer matches).
     */
    void done(String key, long claim);

    /** A due timer handed to one caller; {@code claim} identifies this hand-out. */
    record Due(String key, Instant at, byte[] payload, long claim) {}
  }

  /**
   * A rate shared by all processes of one app, e.g. the 200 calls/s quota of {@code sendmsg}.
   * Redis: a script that keeps, per key, the earliest time the next call may be made (generic
   * cell rate), on the server's clock.
   */
  interface SharedRateLimit {

    /**
     * Reserves one call of {@code key} (e.g. {@code openim/sendmsg}) at {@code perSecond} calls per
     * second across the app.
     *
     * @return how long the caller must wait before making its call; zero when it may call now
     */
    Duration reserve(String key, int perSecond);

    /**
     * Admits one call of {@code key} that is leaving <em>now</em>: if fewer than {@code perSecond}
     * calls were admitted app-wide in the last second (a sliding window on the store's clock), this
     * one is counted and the answer is zero; otherwise nothing is counted and the answer is how
     * long until the oldest of them leaves the window. Asked where the request is written, so a
     * call made late after its {@link #reserve} cannot bunch with punctual ones. A store without a
     * window admits everything.
     */
    default Duration admit(String key, int perSecond) {
      return Duration.ZERO;
    }
  }

  /**
   * Opens a {@link Store} for the {@code store.url} schemes it names. Found with {@link
   * java.util.ServiceLoader} ({@code META-INF/services/dev.timbot.spi.Store$Provider}), so a backend
   * such as Redis is chosen by configuration alone once its module is on the class path. The
   * built-in {@code file:} and {@code memory:} stores need no provider.
   */
  interface Provider {

    /** Lower-case URL schemes, e.g. {@code redis} and {@code rediss}. */
    Set<String> schemes();

    /**
     * Opens the store. Time to live and timestamps follow {@code clock}.
     *
     * @throws IllegalArgumentException for a URL it cannot use, with a message naming the problem
     *     (never a password from the URL)
     */
    Store open(URI url, BotClock clock);
  }
}
