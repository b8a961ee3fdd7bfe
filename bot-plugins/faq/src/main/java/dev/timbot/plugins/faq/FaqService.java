package dev.timbot.plugins.faq;

import dev.timbot.plugins.faq.semantic.EmbeddingCaches;
import dev.timbot.plugins.faq.semantic.SemanticIndex;
import dev.timbot.spi.BotClock;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the FAQ plugin needs at run time, wired together: a {@link ReloadingKnowledgeBase},
 * an engine rebuilt whenever a valid new KB arrives, hit-rate {@link FaqStats}, and the optional
 * {@link UnansweredLog}. Thread-safe: {@link #ask} may run on many handler threads while a reload
 * swaps the engine.
 *
 * <p>In semantic or hybrid mode every KB (the first and each reload) is served by BM25 at once,
 * and an engine with vectors replaces it when they are ready: embedding runs on the given
 * executor, with a progress line in the log, and embeds only texts the cache has not seen.
 */
public final class FaqService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FaqService.class);
  private final FaqConfig config;
  private final SemanticSettings semantic;
  private final Executor background;
  private final Supplier<EmbeddingCaches> cacheFactory;
  private final AtomicLong generation = new AtomicLong();
  private EmbeddingCaches caches;
  private final FaqStats stats = new FaqStats();
  private final UnansweredLog unanswered;
  private final UnansweredLogFailures unansweredFailures = new UnansweredLogFailures();
  private final BotClock clock;
  private final ReloadingKnowledgeBase.Listener listener;
  private final ReloadingKnowledgeBase kb;
  private volatile FaqEngine engine;
  /** Orders the start's lexical engine and the vectors' task's engine: whichever comes second must not undo the other. */
  private final Object swapLock = new Object();
  /**
   * The lexical engine the start is building, for the vectors' task to share rather than build a second BM25 index
   * of the same KB at the same time; {@code null} once a reload has come.
   */
  private volatile CompletableFuture<FaqEngine> startLexical;

  private FaqService(
      Path kbFile,
      FaqConfig config,
      BotClock clock,
      Duration poll,
      UnansweredLog unanswered,
      ReloadingKnowledgeBase.Listener listener,
      SemanticSettings semantic,
      Executor background,
      Supplier<EmbeddingCaches> cacheFactory) {
    this.config = Objects.requireNonNull(config, "config");
    this.semantic = Objects.requireNonNull(semantic, "semantic");
    this.background = Objects.requireNonNull(background, "background");
    this.cacheFactory = Objects.requireNonNull(cacheFactory, "cacheFactory");
    this.unanswered = unanswered;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.kb = ReloadingKnowledgeBase.start(kbFile, clock, poll, new ReloadingKnowledgeBase.Listener() {
      @Override
      public void reloaded(KnowledgeBase newKb) {
        swap(newKb);
      }

      @Override
      public void rejected(List<KbError> errors) {
        FaqService.this.listener.rejected(errors);
      }
    });
    // The vectors' task first: loading the models is the longest step of a start with cached vectors, and it
    // then overlaps the BM25 index below and the rest of the bot's start (the hybrid engine shares that index).
    KnowledgeBase first = kb.current();
    upgradeLater(first);
    if (engine == null) { // else the vectors' task ran inline and its engine is in
      CompletableFuture<FaqEngine> building = new CompletableFuture<>();
      startLexical = building;
      try {
        FaqEngine lexical = FaqEngine.build(first, config);
        building.complete(lexical);
        synchronized (swapLock) {
          if (engine == null) {
            engine = lexical;
          }
        }
      } catch (RuntimeException | Error e) {
        building.completeExceptionally(e);
        throw e;
      }
    }
  }

  /**
   * Loads {@code kbFile} (which must be valid), and polls it every {@code poll}.
   *
   * @param unanswered where to log questions that were not answered directly, or {@code null}
   * @param listener told about reloads (after the new engine is live) and rejected files
   */
  public static FaqService start(
      Path kbFile,
      FaqConfig config,
      BotClock clock,
      Duration poll,
      UnansweredLog unanswered,
      ReloadingKnowledgeBase.Listener listener) {
    return new FaqService(kbFile, config, clock, poll, unanswered, listener, SemanticSettings.lexical(),
        Runnable::run, () -> {
          throw new IllegalStateException("lexical mode loads no model");
        });
  }

  /**
   * Like {@link #start(Path, FaqConfig, BotClock, Duration, UnansweredLog, ReloadingKnowledgeBase.Listener)},
   * in the retrieval mode of {@code semantic}; vectors are built on {@code background} with the
   * caches {@code caches} supplies (called once, on the background executor).
   */
  public static FaqService start(
      Path kbFile,
      FaqConfig config,
      BotClock clock,
      Duration poll,
      UnansweredLog unanswered,
      ReloadingKnowledgeBase.Listener listener,
      SemanticSettings semantic,
      Executor background,
      Supplier<EmbeddingCaches> caches) {
    return new FaqService(kbFile, config, clock, poll, unanswered, listener, semantic, background, caches);
  }

  /** True once the current KB is served with vectors (always false in lexical mode). */
  public boolean semanticReady() {
    return engine.mode() != RetrievalMode.LEXICAL;
  }

  /**
   * The engine answering now. The service closes its vectors once it replaces it (a reload) and the lookups running
   * through {@link #ask} have ended, so a caller that keeps it and queries it later may find them closed: ask the
   * service instead, and use this for its mode, knowledge base and semantic index's description.
   */
  public FaqEngine engine() {
    return engine;
  }

  /** Answers one user message, counting it and logging it if it was not answered directly. */
  public FaqResult ask(String user, String text) {
    FaqResult result = answer(text);
    stats.record(result);
    if (unanswered != null) {
      recordUnanswered(user, result);
    }
    return result;
  }

  /**
   * The answer of the engine answering now. An engine is retired only after its successor is in, so a lookup that
   * finds the engine it read retired asks again and gets the successor; finding the same engine means the service is
   * closed.
   */
  private FaqResult answer(String text) {
    while (true) {
      FaqEngine current = engine;
      Optional<FaqResult> result = current.queryIfLive(text);
      if (result.isPresent()) {
        return result.get();
      }
      if (current == engine) {
        throw new IllegalStateException("the FAQ service is closed");
      }
    }
  }

  /** Logs an unanswered question; a log that cannot be written (a full disk) costs the line, never the lookup. */
  private void recordUnanswered(String user, FaqResult result) {
    try {
      if (unanswered.recordIfUnanswered(user, result)) {
        unansweredFailures.written();
      }
    } catch (RuntimeException e) {
      unansweredFailures.failed(e, clock.now());
    }
  }

  /** The operator "reload" command: check the files now instead of at the next poll. */
  public ReloadingKnowledgeBase.Outcome reload() {
    return kb.checkNow();
  }

  public KnowledgeBase knowledgeBase() {
    return engine.knowledgeBase();
  }

  public FaqStats stats() {
    return stats;
  }

  private void swap(KnowledgeBase newKb) {
    FaqEngine lexical = FaqEngine.build(newKb, config);
    FaqEngine old;
    synchronized (swapLock) {
      generation.incrementAndGet(); // an older KB's vectors' task finishing now must not replace this engine
      old = engine;
      engine = lexical;
      startLexical = null;
    }
    retire(old);
    listener.reloaded(newKb);
    upgradeLater(newKb);
  }

  /** In semantic modes, builds the vectors of {@code kb} in the background and swaps them in if no newer KB came. */
  private void upgradeLater(KnowledgeBase kb) {
    if (semantic.mode() == RetrievalMode.LEXICAL) {
      return;
    }
    long gen = generation.incrementAndGet();
    background.execute(() -> {
      try {
        long start = System.nanoTime();
        SemanticIndex index;
        synchronized (generation) {
          if (caches == null) {
            caches = cacheFactory.get();
          }
          index = SemanticIndex.build(kb, caches, semantic.override(), semantic.falseBudget(),
              (route, done, total) -> LOG.info("faq: embedding {} phrasings {}/{}", route, done, total));
          try {
            saveVectors();
          } catch (RuntimeException e) {
            index.close(); // a stop interrupted the save: no engine will own this index
            throw e;
          }
        }
        FaqEngine upgraded;
        try {
          FaqEngine lexical = lexicalOf(kb);
          upgraded = lexical != null ? lexical.withSemantic(semantic.mode(), index)
              : FaqEngine.build(kb, config, semantic.mode(), index);
        } catch (RuntimeException | Error e) {
          index.close(); // the engine failed to build: no engine owns this index
          throw e;
        }
        boolean current;
        FaqEngine replaced = null;
        synchronized (swapLock) {
          current = generation.get() == gen;
          if (current) {
            replaced = engine;
            engine = upgraded;
          }
        }
        retire(current ? replaced : upgraded); // a newer KB came meanwhile: no lookup ever saw these vectors
        if (current) {
          LOG.info("faq: {} answers with vectors ({} entries, {} ms; {})", semantic.mode(), kb.size(),
              (System.nanoTime() - start) / 1_000_000, index.describe());
        }
      } catch (RuntimeException | LinkageError e) {
        if (e instanceof CancellationException && Thread.currentThread().isInterrupted()) {
          // The FAQ is stopping (its executor interrupts the build): nothing is wrong, and nothing is left to answer.
          LOG.info("faq: semantic index build stopped ({})", e.getMessage());
        } else {
          // BM25 keeps answering: a model that cannot load must not take the FAQ down.
          LOG.error("faq: semantic index not built, answering with BM25 only", e);
        }
      }
    });
  }

  /**
   * Writes the vector caches; one that cannot be written (a full disk, a read-only data directory) costs the next start
   * the embedding of these vectors again, and must not cost this start the index just built with them.
   */
  private void saveVectors() {
    try {
      caches.save();
    } catch (UncheckedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e; // the FAQ is stopping (an interrupt closes the file being written): the build ends as it did
      }
      LOG.warn("faq: {} ({}); answering with the vectors built, which the next start embeds again", e.getMessage(),
          String.valueOf(e.getCause()));
    }
  }

  /**
   * Lets go of an engine no longer handed out: its semantic index (a graph memory-mapped from the data directory) is
   * closed once the lookups still on it end. Its BM25 index is in memory, may be shared with the engine replacing it
   * ({@link FaqEngine#withSemantic}), and is left to the collector.
   */
  private static void retire(FaqEngine old) {
    if (old != null) {
      old.retire();
    }
  }

  /** A lexical engine of exactly {@code kb} to share the BM25 index of (waiting for the start's if it is being built), or {@code null}. */
  private FaqEngine lexicalOf(KnowledgeBase kb) {
    FaqEngine current = engine;
    if (current != null && current.knowledgeBase() == kb && current.mode() == RetrievalMode.LEXICAL) {
      return current;
    }
    CompletableFuture<FaqEngine> building = startLexical;
    if (building != null) {
      try {
        FaqEngine started = building.join();
        if (started.knowledgeBase() == kb) {
          return started;
        }
      } catch (CompletionException | CancellationException e) {
        // the start failed to build it: build one here
      }
    }
    return null;
  }

  @Override
  public void close() {
    kb.close();
    FaqEngine last;
    synchronized (swapLock) {
      generation.incrementAndGet(); // a build that finishes after this is not put in, and lets go of its vectors
      last = engine;
    }
    retire(last);
  }

  /**
   * Warns about an unanswered log that cannot be written: at its first failure, then at most once per {@link #QUIET}
   * with how many lines were lost meanwhile (a full disk fails every unanswered question), and once when it writes
   * again. The warning names the cause only, never the question (a customer's text).
   */
  static final class UnansweredLogFailures {
    static final Duration QUIET = Duration.ofMinutes(1);

    /** Whether the last write failed: checked without the lock, so a working log costs a lookup nothing. */
    private volatile boolean failing;
    private long lostSinceWarning;
    private long lost;
    private Instant warned;

    /** A line could not be written at {@code now}; returns whether this failure was warned about. */
    synchronized boolean failed(RuntimeException e, Instant now) {
      failing = true;
      lost++;
      lostSinceWarning++;
      if (warned != null && now.isBefore(warned.plus(QUIET))) {
        return false;
      }
      LOG.warn("faq: the unanswered log cannot be written ({}); lookups go on without it ({} lines lost since the last"
          + " warning, {} since it stopped writing)", e.toString(), lostSinceWarning, lost);
      warned = now;
      lostSinceWarning = 0;
      return true;
    }

    /** A line was written: the log works. */
    void written() {
      if (failing) {
        recovered();
      }
    }

    private synchronized void recovered() {
      if (failing) {
        LOG.info("faq: the unanswered log is written again ({} lines were lost)", lost);
        failing = false;
        lost = 0;
        lostSinceWarning = 0;
        warned = null;
      }
    }

    /** Lines lost since the log last worked. */
    synchronized long lost() {
      return lost;
    }
  }
}
