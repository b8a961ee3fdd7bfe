package dev.timbot.plugins.faq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.inject.Inject;
import dev.timbot.spi.BotClock;
import dev.timbot.Capabilities;
import dev.timbot.HumanHandoff;
import dev.timbot.BotEvent;
import dev.timbot.BotEvents;
import dev.timbot.Context;
import dev.timbot.spi.SessionStore;
import dev.timbot.spi.Store;
import dev.timbot.message.Message;
import dev.timbot.Handlers;
import dev.timbot.Plugin;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import dev.timbot.plugins.faq.semantic.EmbeddingCaches;

/**
 * The FAQ as a timbot plugin (priority {@value #PRIORITY}, after auto-reply rules, before the
 * fallback). A confident match is answered; an unsure one gets a numbered "did you mean" list,
 * and a number in the user's next message within the timeout answers that entry; no match lets
 * the next plugin act. With the customer-service plugin installed, misses and hits are reported
 * to the desk (N misses in a row hand the customer to a human). {@code /faq-reload} re-reads the
 * knowledge base now (only agents may, when the customer-service plugin is installed).
 */
public final class FaqPlugin implements Plugin {
  public static final int PRIORITY = 20;

  private final FaqSettings settings;
  private final BotClock clock;
  private final BotEvents events;
  private final FaqService faq;
  private final SessionStore sessions;
  /** Pending "did you mean" lists: in sessions, or in the bot's store when that is shared ({@link #start}). */
  private volatile PendingOffers offers;
  private Store store;
  /** One query per message even though the predicate and the handler both need the result. */
  private final Cache<String, FaqResult> results;
  /** Builds vectors off the handler threads; {@code null} in lexical mode or when built at start. */
  private final ExecutorService vectorBuilder;
  private Capabilities capabilities;
  private final UnansweredLog unansweredLog;
  /** Who asked what, by MsgKey, so a recalled question can leave the unanswered log. */
  private final Cache<String, Asked> asked;
  private AutoCloseable recalls;

  private record Asked(String user, String text) {}

