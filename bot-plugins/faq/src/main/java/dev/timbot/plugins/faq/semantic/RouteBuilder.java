package dev.timbot.plugins.faq.semantic;

import static dev.timbot.plugins.faq.semantic.SemanticIndex.ANSWER_FLOOR;
import static dev.timbot.plugins.faq.semantic.SemanticIndex.EXTRAPOLATE;
import static dev.timbot.plugins.faq.semantic.SemanticIndex.FALLBACK;
import static dev.timbot.plugins.faq.semantic.SemanticIndex.KEYWORD_POSITIVES;
import static dev.timbot.plugins.faq.semantic.SemanticIndex.KEYWORD_SCALE;
import static dev.timbot.plugins.faq.semantic.SemanticIndex.MAX_PROBES;
import static dev.timbot.plugins.faq.semantic.SemanticIndex.MIRROR_PAIRS;
import static dev.timbot.plugins.faq.semantic.SemanticIndex.SERVICE_CHINESE_ONLY;
import static dev.timbot.plugins.faq.semantic.SemanticIndex.SERVICE_NEGATIVES;
import static dev.timbot.plugins.faq.semantic.SemanticIndex.SERVICE_QUESTIONS;
import static dev.timbot.plugins.faq.semantic.SemanticIndex.SIBLING_MARGIN;
import static dev.timbot.plugins.faq.semantic.SemanticIndex.WHITENING_SHRINK;

import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.KnowledgeBase;
import dev.timbot.plugins.faq.internal.TextNormalizer;
import dev.timbot.plugins.faq.semantic.SemanticIndex.KeywordPositives;
import dev.timbot.plugins.faq.semantic.SemanticIndex.RowSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Builds one route of a {@link SemanticIndex}: the model's vectors of the KB's rows, the HNSW graph and the fitted
 * thresholds (kept in or read from a {@link RouteStore}), the {@link PhrasingWhitening} the answer model reads, and the
 * calibration on the KB's own probes ({@link Calibration}) when nothing stored or given fits. The switches it reads are
 * {@link SemanticIndex}'s.
 */
final class RouteBuilder {
  private RouteBuilder() {}

