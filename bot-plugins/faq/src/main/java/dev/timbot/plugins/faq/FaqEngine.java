package dev.timbot.plugins.faq;

import dev.timbot.plugins.faq.internal.FaqIndex;
import dev.timbot.plugins.faq.internal.TextNormalizer;
import dev.timbot.plugins.faq.semantic.SemanticIndex;
import dev.timbot.plugins.faq.semantic.SemanticRanker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers free-text questions from a {@link KnowledgeBase}. Immutable and thread-safe; build a
 * new engine when the KB changes (building indexes the whole KB in memory, which takes well under
 * a second for thousands of entries).
 *
 * <p>Retrieval is Lucene BM25 over two analyses of every phrasing (smartcn words with English
 * stemming, and CJK bigrams) plus the entry keywords; domain synonyms expand the query. Text is
 * first folded: NFKC (full-width → half-width), traditional → simplified, lower case.
 *
 * <p>Ranking is Lucene's raw BM25 (best phrasing per entry). The decision on top uses a
 * normalised score in 0..1: {@code raw / sqrt(self(question) * self(query))}, where {@code self(x)}
 * is the BM25 score text {@code x} would get against a document identical to itself, computed with
 * Lucene's own BM25 scorer and the index statistics — a cosine-like ratio, so a query that matches
 * a phrasing completely scores about 1 and one that carries extra, unknown content words (typical
 * of out-of-scope questions) scores lower. The engine answers when the best entry reaches
 * {@link FaqConfig#answerThreshold()} <em>and</em> the runner-up scores at most
 * {@code (1 - answerMargin)} of it; suggests up to {@link FaqConfig#maxSuggestions()} entries
 * scoring at least {@link FaqConfig#suggestThreshold()}; and otherwise returns
 * {@link FaqDecision#NONE}.
 *
 * <p>With a {@link SemanticIndex} and {@link RetrievalMode#SEMANTIC} or {@link RetrievalMode#HYBRID},
 * ranking and decision are the {@link SemanticRanker}'s instead: embeddings (fused with the BM25
 * ranks in hybrid mode) and thresholds calibrated on the KB; {@link FaqConfig} then only gives
 * {@code maxSuggestions}.
 */
public final class FaqEngine implements AutoCloseable {
  private static final int RANKED = 10;

  private final KnowledgeBase kb;
  private final FaqConfig config;
  private final FaqIndex index;
  private final RetrievalMode mode;
  private final SemanticIndex semantic;
  /**
   * One for the FAQ service while it hands this engine out, plus one per lookup running through
   * {@link #queryIfLive}; at zero the semantic index lets go of its files. Only the service retires engines: one a
   * caller builds keeps its hold, and its semantic index stays the caller's to close.
   */
  private final AtomicInteger holds = new AtomicInteger(1);
  private final AtomicBoolean retired = new AtomicBoolean();

  private FaqEngine(KnowledgeBase kb, FaqConfig config, RetrievalMode mode, SemanticIndex semantic) {
    this(kb, config, mode, semantic, null);
  }

  /** @param index the BM25 index of {@code kb} to share, or {@code null} to build one */
  private FaqEngine(KnowledgeBase kb, FaqConfig config, RetrievalMode mode, SemanticIndex semantic, FaqIndex index) {
    this.kb = Objects.requireNonNull(kb, "kb");
    this.config = Objects.requireNonNull(config, "config");
    this.mode = Objects.requireNonNull(mode, "mode");
    if (mode != RetrievalMode.LEXICAL && (semantic == null || semantic.knowledgeBase() != kb)) {
      throw new IllegalArgumentException(mode + " needs a semantic index built for this knowledge base");
    }
    this.semantic = mode == RetrievalMode.LEXICAL ? null : semantic;
    try {
      this.index = index != null ? index : new FaqIndex(kb);
    } catch (ParseException e) {
      throw new IllegalArgumentException("invalid synonym rules: " + e.getMessage(), e);
    }
  }

  /** An engine with {@link FaqConfig#defaults()}. */
  public static FaqEngine build(KnowledgeBase kb) {
    return new FaqEngine(kb, FaqConfig.defaults(), RetrievalMode.LEXICAL, null);
  }

  /** A BM25-only engine. */
  public static FaqEngine build(KnowledgeBase kb, FaqConfig config) {
    return new FaqEngine(kb, config, RetrievalMode.LEXICAL, null);
  }

  /** An engine in {@code mode}; {@code semantic} must be built for {@code kb} unless the mode is lexical. */
  public static FaqEngine build(KnowledgeBase kb, FaqConfig config, RetrievalMode mode, SemanticIndex semantic) {
    return new FaqEngine(kb, config, mode, semantic);
  }

  /**
   * This engine's KB in {@code mode} with {@code semantic}, sharing this engine's BM25 index instead of building
   * another (the FAQ service's lexical engine and the one that replaces it once vectors are ready: building the
   * index again was a fifth of that step at start-up). Closing either engine closes the index of both.
   */
  FaqEngine withSemantic(RetrievalMode mode, SemanticIndex semantic) {
    return new FaqEngine(kb, config, mode, semantic, index);
  }

  /** Whether this engine searches the same BM25 index as {@code other} ({@link #withSemantic}). */
  boolean sharesIndexWith(FaqEngine other) {
    return index == other.index;
  }

  /**
   * {@link #query}, unless this engine was {@linkplain #retire retired} and its last lookup has ended: then empty, and
   * the caller asks the engine that replaced it.
   */
  Optional<FaqResult> queryIfLive(String text) {
    if (!hold()) {
      return Optional.empty();
    }
    try {
      return Optional.of(query(text));
    } finally {
      letGo();
    }
  }

  /**
   * The FAQ service no longer hands this engine out (a newer one answers): its semantic index is closed once the
   * lookups still running on it have ended. A handler may have read the old engine just before the swap, so it is not
   * closed at once.
   */
  void retire() {
    if (retired.compareAndSet(false, true)) {
      letGo();
    }
  }

  /** A hold for one lookup; none once retired, so that the lookups already running are the last. */
  private boolean hold() {
    for (int n = holds.get(); n > 0 && !retired.get(); n = holds.get()) {
      if (holds.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  private void letGo() {
    if (holds.decrementAndGet() == 0 && semantic != null) {
      semantic.close();
    }
  }

  public FaqResult query(String text) {
    Objects.requireNonNull(text, "text");
    String normalized = TextNormalizer.normalize(text).strip();
    if (!hasSomethingToLookUp(normalized)) {
      return new FaqResult(text, FaqDecision.NONE, List.of(), List.of());
    }
    if (semantic != null) {
      List<SemanticRanker.LexicalHit> lexical = mode == RetrievalMode.HYBRID ? lexicalHits(normalized) : null;
      return SemanticRanker.rank(text, normalized, semantic, lexical, config.maxSuggestions());
    }
    List<FaqMatch> ranked = new ArrayList<>();
    for (FaqIndex.Hit hit : index.search(normalized, RANKED)) {
      FaqEntry entry = kb.entries().get(hit.entry());
      ranked.add(new FaqMatch(entry, entry.questions().get(hit.question()), hit.normalized(), hit.raw()));
    }
    return decide(text, ranked);
  }

  /**
   * Whether {@code normalized} has a character that means something. Format characters (U+200B, U+00AD, U+FEFF),
   * controls (U+0000), private-use, unassigned and lone surrogate code points, U+FFFD and combining marks with nothing
   * to combine with survive normalisation and {@link String#strip()}, but the embedding models' tokenizer drops them
   * all (BERT's clean-up and accent stripping), and a text it finds no token in makes the model throw. Such a message
   * is as empty as a blank one, in every mode.
   */
  private static boolean hasSomethingToLookUp(String normalized) {
    return normalized.codePoints().anyMatch(c -> c != 0xFFFD && !Character.isWhitespace(c)
        && switch (Character.getType(c)) {
          case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
              Character.NON_SPACING_MARK, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
              Character.PARAGRAPH_SEPARATOR -> false;
          default -> true;
        });
  }

  private List<SemanticRanker.LexicalHit> lexicalHits(String normalized) {
    return index.search(normalized, RANKED).stream()
        .map(h -> new SemanticRanker.LexicalHit(h.entry(), h.raw(), h.normalized()))
        .toList();
  }

  private FaqResult decide(String text, List<FaqMatch> ranked) {
    if (ranked.isEmpty() || ranked.get(0).score() < config.suggestThreshold()) {
      return new FaqResult(text, FaqDecision.NONE, ranked, List.of());
    }
    double top = ranked.get(0).score();
    double second = ranked.size() > 1 ? ranked.get(1).score() : 0;
    if (top >= config.answerThreshold() && second <= top * (1 - config.answerMargin())) {
      return new FaqResult(text, FaqDecision.ANSWER, ranked, List.of());
    }
    List<FaqMatch> suggestions = ranked.stream()
        .filter(m -> m.score() >= config.suggestThreshold())
        .limit(config.maxSuggestions())
        .toList();
    return new FaqResult(text, FaqDecision.SUGGEST, ranked, suggestions);
  }

  /** Lucene's score explanation of {@code text} against every phrasing of one entry. */
  public String explain(String text, String entryId) {
    int i = kb.entries().indexOf(kb.entry(entryId).orElseThrow(
        () -> new IllegalArgumentException("no entry " + entryId)));
    return index.explain(TextNormalizer.normalize(text).strip(), i);
  }

  /** Both signals for one entry: its embedding rank and cosine (when semantic) and Lucene's BM25 explanation. */
  public String explainBoth(String text, String entryId) {
    StringBuilder sb = new StringBuilder();
    if (semantic != null) {
      sb.append(SemanticRanker.explain(TextNormalizer.normalize(text).strip(), semantic, entryId));
    }
    sb.append("bm25:\n").append(explain(text, entryId));
    return sb.toString();
  }

  public RetrievalMode mode() {
    return mode;
  }

  /** The semantic index, or {@code null} in lexical mode. */
  public SemanticIndex semantic() {
    return semantic;
  }

  public KnowledgeBase knowledgeBase() {
    return kb;
  }

  public FaqConfig config() {
    return config;
  }

  @Override
  public void close() {
    try {
      index.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