  @Inject
  public FaqPlugin(FaqSettings settings, BotClock clock, MeterRegistry meters, BotEvents events,
      SessionStore sessions) {
    this.settings = settings;
    this.sessions = sessions;
    this.offers = PendingOffers.inSessions(sessions);
    this.clock = clock;
    this.events = events;
    UnansweredLog log = null;
    if (!settings.unansweredLog().equalsIgnoreCase("none")) {
      try {
        log = UnansweredLog.open(Path.of(settings.unansweredLog()), clock);
      } catch (IOException e) {
        throw new UncheckedIOException("faq.unansweredLog: cannot open " + settings.unansweredLog(), e);
      }
    }
    SemanticSettings semantic = settings.semanticSettings();
    this.vectorBuilder = semantic.background() && semantic.mode() != RetrievalMode.LEXICAL
        ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "faq-vectors");
            t.setDaemon(true);
            return t;
          })
        : null;
    this.faq = FaqService.start(Path.of(settings.kb()), settings.engineConfig(), clock, settings.pollInterval(),
        log, new ReloadingKnowledgeBase.Listener() {
          @Override
          public void rejected(List<KbError> errors) {
            events.emit(BotEvent.ERROR, new BotEvent.BotError(BotEvent.BotError.Kind.PLUGIN_FAILED, 0,
                "faq knowledge base not reloaded: " + errors, null, null, "faq"));
          }
        }, semantic, vectorBuilder == null ? Runnable::run : vectorBuilder,
        () -> EmbeddingCaches.bundled(semantic.vectorDir(), semantic.nativeDir(), semantic.englishModel()));
    this.unansweredLog = log;
    // Users may recall a message for 2 minutes; an hour covers an operator's recall too.
    this.asked = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterWrite(Duration.ofHours(1))
        .maximumSize(100_000).build();
    FaqMeters.bind(faq.stats(), meters);
    this.results = Caffeine.newBuilder().ticker(clock::nanoTime).expireAfterWrite(Duration.ofMinutes(1))
        .maximumSize(10_000).build();
  }

  /** Finds a human desk (the customer-service plugin) when one is installed too. */
  @Inject
  void capabilities(Capabilities capabilities) {
    this.capabilities = capabilities;
  }

  /** The bot's store: when it is shared by several processes, pending offers are kept in it. */
  @Inject
  void store(Store store) {
    this.store = store;
  }

  private Optional<HumanHandoff> desk() {
    return capabilities == null ? Optional.empty() : capabilities.find(HumanHandoff.class);
  }

  @Override
  public String name() {
    return "faq";
  }

  @Override
  public void configure(Handlers on) {
    on.command("faq-reload", ctx -> {
      boolean allowed = settings.operators().contains(ctx.sender())
          || desk().map(d -> d.isAgent(ctx.sender())).orElse(false);
      if (!allowed) {
        ctx.reply("/faq-reload is for operators (faq.operators) and agents.");
        return;
      }
      ctx.reply("FAQ reload: " + faq.reload());
    }).block();
    on.when(m -> pick(m).isPresent(), ctx -> {
          Pick pick = pick(ctx.message()).orElseThrow();
          offers.remove(conversation(ctx.message()));
          if (pick.entry() == null) {
            ctx.reply(DidYouMean.gone(pick.number()));
            return;
          }
          faq.stats().recordSuggestionPicked();
          ctx.reply(pick.entry().answer());
        })
        .c2cOnly().priority(PRIORITY - 1).block().name("faq:did-you-mean");
    on.when(m -> !m.text().isBlank() && decide(m).decision() != FaqDecision.NONE, this::answer)
        .c2cOnly().priority(PRIORITY).block().name("faq:answer");
    // Reached only when nothing above blocked: the FAQ really had nothing for this message.
    on.when(m -> !m.text().isBlank() && decide(m).decision() == FaqDecision.NONE, ctx -> {
          desk().ifPresent(d -> d.botGaveUp(ctx.sender()));
        })
        .c2cOnly().priority(PRIORITY).name("faq:no-match");
  }

  @Override
  public void start() {
    if (store != null && store.shared()) {
      offers = PendingOffers.inStore(store.state("faq"), clock);
    }
    if (unansweredLog != null) {
      recalls = events.on(BotEvent.MESSAGE_REVOKED, this::forgetRecalled);
    }
  }

  /** A recalled question leaves the unanswered log: the KB owner never reads what was taken back. */
  private void forgetRecalled(BotEvent.MessageRevoked e) {
    Asked a = e.msgKey() == null ? null : asked.asMap().remove(e.msgKey());
    if (a == null) {
      return;
    }
    try {
      unansweredLog.forget(a.user(), a.text());
    } catch (IOException ex) {
      throw new UncheckedIOException("faq: could not remove a recalled question from the unanswered log", ex);
    }
  }

  @Override
  public void stop() throws Exception {
    if (recalls != null) {
      recalls.close();
    }
    faq.close();
    if (vectorBuilder != null) {
      vectorBuilder.shutdownNow();
    }
    // After the service: its poller and lookups are what write to the log.
    if (unansweredLog != null) {
      unansweredLog.close();
    }
  }

  /** The FAQ service (stats, reload, the knowledge base). */
  public FaqService service() {
    return faq;
  }

  private FaqResult decide(Message m) {
    return results.get(m.dedupeKey(), k -> {
      if (m.msgKey() != null) {
        asked.put(m.msgKey(), new Asked(m.from(), m.text())); // once per message, with its one lookup
      }
      return faq.ask(m.from(), m.text());
    });
  }

  private void answer(Context ctx) {
    FaqResult r = decide(ctx.message());
    if (r.decision() == FaqDecision.ANSWER) {
      desk().ifPresent(d -> d.botAnswered(ctx.sender()));
      offers.remove(conversation(ctx.message()));
      ctx.reply(r.answer().orElseThrow().answer());
      return;
    }
    List<String> ids = new ArrayList<>();
    r.suggestions().forEach(s -> ids.add(s.entryId()));
    boolean clarify = r.decision() == FaqDecision.CLARIFY;
    offers.put(conversation(ctx.message()),
        new PendingOffers.Offer(ids, clock.now().plus(settings.suggestionWait()), clarify));
    ctx.reply(clarify ? DidYouMean.clarify(r.suggestions()) : DidYouMean.format(r.suggestions()));
  }

  /**
   * What {@code m} picks from this conversation's pending "did you mean" list: the offered
   * {@code number} (0 when a word picked), and its entry, or {@code null} when the knowledge base
   * was reloaded since and no longer has it.
   */
  private record Pick(int number, FaqEntry entry) {}

  /**
   * What a number (or, after a clarifying question, a word) in {@code m} picks from this
   * conversation's pending list. A number keeps the position it was shown at even when the
   * knowledge base has lost some offered entries since: the customer read the list as sent.
   */
  private Optional<Pick> pick(Message m) {
    return offers.get(conversation(m))
        .filter(o -> !clock.now().isAfter(o.until()))
        .flatMap(o -> {
          Optional<String> byNumber = DidYouMean.pick(m.text(), o.entryIds());
          if (byNumber.isPresent()) {
            String id = byNumber.get();
            return Optional.of(new Pick(o.entryIds().indexOf(id) + 1, faq.knowledgeBase().entry(id).orElse(null)));
          }
          List<FaqMatch> offered = matches(o);
          // A word is judged against the other offered entries; with one of them gone it could name
          // the gone one and still land on a sibling, so it is then read as a new question instead.
          if (!o.clarify() || offered.size() < o.entryIds().size()) {
            return Optional.empty();
          }
          return DidYouMean.pickByWord(m.text(), offered).map(w -> new Pick(0, w.entry()));
        });
  }

  private static String conversation(Message m) {
    return m.conversation().conversationId();
  }

  /** The offered entries the knowledge base still has, in offered order. */
  private List<FaqMatch> matches(PendingOffers.Offer offer) {
    List<FaqMatch> out = new ArrayList<>();
    for (String id : offer.entryIds()) {
      faq.knowledgeBase().entry(id).ifPresent(e -> out.add(new FaqMatch(e, "", 0, 0)));
    }
    return out;
  }

}
