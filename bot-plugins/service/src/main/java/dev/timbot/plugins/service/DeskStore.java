package dev.timbot.plugins.service;

import dev.timbot.message.MessageElem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the desk keeps its records and its state. The default writes JSON-lines files ({@link
 * JsonFileDeskStore}); a database implementation fits the same methods. Calls come from the
 * desk's lock, so implementations need not be reentrant but must be reasonably quick.
 */
public interface DeskStore {
  /** A session ended (rating may still follow through {@link #rated}). */
  void sessionEnded(SessionRecord record);

  /** A customer rated a session. */
  void rated(String sessionId, String customer, String agent, int rating, Instant at);

  /** A relayed message, note or system line. */
  void transcript(TranscriptEntry entry);

  /** A message left while no agent could take the customer. */
  void messageLeft(String customer, Instant at, List<MessageElem> elements);

  /** As {@link #messageLeft(String, Instant, List)}, with the message's key for {@link #forget}. */
  default void messageLeft(String customer, Instant at, String msgKey, List<MessageElem> elements) {
    messageLeft(customer, at, elements);
  }

  /**
   * The sender recalled the message with {@code msgKey}: remove it from the transcripts and left
   * messages, so nobody reads it later. Stores that cannot must say so in their documentation.
   */
  void forget(String msgKey);

  /** Replaces the saved state. */
  void saveState(DeskState state);

  /** The state saved last, if any. */
  Optional<DeskState> loadState();
}
