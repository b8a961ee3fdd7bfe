package dev.timbot.plugins.faq.semantic;

import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.KnowledgeBase;
import dev.timbot.plugins.faq.internal.TextNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The semantic side of one knowledge base: every phrasing (and, per entry, its first question
 * with its answer) embedded by one model or two — Chinese/mixed text and, when an English model
 * is given, text without any Chinese character — each route with thresholds calibrated on this
 * KB ({@link Calibration}). Immutable once built; building embeds only texts its caches lack.
 */
public final class SemanticIndex {
  /** Calibration looks at no more than this many phrasings per route (spread over the KB). */
  static final int MAX_PROBES = 600;
  private static final List<String> GENERIC_NEGATIVES = loadGeneric();

  /** One model with the KB's vectors and the thresholds fitted for them. */
  public record Route(String name, Embedder embedder, VectorIndex index, Thresholds thresholds, int probes) {}

  /** Where a row's text came from: entry index and question index, or -1 for the question+answer text. */
  record RowSource(int entry, int question) {}

  /** Progress of a build, for the start-up log line. */
  public interface Progress {
    void embedded(String route, int done, int total);

    Progress NONE = (route, done, total) -> {};
  }

  private final KnowledgeBase kb;
  private final Route chinese;
  private final Route english;
  private final List<RowSource> sources;

  private SemanticIndex(KnowledgeBase kb, Route chinese, Route english, List<RowSource> sources) {
    this.kb = kb;
    this.chinese = chinese;
    this.english = english;
    this.sources = sources;
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
    Objects.requireNonNull(kb, "kb");
    EmbeddingCache chinese = caches.chinese();
    EmbeddingCache english = caches.english();
    List<String> texts = new ArrayList<>();
    List<RowSource> sources = new ArrayList<>();
    for (int e = 0; e < kb.size(); e++) {
      FaqEntry entry = kb.entries().get(e);
      for (int q = 0; q < entry.questions().size(); q++) {
        texts.add(TextNormalizer.normalize(entry.questions().get(q)).strip());
        sources.add(new RowSource(e, q));
      }
      texts.add(TextNormalizer.normalize(entry.title() + " " + entry.answerText()).strip());
      sources.add(new RowSource(e, -1));
    }
    // With an English model, the Chinese one only ever sees queries with Chinese characters:
    // calibrate it on those.
    java.util.function.IntPredicate zhProbe = english == null ? r -> true : r -> hasCjk(texts.get(r));
    Route zh = route("chinese", chinese, kb, texts, sources, zhProbe, override, falseBudget, progress);
    Route en = english == null ? null
        : route("english", english, kb, texts, sources, r -> !hasCjk(texts.get(r)), override, falseBudget, progress);
    return new SemanticIndex(kb, zh, en, List.copyOf(sources));
  }

  private static Route route(String name, EmbeddingCache cache, KnowledgeBase kb, List<String> texts,
      List<RowSource> sources, java.util.function.IntPredicate probeRow, Thresholds override,
      double falseBudget, Progress progress) {
    List<float[]> rows = new ArrayList<>(texts.size());
    int[] entryOfRow = new int[texts.size()];
    for (int r = 0; r < texts.size(); r++) {
      rows.add(cache.vector(texts.get(r)));
      entryOfRow[r] = sources.get(r).entry();
      if ((r + 1) % 500 == 0 || r + 1 == texts.size()) {
        progress.embedded(name, r + 1, texts.size());
      }
    }
    VectorIndex index = new VectorIndex(rows, entryOfRow, kb.size(), cache.embedder().dimension());
    Set<String> live = new HashSet<>(texts);
    live.addAll(GENERIC_NEGATIVES);
    Calibration calibration = new Calibration();
    List<Integer> probeRows = new ArrayList<>();
    int[] rowsPerEntry = new int[kb.size()];
    for (int r = 0; r < texts.size(); r++) {
      if (sources.get(r).question() >= 0) {
        rowsPerEntry[sources.get(r).entry()]++;
        if (probeRow.test(r)) {
          probeRows.add(r);
        }
      }
    }
    int stride = Math.max(1, probeRows.size() / MAX_PROBES);
    for (int i = 0; i < probeRows.size(); i += stride) {
      int r = probeRows.get(i);
      int entry = sources.get(r).entry();
      float[] scores = index.entryScores(rows.get(r), r);
      // The entry's question+answer row repeats its first question, so that one is no fair probe.
      if (rowsPerEntry[entry] >= 2 && sources.get(r).question() != 0) {
        calibration.positive(scores, entry);
      }
      scores[entry] = -1;
      calibration.inDomainNegative(scores);
    }
    for (String g : GENERIC_NEGATIVES) {
      calibration.genericNegative(index.entryScores(cache.vector(g)));
    }
    cache.retain(live);
    Thresholds fitted = calibration.fit(falseBudget, new Thresholds(0.9, 0.05, 0.7));
    return new Route(name, cache.embedder(), index, override != null ? override : fitted, calibration.probes());
  }

  /** The thresholds in force, for the log line. */
  public String describe() {
    return "chinese " + chinese.embedder().id() + ": " + chinese.thresholds()
        + (english == null ? "" : "; english " + english.embedder().id() + ": " + english.thresholds());
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

  private static List<String> loadGeneric() {
    try (InputStream in = SemanticIndex.class.getResourceAsStream("out-of-scope.txt")) {
      if (in == null) {
        throw new IllegalStateException("out-of-scope.txt missing from the classpath");
      }
      List<String> out = new ArrayList<>();
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .forEach(l -> out.add(TextNormalizer.normalize(l).strip()));
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
