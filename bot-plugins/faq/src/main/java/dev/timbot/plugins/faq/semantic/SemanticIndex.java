package dev.timbot.plugins.faq.semantic;

import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.KnowledgeBase;
import dev.timbot.plugins.faq.internal.TextNormalizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic side of one knowledge base: every phrasing (and, per entry, its first question
 * with its answer) embedded by one model or two — Chinese/mixed text and, when an English model
 * is given, text without any Chinese character — each route with thresholds calibrated on this
 * KB ({@link Calibration}). Immutable once built; building embeds only texts its caches lack.
 */
public final class SemanticIndex {
  /** Calibration looks at no more than this many phrasings per route (spread over the KB). */
  static final int MAX_PROBES = 600;
  /**
   * Off by default: the English route then reads every row. On ({@code -Dtimbot.faq.englishRowsOnly=true}),
   * it reads only English rows ({@link #englishRows}). Measured in the faq2 notes: neutral on the
   * shop sets' top-1 and direct answers, much better suggestion recall for English, but 3 fewer
   * right top-1 entries on the airline KB, whose entries often have one English phrasing.
   */
  static final boolean ENGLISH_ROWS_ONLY = Boolean.getBoolean("timbot.faq.englishRowsOnly");
  /**
   * The identity's share in each route's {@link PhrasingWhitening} ({@code -Dtimbot.faq.whiteningShrink}), chosen on the
   * development sets (ws38). For experiments only: {@link AnswerModel#FAQ38} was fitted on leads mapped at 0.7.
   */
  static final double WHITENING_SHRINK = FaqSwitches.fraction("timbot.faq.whiteningShrink", 0.7);
  /**
   * Off by default ({@code -Dtimbot.faq.extrapolate=true} to try): calibration extrapolates its
   * positives to all phrasings ({@link Positives}). Measured in the faq3 notes: +0.7 to +2.1 direct
   * on three development sets, −2.7 and −3.3 on two others; not taken.
   */
  static final boolean EXTRAPOLATE = Boolean.getBoolean("timbot.faq.extrapolate");
  /**
   * On by default since faq13 ({@code -Dtimbot.faq.keywordScale=false} restores faq12's calibration): the
   * entries' keywords are asked as probes too, and how much better they find their entry than the leave-one-out
   * probes do scales the probes' wrong answers ({@link Calibration#keywordProbe}); the scaled fit aims at
   * {@link ThresholdSearch#SCALED_BUDGET}, the hybrid agreement fit stays unscaled. Why: on a route with about one
   * probe per entry each wrong probe costs 1.7 points of the 6% budget, so one or two of them set the answer bar
   * (faq12: delivery's Chinese bar 0.746, where its real questions would have taken 0.68); scaled, a wrong probe
   * costs what the keywords say real questions miss. Measured in the faq13 notes (BENCHMARKS §6b): on the fifteen
   * development case files +83 right direct answers for +13 false (every set ≤ 5%); with each KB left out of the
   * answer model's fit +75 for +7. {@link AnswerModel#FAQ10} stayed then: refitted on the scaled calibrations it
   * answered fewer ({@link AnswerModel#FAQ15} is that refit with one more signal). Earlier passes did not take it (faq3: 8.1% false on bank without the scaled budget; faq4:
   * fewer direct answers on the shop sets; faq12: its stricter false-answer rule).
   */
  static final boolean KEYWORD_SCALE = Boolean.parseBoolean(System.getProperty("timbot.faq.keywordScale", "true"));
  /**
   * Off by default ({@code -Dtimbot.faq.mirrorPairs=true} to try): a leave-one-out probe that loses to its mirror
   * twin in another entry, closer than {@link Calibration#TWIN_QUANTILE} of the route's right probes are to their
   * entry, counts as a tie ({@link MirrorPairs}). Measured in the faq16 notes (BENCHMARKS §6b): on the brokerage KB,
   * where two such pairs set the Chinese bars at 0.740 / 0.155, +60 right direct answers for +8 false; on the
   * seventeen earlier development case files +4 for +1: a change that helps one KB only, so not the default.
   */
  static final boolean MIRROR_PAIRS = Boolean.getBoolean("timbot.faq.mirrorPairs");
  /** Which routes' calibrations count the entries' keywords as positives ({@link Calibration#keywordProbe(float[], int, int)}). */
  enum KeywordPositives {
    /** None: keywords only scale the wrong count (faq13's calibration). */
    NONE,
    /** The English route's. */
    ENGLISH,
    /** Both routes'. */
    ALL
  }

