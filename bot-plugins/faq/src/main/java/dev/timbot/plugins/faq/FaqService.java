package dev.timbot.plugins.faq;

import dev.timbot.spi.BotClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the FAQ plugin needs at run time, wired together: a {@link ReloadingKnowledgeBase},
 * an engine rebuilt whenever a valid new KB arrives, hit-rate {@link FaqStats}, and the optional
 * {@link UnansweredLog}. Thread-safe: {@link #ask} may run on many handler threads while a reload
 * swaps the engine.
 */
public final class FaqService implements AutoCloseable {
  private final FaqConfig config;
  private final FaqStats stats = new FaqStats();
  private final UnansweredLog unanswered;
  private final ReloadingKnowledgeBase.Listener listener;
  private final ReloadingKnowledgeBase kb;
  private volatile FaqEngine engine;

  private FaqService(
      Path kbFile,
      FaqConfig config,
      BotClock clock,
      Duration poll,
      UnansweredLog unanswered,
      ReloadingKnowledgeBase.Listener listener) {
    this.config = Objects.requireNonNull(config, "config");
    this.unanswered = unanswered;
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
    this.engine = FaqEngine.build(kb.current(), config);
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
    return new FaqService(kbFile, config, clock, poll, unanswered, listener);
  }

  /** Answers one user message, counting it and logging it if it was not answered directly. */
  public FaqResult ask(String user, String text) {
    FaqResult result = engine.query(text);
    stats.record(result);
    if (unanswered != null) {
      unanswered.recordIfUnanswered(user, result);
    }
    return result;
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
    // The old engine is not closed: a handler thread may still be searching it, and an
    // in-memory index needs no closing to be garbage-collected.
    engine = FaqEngine.build(newKb, config);
    listener.reloaded(newKb);
  }

  @Override
  public void close() {
    kb.close();
  }
}
