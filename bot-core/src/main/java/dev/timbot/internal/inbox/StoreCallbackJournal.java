package dev.timbot.internal.inbox;

import dev.timbot.internal.callback.CallbackEvent;
import dev.timbot.internal.callback.CallbackJournal;
import dev.timbot.internal.callback.CallbackRejected;
import dev.timbot.internal.callback.LogThrottle;
import dev.timbot.internal.callback.ReceivedCallback;
import dev.timbot.internal.store.EarlyHandOn;
import dev.timbot.internal.rest.Failures;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.Store.InboxJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's journal: appends to the store's {@link InboxJournal} and waits for the group
 * commit, then wakes the {@link JournalPump} — or, with a journal whose entries may be handled
 * before their commit ({@link EarlyHandOn}, the embedded store), hands the callback to the pump at
 * once and returns an acknowledgement that completes with the commit (no thread waits for it).
 * Refuses with 503 when the backlog reached {@code store.maxBacklog}, when the store cannot make
 * the entry durable (halted), or when it is not durable within {@link #DURABLE_WITHIN} (the
 * service gives up on a callback after 2 s; {@link AckDeadlines}).
 */
public final class StoreCallbackJournal implements CallbackJournal {
  static final Duration DURABLE_WITHIN = Duration.ofMillis(1500);
  private static final Logger log = LoggerFactory.getLogger(StoreCallbackJournal.class);
  /** The acknowledgement of an entry made durable before {@code record} returned: one shared, completed stage. */
  private static final CompletableFuture<Void> DURABLE = CompletableFuture.completedFuture(null);

  private final Supplier<InboxJournal> journal;
  private final JournalPump pump;
  private final long maxBacklog;
  private final Runnable onFull;
  private final String self;
  private final Duration durableWithin;
  private final AckDeadlines deadlines;
  private final LogThrottle failures = new LogThrottle(BotClock.system(), Duration.ofMinutes(1));

  /** @param self the bot's account, to tell a conversation's peer in a one-to-one callback */
  public StoreCallbackJournal(
      Supplier<InboxJournal> journal, JournalPump pump, long maxBacklog, Runnable onFull, String self) {
    this(journal, pump, maxBacklog, onFull, self, DURABLE_WITHIN);
  }

  /** With another wait for durability (tests that hold a commit back). */
  StoreCallbackJournal(Supplier<InboxJournal> journal, JournalPump pump, long maxBacklog, Runnable onFull, String self,
      Duration durableWithin) {
    this.durableWithin = durableWithin;
    this.self = self;
    this.journal = journal;
    this.pump = pump;
    this.maxBacklog = maxBacklog;
    this.onFull = onFull;
    this.deadlines = new AckDeadlines(durableWithin.toNanos(), StoreCallbackJournal::slow);
    pump.everyPass(deadlines::expire);
  }

  @Override
  public CompletableFuture<Void> record(
      CallbackEvent event, String command, String clientIp, String optPlatform, Instant receivedAt, byte[] body)
      throws CallbackRejected {
    deadlines.expire(); // each callback looks at the oldest waiting ones: no timer per callback
    ReceivedCallback parsed = new ReceivedCallback(event, clientIp, optPlatform, receivedAt);
    long id;
    boolean held;
    try {
      InboxJournal j = journal.get();
      if (j.backlog() >= maxBacklog) {
        onFull.run();
        throw new CallbackRejected(503, "backlog_full",
            "the bot's backlog of " + maxBacklog + " callbacks is full (store.maxBacklog); try again later");
      }
      byte[] entry = new JournaledCallback(command, clientIp, optPlatform, receivedAt, body).encode();
      String partition = CallbackPartition.of(event, self);
      if (j instanceof EarlyHandOn early) {
        // Handed on while its commit is under way: its replies' records can join that commit, and
        // nothing handling writes is durable without the entry (EarlyHandOn). Acknowledged once
        // durable — by whichever thread completes the commit, so no thread waits here for it. The
        // acknowledgement is a future of its own: an overdue one fails alone, not the whole commit.
        EarlyHandOn.Written written = early.write(partition, entry);
        CompletableFuture<Void> ack = written.durable().handle((durableId, failure) -> {
          if (failure != null) {
            throw new CompletionException(unavailable(Failures.unwrap(failure)));
          }
          return null;
        });
        if (!written.durable().isCompletedExceptionally()) {
          pump.ready(written.id(), parsed); // not when the store has halted: the callback is refused, not handled
        }
        return deadlines.watch(ack);
      }
      // A shared store: its commit completes on the store client's own threads, which must not run
      // the pump's work, so this thread waits as before.
      id = j.append(partition, entry).get(durableWithin.toMillis(), TimeUnit.MILLISECONDS);
      held = j.holds(partition);
    } catch (TimeoutException e) {
      throw slow();
    } catch (ExecutionException e) {
      throw unavailable(e.getCause());
    } catch (RuntimeException e) {
      throw unavailable(e); // a shared store that is unreachable fails at once
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallbackRejected(503, "interrupted", "the bot is stopping; try again");
    }
    if (held) {
      // This process reads the entry: hand the parsed callback on in memory (the journal keeps the bytes for a replay).
      pump.ready(id, parsed);
    } else {
      pump.durable(id);
    }
    return DURABLE;
  }

  private static CallbackRejected slow() {
    return new CallbackRejected(503, "journal_slow", "the callback could not be recorded in time; try again");
  }

  private CallbackRejected unavailable(Throwable cause) {
    long suppressed = failures.admit("journal_failed");
    if (suppressed >= 0) {
      // One line a minute while the store is down, not one per refused callback.
      log.error("callbacks cannot be journaled and are refused with 503 ({} more since the last line): {}",
          suppressed, String.valueOf(cause));
    }
    return new CallbackRejected(503, "journal_failed", "the callback could not be recorded; try again");
  }
}