  /**
   * {@code -Dtimbot.faq.keywordPositives=english|all|none}; default {@link KeywordPositives#ENGLISH}, {@code none}
   * restores faq13's calibration. Why the English route: a bilingual KB has one or two English phrasings per entry, so
   * its leave-one-out probes are few and each finds its entry through the one English phrasing left; the fit saw them
   * miss and chose the highest bars of any route (hotel: answer 0.783, margin 0.105), and most English questions whose
   * entry the lookup put first got a list or a clarifying question. Measured in the faq14 notes (BENCHMARKS §6b):
   * {@code english} +28 right direct answers for +4 false on the seventeen development case files, Chinese questions
   * unchanged; {@code all} answers more but goes over 5% false on two of them (clinic, coffee).
   */
  static final KeywordPositives KEYWORD_POSITIVES =
      FaqSwitches.choice("timbot.faq.keywordPositives", KeywordPositives.ENGLISH);
  /**
   * Off by default ({@code -Dtimbot.faq.serviceNegatives=true} to try): other trades' customer
   * questions ({@link ServiceQuestions}) join the calibration as out-of-scope probes, the KB's
   * own trades left out. {@code -Dtimbot.faq.serviceWithout=healthcare,...} leaves trades out of
   * the corpus (to measure what they do).
   */
  static final boolean SERVICE_NEGATIVES = Boolean.getBoolean("timbot.faq.serviceNegatives");
  static final List<ServiceQuestions.Line> SERVICE_QUESTIONS = SERVICE_NEGATIVES
      ? ServiceQuestions.load(Set.of(System.getProperty("timbot.faq.serviceWithout", "").split(",")))
      : List.of();
  /**
   * On by default ({@code -Dtimbot.faq.answerFloor=false} for the earlier calibration): a route's
   * suggest threshold comes from the generic negatives in the language it gets as queries only (an
   * English model's cosines between Chinese texts are high noise; with them the English route's
   * suggest threshold was its answer threshold, so English questions just below it got "I don't
   * know" instead of a list), and its answer threshold is never below that ({@link Calibration}).
   */
  static final boolean ANSWER_FLOOR = Boolean.parseBoolean(System.getProperty("timbot.faq.answerFloor", "true"));
  /**
   * On by default ({@code -Dtimbot.faq.siblingMargin=false} for one margin): calibration fits a margin
   * of its own for runners-up that are declared siblings of the best entry ({@link SiblingFit}); a
   * sibling closer than that gets a clarifying question naming both. Measured in the faq5 notes
   * (run1): hybrid direct +4.5 (telecom), +3.5 (bank), +2.8 (clinic) points, false ≤ 5% on the five
   * development sets, one fewer direct answer on the shop hold-out.
   */
  static final boolean SIBLING_MARGIN = Boolean.parseBoolean(System.getProperty("timbot.faq.siblingMargin", "true"));
  /**
   * Off by default ({@code -Dtimbot.faq.serviceChineseOnly=true}, with {@link #SERVICE_NEGATIVES}): only the
   * Chinese route is calibrated with service negatives. The English model's cosines are compressed high, so
   * other trades' English lines sit near any KB's own (faq4 notes) and only raise that route's thresholds.
   */
  static final boolean SERVICE_CHINESE_ONLY = Boolean.getBoolean("timbot.faq.serviceChineseOnly");
  /** Whether and when hybrid lookups reorder their close candidates with {@link Reranker#DEFAULT}. */
  enum Rerank {
    /** Rank fusion's order alone. */
    OFF,
    /** Only when fusion's winner is not answered outright: the reranker orders the candidates a clarifying question or a list names. */
    CLOSE,
    /** Always (an answer whose entry the reranker demotes becomes a clarifying question). */
    ALL
  }

