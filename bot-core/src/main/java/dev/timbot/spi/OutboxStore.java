package dev.timbot.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable outbox: every send is recorded, with the {@code MsgSeq} and {@code MsgRandom} it
 * will carry on every attempt, before it is made; it is marked done when the service confirms it,
 * or dead when it fails for good (a dead letter an operator lists and replays).
 *
 * <p>Redis: a hash per entry, a sorted set of pending ids by next attempt, {@code INCR} for the
 * per-conversation sequence.
 */
public interface OutboxStore {

  /**
   * Records {@code entry} unless an entry with its id exists. The future completes, once durable,
   * with the stored entry — the earlier one when the id was taken (a handler run again after a
   * crash makes the same send, which must not go out twice).
   */
  CompletableFuture<Entry> record(Entry entry);

  /** Replaces the entry with this id (attempts, next attempt, state); durable on completion. */
  CompletableFuture<Void> update(Entry entry);

  /** Marks the entry done; it is forgotten after {@code keep}. */
  void done(String id, Duration keep);

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
   * @param payload the runtime's encoding of the message
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
