package dev.timbot.plugins.faq;

import dev.timbot.spi.BotClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A knowledge base that follows its file. It polls the KB file and the files it references
 * (synonyms) for a change of modification time or size on a {@link BotClock} timer — polling
 * rather than a {@code WatchService}, whose behaviour differs by OS and file system and which
 * cannot be driven by a virtual clock in tests.
 *
 * <p>A changed file is loaded in full; only a valid file replaces the current KB. An invalid one
 * is reported once (with line numbers) through the {@link Listener} and the previous KB keeps
 * serving until the file changes again.
 */
public final class ReloadingKnowledgeBase implements AutoCloseable {

  /** Notified on the polling thread. */
  public interface Listener {
    /** A new, valid KB replaced the old one. */
    default void reloaded(KnowledgeBase kb) {}

    /** The file changed but is invalid; the previous KB stays current. */
    default void rejected(List<KbError> errors) {}
  }

  /** What one check did. */
  public enum Outcome {
    UNCHANGED,
    RELOADED,
    REJECTED
  }

  private static final Logger LOG = LoggerFactory.getLogger(ReloadingKnowledgeBase.class);

  private final Path file;
  private final BotClock clock;
  private final Duration interval;
  private final Listener listener;
  private final Function<Path, KbLoadResult> loader;
  private final Object lock = new Object();
  private volatile KnowledgeBase current;
  private List<Stamp> loadedStamps;
  private List<Stamp> rejectedStamps;
  private BotClock.Timer timer;
  private boolean closed;

  /** File identity for change detection; {@code exists=false} when it has been deleted. */
  private record Stamp(Path path, boolean exists, long modifiedMillis, long size) {}

  private ReloadingKnowledgeBase(Path file, BotClock clock, Duration interval, Listener listener,
      Function<Path, KbLoadResult> loader, KnowledgeBase initial, List<Stamp> stampsBeforeLoad) {
    this.file = file;
    this.clock = clock;
    this.interval = interval;
    this.listener = listener;
    this.loader = loader;
    this.current = initial;
    this.loadedStamps = stampsOf(initial, stampsBeforeLoad);
  }

  /**
   * Loads {@code file} and starts polling it every {@code interval}. The first load must succeed:
   * a bot should not start without its KB.
   *
   * @throws IllegalStateException listing every error if the file is invalid
   */
  public static ReloadingKnowledgeBase start(
      Path file, BotClock clock, Duration interval, Listener listener) {
    return start(file, clock, interval, listener, KnowledgeBase::load);
  }

  /** {@link #start} with the loading step replaced, so tests can write the file while it is read. */
  static ReloadingKnowledgeBase start(Path file, BotClock clock, Duration interval, Listener listener,
      Function<Path, KbLoadResult> loader) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listener, "listener");
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    List<Stamp> before = List.of(stamp(file));
    KnowledgeBase initial = loader.apply(file).orThrow();
    ReloadingKnowledgeBase r =
        new ReloadingKnowledgeBase(file, clock, interval, listener, loader, initial, before);
    r.scheduleNext();
    return r;
  }

  /** The KB to use now; never null, always valid. */
  public KnowledgeBase current() {
    return current;
  }

  /** Checks the files right away (also what the timer does); an operator "reload" command calls this. */
  public Outcome checkNow() {
    synchronized (lock) {
      if (closed) {
        return Outcome.UNCHANGED; // a tick or an operator's reload that was waiting for the lock when it closed
      }
      List<Stamp> now = stamps(current);
      if (now.equals(loadedStamps) || now.equals(rejectedStamps)) {
        return Outcome.UNCHANGED;
      }
      KbLoadResult result = loader.apply(file);
      if (result instanceof KbLoadResult.Loaded loaded) {
        current = loaded.kb();
        loadedStamps = stampsOf(loaded.kb(), now);
        rejectedStamps = null;
        // Committed before the listener runs: the KB did load and is current. A listener that
        // throws (logged by tick(), or thrown to an operator's reload) is the listener's failure;
        // retrying would load and announce the same file again on every poll.
        listener.reloaded(loaded.kb());
        return Outcome.RELOADED;
      }
      rejectedStamps = now;
      listener.rejected(((KbLoadResult.Failed) result).errors());
      return Outcome.REJECTED;
    }
  }

  private void scheduleNext() {
    synchronized (lock) {
      if (!closed) {
        timer = clock.schedule(interval, this::tick);
      }
    }
  }

  private void tick() {
    try {
      checkNow();
    } catch (RuntimeException e) {
      // A throwing listener must not end polling: the next edit of the file should still load.
      LOG.warn("FAQ knowledge base check of {} failed", file, e);
    } finally {
      scheduleNext();
    }
  }

  /** The KB file plus every file the current KB was read from (e.g. its synonyms file). */
  private List<Stamp> stamps(KnowledgeBase kb) {
    return stampsOf(kb, List.of());
  }

  /**
   * The stamps to record as loaded for {@code kb}: those taken before the load where there are
   * some, so that a write finishing during the load (a truncated but valid file parsed while an
   * editor writes in place) differs from them and is loaded by the next poll. A file the KB
   * refers to for the first time (a new synonyms file) can only be stamped now, after the load.
   */
  private List<Stamp> stampsOf(KnowledgeBase kb, List<Stamp> beforeLoad) {
    List<Path> paths = new ArrayList<>();
    paths.add(file);
    for (Path p : kb.sources()) {
      if (!paths.contains(p)) {
        paths.add(p);
      }
    }
    List<Stamp> out = new ArrayList<>();
    for (Path p : paths) {
      out.add(beforeLoad.stream().filter(s -> s.path().equals(p)).findFirst().orElseGet(() -> stamp(p)));
    }
    return out;
  }

  private static Stamp stamp(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return new Stamp(p, true, a.lastModifiedTime().toMillis(), a.size());
    } catch (NoSuchFileException e) {
      return new Stamp(p, false, 0, 0);
    } catch (IOException e) {
      return new Stamp(p, false, -1, -1);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (timer != null) {
        timer.cancel();
      }
    }
  }
}