  /** {@code -Dtimbot.faq.rerank=off|close|all}; default {@link Rerank#CLOSE} (faq7 notes). */
  static final Rerank RERANK = FaqSwitches.choice("timbot.faq.rerank", Rerank.CLOSE);

  /** One model (with its vector caches) with the KB's vectors and the thresholds fitted for them. */
  /**
   * @param thresholds the decision's thresholds when embeddings decide alone (semantic mode)
   * @param hybrid the thresholds in hybrid mode, by whether BM25's best entry agrees
   */
  public record Route(String name, EmbeddingCache vectors, VectorIndex index, Thresholds thresholds,
      Calibration.Hybrid hybrid, int probes, WhitenedCosines whitened) {
    /** A route whose answer model reads its own cosines where it reads mapped ones ({@link WhitenedCosines#none}). */
    public Route(String name, EmbeddingCache vectors, VectorIndex index, Thresholds thresholds,
        Calibration.Hybrid hybrid, int probes) {
      this(name, vectors, index, thresholds, hybrid, probes, WhitenedCosines.none(index));
    }

    public Embedder embedder() {
      return vectors.embedder();
    }

    /** The vector of a normalised query, from the model's query cache when it was asked before. */
    public float[] embedQuery(String normalized) {
      return vectors.query(normalized);
    }

    /**
     * Whether the thresholds were fitted on this KB's probes: not set by hand ({@code semanticThresholds},
     * no probes) and not {@link #FALLBACK} (too few probes to judge, or no fit within the budget), though
     * the generic and service probes make {@code probes} positive on every calibrated route.
     */
    boolean calibrated() {
      return probes > 0 && !thresholds.equals(FALLBACK);
    }
  }

  /** The thresholds of a route whose probes are too few to fit (or no fit keeps within the budget). */
  static final Thresholds FALLBACK = new Thresholds(0.9, 0.05, 0.7);

  /** Where a row's text came from: entry index and question index, or -1 for the question+answer text. */
  record RowSource(int entry, int question) {}

  /** Progress of a build, for the start-up log line. */
  public interface Progress {
    void embedded(String route, int done, int total);

    Progress NONE = (route, done, total) -> {};
  }

  private static final Logger LOG = LoggerFactory.getLogger(SemanticIndex.class);

  private final KnowledgeBase kb;
  private final Route chinese;
  private final Route english;
  private final List<RowSource> sources;
  private final Candidates candidates;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SemanticIndex(KnowledgeBase kb, Route chinese, Route english, List<RowSource> sources,
      Candidates candidates) {
    this.kb = kb;
    this.chinese = chinese;
    this.english = english;
    this.sources = sources;
    this.candidates = candidates;
  }

  /**
   * Embeds {@code kb} and calibrates each route.
   *
   * @param caches the models' vector caches; without an English one every query uses the Chinese model
   * @param override thresholds to use instead of calibrated ones, or {@code null}
   * @param falseBudget the false-answer rate calibration aims at (e.g. 0.03)
   */
  public static SemanticIndex build(KnowledgeBase kb, EmbeddingCaches caches,
      Thresholds override, double falseBudget, Progress progress) {
    return build(kb, caches, override, falseBudget, progress, BuildThreads.THREADS);
  }