  /**
   * @param routeQuery which (normalised) texts this route gets as queries: its calibration probes
   *     with those phrasings and those generic negatives only
   * @param used the rows this route's model reads, or {@code null} for all
   */
  static SemanticIndex.Route route(String name, EmbeddingCache cache, Probing probing,
      java.util.function.Predicate<String> routeQuery, boolean[] used, Thresholds override, double falseBudget,
      SemanticIndex.Progress progress, int threads) {
    KnowledgeBase kb = probing.kb();
    List<String> texts = probing.texts();
    java.util.function.IntPredicate probeRow = r -> routeQuery.test(texts.get(r));
    List<RowSource> sources = probing.sources();
    List<float[]> rows = new ArrayList<>(texts.size());
    int[] entryOfRow = new int[texts.size()];
    // A new KB's texts are embedded side by side (one ONNX intra-op thread each, so each vector is what one thread
    // makes); a stored text is only read from the cache.
    BuildThreads.forEachInOrder(texts.size(), r -> cache.vector(texts.get(r)), (vector, r) -> {
      rows.add(vector);
      entryOfRow[r] = sources.get(r).entry();
      if ((r + 1) % 500 == 0 || r + 1 == texts.size()) {
        progress.embedded(name, r + 1, texts.size());
      }
    }, Math.min(threads, BuildThreads.MAX_EMBEDDING));
    Optional<RouteStore> store = RouteStore.of(name, cache, graphInputs(texts, used),
        calibrationInputs(probing, probeRow, falseBudget, cache.queryMap()));
    VectorIndex index = new VectorIndex(rows, entryOfRow, kb.size(), cache.embedder().dimension(), used,
        store.map(RouteStore::graph).orElse(null));
    // Pairs of phrasings in the route's own language: a Chinese and an English phrasing differ by language too. No map
    // where nothing reads it: a model that does not, or thresholds set by hand (the rule decides, not the model).
    WhitenedCosines whitening = override != null || !AnswerModel.DEFAULT.readsWhitening() ? WhitenedCosines.none(index)
        : new WhitenedCosines(PhrasingWhitening.fit(rows, entryOfRow, kb.size(),
            r -> sources.get(r).question() >= 0 && probeRow.test(r) && (used == null || used[r]),
            cache.embedder().dimension(), WHITENING_SHRINK), index, threads);
    Set<String> live = new HashSet<>(texts);
    live.addAll(ProbeTexts.GENERIC_NEGATIVES);
    SERVICE_QUESTIONS.forEach(l -> live.add(l.text()));
    List<RowSource> keywords = KEYWORD_SCALE ? ProbeTexts.keywordProbes(kb, routeQuery, MAX_PROBES) : List.of();
    keywords.forEach(k -> live.add(ProbeTexts.keywordText(kb, k)));
    if (override != null) {
      cache.retain(live);
      store.ifPresent(RouteStore::pruneOthers);
      return new SemanticIndex.Route(name, cache, index, override, Calibration.Hybrid.both(override), 0, whitening);
    }
    Optional<RouteStore.Fitted> saved = store.flatMap(RouteStore::calibration);
    if (saved.isPresent()) {
      cache.retain(live);
      RouteStore.Fitted f = saved.get();
      return new SemanticIndex.Route(name, cache, index, f.single(), f.hybrid(), f.probes(), whitening);
    }
    boolean keywordPositives = KEYWORD_POSITIVES == KeywordPositives.ALL
        || (KEYWORD_POSITIVES == KeywordPositives.ENGLISH && name.equals("english"));
    Calibration calibration = new Calibration(EXTRAPOLATE, ANSWER_FLOOR, probing.siblings(), SIBLING_MARGIN,
        keywordPositives);
    List<Integer> probeRows = new ArrayList<>();
    int[] rowsPerEntry = new int[kb.size()];
    for (int r = 0; r < texts.size(); r++) {
      if (sources.get(r).question() >= 0 && (used == null || used[r])) {
        rowsPerEntry[sources.get(r).entry()]++;
        if (probeRow.test(r)) {
          probeRows.add(r);
        }
      }
    }
    // A phrasing asked as a question is a query: mapped as lookups map theirs (QueryAdapter), once per row asked.
    List<float[]> asked = asked(rows, cache);
    int stride = Math.max(1, probeRows.size() / MAX_PROBES);
    List<Integer> sampled = new ArrayList<>();
    for (int i = 0; i < probeRows.size(); i += stride) {
      sampled.add(probeRows.get(i));
    }
    // Scored side by side (BuildThreads), read by the calibration one by one in the probes' order.
    BuildThreads.forEachInOrder(sampled.size(), i -> {
      int r = sampled.get(i);
      int entry = sources.get(r).entry();
      float[] scores = index.entryScores(asked.get(r), r);
      // The entry's question+answer row repeats its first question, so that one is no fair probe.
      if (rowsPerEntry[entry] < 2 || sources.get(r).question() == 0) {
        return new LeftOut(r, scores, false, null, false);
      }
      return new LeftOut(r, scores, true,
          EXTRAPOLATE ? Positives.fewerPhrasings(asked.get(r), r, index.rowsOf(entry), rows, sources) : new float[0],
          MIRROR_PAIRS && MirrorPairs.lostToTwin(index, asked, r, scores));
    }, (p, i) -> {
      int entry = sources.get(p.row()).entry();
      if (p.positive()) {
        calibration.positive(p.scores(), entry,
            probing.lexicalTop(texts.get(p.row()), entry, sources.get(p.row()).question()), p.fewer(), p.twin());
      }
      p.scores()[entry] = -1;
      calibration.inDomainNegative(p.scores(), probing.lexicalTop(texts.get(p.row()), entry, -1));
    }, threads);
    // A probe text is asked as a query (mapped), against every row.
    java.util.function.Function<String, float[]> scoresOf = text -> index.entryScores(cache.probe(text));
    List<String> keywordTexts = keywords.stream().map(k -> ProbeTexts.keywordText(kb, k)).toList();
    BuildThreads.forEachInOrder(keywords.size(), i -> scoresOf.apply(keywordTexts.get(i)), (scores, i) ->
      calibration.keywordProbe(scores, keywords.get(i).entry(),
          keywordPositives ? probing.lexicalTop(keywordTexts.get(i), -1, -1) : -1), threads);
    List<String> generic = ProbeTexts.GENERIC_NEGATIVES;
    BuildThreads.forEachInOrder(generic.size(), i -> scoresOf.apply(generic.get(i)), (scores, i) -> {
      String g = generic.get(i);
      calibration.genericNegative(scores, probing.lexicalTop(g, -1, -1), !ANSWER_FLOOR || routeQuery.test(g));
    }, threads);
    boolean service = !SERVICE_CHINESE_ONLY || name.equals("chinese");
    ServiceQuestions.probe(SERVICE_QUESTIONS.stream().filter(l -> service && routeQuery.test(l.text())).toList(),
        scoresOf, text -> probing.lexicalTop(text, -1, -1), calibration, name);
    cache.retain(live);
    Calibration.Hybrid hybrid = calibration.fitHybrid(falseBudget, FALLBACK);
    // Without agreement the hybrid decision uses the single fit: it serves semantic mode too.
    RouteStore.Fitted fitted = new RouteStore.Fitted(hybrid.disagreed(), hybrid, calibration.probes());
    store.ifPresent(s -> s.save(fitted));
    return new SemanticIndex.Route(name, cache, index, fitted.single(), fitted.hybrid(), fitted.probes(), whitening);
  }

