package dev.timbot.internal.outbox;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The journal entry a lane job is handling, while its handler runs on the lane thread. Sends made
 * then get ids derived from it ({@code j42#0}, {@code j42#1} …), so a handler run again after a
 * crash makes the same sends under the same ids and the outbox sends each once. Sends made
 * elsewhere (another thread, {@code bot.send}) get a fresh id that sorts by creation time (a version
 * 7 UUID): the embedded store keeps records in id order and rewrites every page a change touches at
 * its next checkpoint, so random ids (version 4) put each send on a random page of the map (then an
 * hour of done records), and each checkpoint rewrote the whole map (BENCHMARKS §8z).
 *
 * <p>It also collects the futures of the outbox records made, so the journal entry is finished
 * only once its replies are durable; once it is, no handler can make those sends again, and a
 * confirmed one need not be remembered ({@link Delivery#confirmed}).
 */
public final class Origin {
  private static final ThreadLocal<Origin> CURRENT = new ThreadLocal<>();
  /** Thread-safe; random bits from a SecureRandom, as {@code UUID.randomUUID}'s. */
  private static final TimeBasedEpochGenerator FRESH_IDS = Generators.timeBasedEpochGenerator();

  private final long journalId;
  private int sends;
  private final List<CompletableFuture<?>> records = new ArrayList<>();
  private volatile boolean journalEntryFinished;
  /** A send made outside a journaled handler: nothing makes it again. */
  private static final BooleanSupplier NEVER_MADE_AGAIN = () -> true;

  public Origin(long journalId) {
    this.journalId = journalId;
  }

  /** Runs {@code body} with this origin current on this thread. */
  public void runWith(Runnable body) {
    Origin previous = CURRENT.get();
    CURRENT.set(this);
    try {
      body.run();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /** The id of the next send made on this thread, and a place to register its record. */
  static String nextId() {
    Origin o = CURRENT.get();
    if (o == null) {
      return "r" + FRESH_IDS.generate();
    }
    synchronized (o) {
      return "j" + o.journalId + "#" + o.sends++;
    }
  }

  /**
   * Whether the next send made on this thread can no longer be made again by a handler run after a
   * crash: at once outside a journaled handler, else once its journal entry is finished.
   */
  static BooleanSupplier settledWhen() {
    Origin o = CURRENT.get();
    return o == null ? NEVER_MADE_AGAIN : () -> o.journalEntryFinished;
  }

  /** Says that the journal entry's finish was written: its handler will not run again. */
  public void journalEntryFinished() {
    journalEntryFinished = true;
  }

  static void recorded(CompletableFuture<?> record) {
    Origin o = CURRENT.get();
    if (o != null) {
      synchronized (o) {
        o.records.add(record);
      }
    }
  }

  /** Completes when every send recorded under this origin is durable (failed records count as done). */
  public CompletableFuture<Void> recordsDurable() {
    CompletableFuture<?>[] all;
    synchronized (this) {
      all = records.toArray(CompletableFuture[]::new);
      // Asked once the handler is done, so no send adds to them; a retrying send keeps this origin (its finish flag).
      records.clear();
    }
    return CompletableFuture.allOf(all).handle((v, e) -> null);
  }
}
