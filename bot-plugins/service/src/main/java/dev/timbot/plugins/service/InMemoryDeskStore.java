package dev.timbot.plugins.service;

import dev.timbot.message.MessageElem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps everything in memory: for tests, and for bots that need no records. */
public final class InMemoryDeskStore implements DeskStore {
  /** A rating as stored. */
  public record Rating(String sessionId, String customer, String agent, int rating, Instant at) {}

  /** A left message as stored. */
  public record LeftMessage(String customer, Instant at, String msgKey, List<MessageElem> elements) {}

  public final List<SessionRecord> sessions = new ArrayList<>();
  public final List<Rating> ratings = new ArrayList<>();
  public final List<TranscriptEntry> transcript = new ArrayList<>();
  public final List<LeftMessage> leftMessages = new ArrayList<>();
  private DeskState state;
  private int stateWrites;

  @Override
  public synchronized void sessionEnded(SessionRecord record) {
    sessions.add(record);
  }

  @Override
  public synchronized void rated(String sessionId, String customer, String agent, int rating, Instant at) {
    ratings.add(new Rating(sessionId, customer, agent, rating, at));
  }

  @Override
  public synchronized void transcript(TranscriptEntry entry) {
    transcript.add(entry);
  }

  @Override
  public synchronized void messageLeft(String customer, Instant at, List<MessageElem> elements) {
    messageLeft(customer, at, null, elements);
  }

  @Override
  public synchronized void messageLeft(String customer, Instant at, String msgKey, List<MessageElem> elements) {
    leftMessages.add(new LeftMessage(customer, at, msgKey, elements));
  }

  @Override
  public synchronized void forget(String msgKey) {
    transcript.removeIf(e -> msgKey.equals(e.msgKey()));
    leftMessages.removeIf(m -> msgKey.equals(m.msgKey()));
  }

  @Override
  public synchronized void saveState(DeskState state) {
    this.state = state;
    stateWrites++;
  }

  /** How often the state was written (the desk writes it behind, not per message). */
  public synchronized int stateWrites() {
    return stateWrites;
  }

  @Override
  public synchronized Optional<DeskState> loadState() {
    return Optional.ofNullable(state);
  }
}