  /**
   * One leave-one-out probe, scored: its row, its entry scores without that row, and, when it also counts as a right
   * answer ({@code positive}: not a first question, an entry with two phrasings or more), its fewer-phrasings cosines
   * and whether it lost through a mirror twin.
   */
  private record LeftOut(int row, float[] scores, boolean positive, float[] fewer, boolean twin) {}

  /** The rows as the calibration asks them: mapped on first use when the model maps its queries, else the rows. */
  private static List<float[]> asked(List<float[]> rows, EmbeddingCache cache) {
    if (!cache.mapsQueries()) {
      return rows;
    }
    // Probes are scored on several threads (BuildThreads): two may map one row at once, to the same vector.
    AtomicReferenceArray<float[]> mapped = new AtomicReferenceArray<>(rows.size());
    return new java.util.AbstractList<>() {
      @Override
      public float[] get(int r) {
        float[] m = mapped.get(r);
        if (m == null) {
          m = cache.asQuery(rows.get(r));
          mapped.set(r, m);
        }
        return m;
      }

      @Override
      public int size() {
        return rows.size();
      }
    };
  }

  /** What a route's rows, so its graph, depend on besides the model: the texts in row order, and which it reads. */
  private static List<String> graphInputs(List<String> texts, boolean[] used) {
    List<String> inputs = new ArrayList<>(texts.size());
    for (int r = 0; r < texts.size(); r++) {
      inputs.add((used == null || used[r]) + "/" + texts.get(r));
    }
    return inputs;
  }

  /**
   * What a route's thresholds depend on besides its rows and model: where each text came from,
   * which rows probe this route, the BM25 side of the probes (questions, keywords, answers and
   * synonyms, which it normalises itself: so also how text is normalised), the budget and the generic negatives.
   *
   * @param queryMap what identifies the map of the route's queries ({@link QueryAdapter}), empty when they are not
   *     mapped: the key is then the one of before session 40, and a stored calibration still fits
   */
  private static List<String> calibrationInputs(Probing probing, java.util.function.IntPredicate probeRow,
      double falseBudget, java.util.Optional<String> queryMap) {
    List<String> inputs = new ArrayList<>();
    inputs.add("budget " + falseBudget + " probes " + MAX_PROBES + " extrapolate " + EXTRAPOLATE + " answer floor " + ANSWER_FLOOR + " suggest quantile " + ThresholdSearch.SUGGEST_QUANTILE + " keyword scale " + KEYWORD_SCALE + " keyword positives " + KEYWORD_POSITIVES
        + " service negatives " + SERVICE_NEGATIVES + " chinese only " + SERVICE_CHINESE_ONLY
        + " sibling margin " + SIBLING_MARGIN + (MIRROR_PAIRS ? " mirror pairs " + Calibration.TWIN_QUANTILE : "")
        + " " + TextNormalizer.describe() + queryMap.map(m -> " " + m).orElse(""));
    for (int r = 0; r < probing.texts().size(); r++) {
      RowSource s = probing.sources().get(r);
      inputs.add(s.entry() + "/" + s.question() + "/" + probeRow.test(r));
    }
    for (FaqEntry e : probing.kb().entries()) {
      inputs.add(e.id() + " " + e.questions() + " " + e.keywords() + " " + e.answerText());
    }
    inputs.add("synonyms " + probing.kb().synonyms());
    inputs.addAll(ProbeTexts.GENERIC_NEGATIVES);
    SERVICE_QUESTIONS.forEach(l -> inputs.add(l.trade() + "/" + l.text()));
    return inputs;
  }
}
