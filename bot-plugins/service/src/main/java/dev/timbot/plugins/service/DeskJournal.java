package dev.timbot.plugins.service;

import dev.timbot.spi.BotClock;
import dev.timbot.message.MessageElem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the desk writes to its {@link DeskStore}. Records (sessions, ratings, transcript
 * lines, left messages) are appended as they happen; the state is written behind: a change only
 * marks it dirty, and one write of the newest snapshot follows after {@code flushDelay} (or at
 * {@link #flush()}), outside the desk's lock, so a busy relay does not rewrite {@code state.json}
 * per message. A store that fails (disk full) is reported; the desk goes on serving from memory.
 */
final class DeskJournal {
  private static final Logger log = LoggerFactory.getLogger(DeskJournal.class);

  private final DeskStore store;
  private final BotClock clock;
  private final MeterRegistry meters;
  private final Duration flushDelay;
  private final Object deskLock;
  private final Object writeLock = new Object();
  private Supplier<DeskState> snapshot;
  private BotClock.Timer pending; // guarded by deskLock
  private long version; // guarded by deskLock
  private long written = -1; // guarded by writeLock
  private volatile boolean writeBehind = true;

  DeskJournal(DeskStore store, BotClock clock, MeterRegistry meters, Duration flushDelay, Object deskLock) {
    this.store = store;
    this.clock = clock;
    this.meters = meters;
    this.flushDelay = flushDelay;
    this.deskLock = deskLock;
  }

  /** What to save: called under the desk's lock. */
  void snapshotFrom(Supplier<DeskState> snapshot) {
    this.snapshot = snapshot;
  }

  void sessionEnded(SessionRecord record) {
    safely("record a session", () -> store.sessionEnded(record));
  }

  void rated(String sessionId, String customer, String agent, int score) {
    safely("record a rating", () -> store.rated(sessionId, customer, agent, score, clock.now()));
  }

  void transcript(String sessionId, String kind, String from, String to, String msgKey, List<MessageElem> elements) {
    TranscriptEntry entry = new TranscriptEntry(sessionId, clock.now(), kind, from, to, elements, msgKey);
    safely("write the transcript", () -> store.transcript(entry));
  }

  void messageLeft(String customer, String msgKey, List<MessageElem> elements) {
    safely("record a left message", () -> store.messageLeft(customer, clock.now(), msgKey, elements));
  }

  /** A recalled message leaves the transcripts and left messages. */
  void forget(String msgKey) {
    safely("remove a recalled message", () -> store.forget(msgKey));
  }

  /**
   * The state is written by the desk's {@link ClusterSync} after every change, no longer behind:
   * {@link #stateChanged()} and {@link #flush()} leave it alone.
   */
  void writtenBySync() {
    writeBehind = false;
  }

  /** The state changed; it is written within {@code flushDelay}. Called under the desk's lock. */
  void stateChanged() {
    version++;
    if (writeBehind && pending == null) {
      pending = clock.schedule(flushDelay, this::flush);
    }
  }

  /** Writes the newest state now, if it changed since the last write. */
  void flush() {
    if (!writeBehind) {
      return;
    }
    DeskState state;
    long v;
    synchronized (deskLock) {
      if (pending != null) {
        pending.cancel();
        pending = null;
      }
      if (snapshot == null) {
        return;
      }
      state = snapshot.get();
      v = version;
    }
    synchronized (writeLock) {
      if (v <= written) {
        return; // a newer (or the same) state is on disk already
      }
      written = v;
      safely("save the desk state", () -> store.saveState(state));
    }
  }

  private void safely(String what, Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      log.error("could not {}: {}", what, e.toString());
      meters.counter("timbot.service.store.failures").increment();
    }
  }
}