  /** {@link #build} on {@code threads} threads ({@link BuildThreads}: the result does not depend on how many). */
  static SemanticIndex build(KnowledgeBase kb, EmbeddingCaches caches, Thresholds override, double falseBudget,
      Progress progress, int threads) {
    Objects.requireNonNull(kb, "kb");
    EmbeddingCache chinese = caches.chinese();
    EmbeddingCache english = caches.english();
    List<String> texts = new ArrayList<>();
    List<RowSource> sources = new ArrayList<>();
    List<List<String>> keywords = new ArrayList<>();
    for (int e = 0; e < kb.size(); e++) {
      FaqEntry entry = kb.entries().get(e);
      keywords.add(entry.keywords().stream().map(k -> TextNormalizer.normalize(k).strip()).toList());
      for (int q = 0; q < entry.questions().size(); q++) {
        texts.add(TextNormalizer.normalize(entry.questions().get(q)).strip());
        sources.add(new RowSource(e, q));
      }
      texts.add(TextNormalizer.normalize(entry.title() + " " + entry.answerText()).strip());
      sources.add(new RowSource(e, -1));
    }
    // With an English model, the Chinese one only ever sees queries with Chinese characters:
    // calibrate it on those.
    java.util.function.Predicate<String> zhQuery = english == null ? t -> true : SemanticIndex::hasCjk;
    List<RowSource> rowSources = List.copyOf(sources);
    Candidates candidates = new Candidates(List.copyOf(texts), rowSources, List.copyOf(keywords));
    try (Probing probing = new Probing(kb, texts, sources)) {
      Route zh = RouteBuilder.route("chinese", chinese, probing, zhQuery, null, override, falseBudget, progress,
          threads);
      Route en;
      try {
        en = english == null ? null
            : RouteBuilder.route("english", english, probing, t -> !hasCjk(t),
                ENGLISH_ROWS_ONLY ? englishRows(kb, texts, sources) : null,
                override, falseBudget, progress, threads);
      } catch (RuntimeException | Error e) {
        closeGraph(zh); // the Chinese route's graph has no owner
        throw e;
      }
      return new SemanticIndex(kb, zh, en, rowSources, candidates);
    }
  }

  /**
   * The rows the English model reads: texts without Chinese characters, and every row of an entry
   * that has none (so it can still be found). An English model embeds Chinese text poorly, and
   * those rows' cosines with an English query are noise that narrows the lead of the right entry
   * over its siblings.
   */
  static boolean[] englishRows(KnowledgeBase kb, List<String> texts, List<RowSource> sources) {
    boolean[] hasEnglish = new boolean[kb.size()];
    for (int r = 0; r < texts.size(); r++) {
      if (!hasCjk(texts.get(r))) {
        hasEnglish[sources.get(r).entry()] = true;
      }
    }
    boolean[] used = new boolean[texts.size()];
    for (int r = 0; r < texts.size(); r++) {
      used[r] = !hasCjk(texts.get(r)) || !hasEnglish[sources.get(r).entry()];
    }
    return used;
  }

  /**
   * Lets go of the routes' graph files (the FAQ service closes an index once no lookup uses it: a reload must not keep
   * the old KB's graph mapped until the process ends); lookups after this fail. A failure to close is logged, not
   * thrown: the new engine is already answering.
   */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeGraph(chinese);
    if (english != null) {
      closeGraph(english);
    }
  }

  private static void closeGraph(Route route) {
    try {
      route.index().close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("faq: the {} route's graph could not be closed ({})", route.name(), e.toString());
    }
  }

  /** Whether {@link #close} was called. */
  public boolean isClosed() {
    return closed.get();
  }

  /** This index with other routes (tests: thresholds chosen by hand; closing either index closes the shared ones). */
  SemanticIndex withRoutes(Route chinese, Route english) {
    return new SemanticIndex(kb, chinese, english, sources, candidates);
  }

  /** The thresholds in force, for the log line. */
  public String describe() {
    return describe(chinese) + (english == null ? "" : "; " + describe(english));
  }

  private static String describe(Route r) {
    return r.name() + " " + r.embedder().id() + r.vectors().queryMap().map(m -> " with " + m).orElse("")
        + ": " + r.thresholds() + " (hybrid: BM25 agrees "
        + r.hybrid().agreed() + ", else " + r.hybrid().disagreed() + ")";
  }

  /** The route a (normalised) query takes: English when it has no Chinese character and an English model is loaded. */
  public Route routeFor(String normalizedQuery) {
    return english != null && !hasCjk(normalizedQuery) ? english : chinese;
  }

  public Route chinese() {
    return chinese;
  }

  /** The English route, or {@code null} when every query uses the Chinese model. */
  public Route english() {
    return english;
  }

  /** The KB's texts as the reranker reads them. */
  Candidates candidates() {
    return candidates;
  }

  public KnowledgeBase knowledgeBase() {
    return kb;
  }

  /** The original text of a row: the phrasing, or the entry's first question for its question+answer row. */
  public String rowQuestion(int row) {
    RowSource s = sources.get(row);
    FaqEntry entry = kb.entries().get(s.entry());
    return entry.questions().get(Math.max(0, s.question()));
  }

  static boolean hasCjk(String text) {
    return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }


}
