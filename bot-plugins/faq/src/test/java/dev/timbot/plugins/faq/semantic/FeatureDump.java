package dev.timbot.plugins.faq.semantic;

import dev.timbot.plugins.faq.EvalCase;
import dev.timbot.plugins.faq.FaqDecision;
import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.FaqResult;
import dev.timbot.plugins.faq.KnowledgeBase;
import dev.timbot.plugins.faq.internal.FaqIndex;
import dev.timbot.plugins.faq.internal.TextNormalizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Analysis tool (faq14, not shipped): per case, what the hybrid decision reads, and the Chinese model's view (its
 * queries mapped by the {@link QueryAdapter} unless {@code -Dtimbot.faq.queryAdapter=off}).
 */
public final class FeatureDump {
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    String set = args[1];
    KnowledgeBase kb = KnowledgeBase.load(Path.of(args[2])).orThrow();
    SemanticIndex index = RerankerTraining.index(data, kb);
    System.out.println("#routes\t" + index.describe());
    List<FaqEntry> entries = kb.entries();
    try (FaqIndex bm25 = new FaqIndex(kb)) {
      for (EvalCase c : EvalCase.readTsv(Path.of(args[3]))) {
        String normalized = TextNormalizer.normalize(c.query()).strip();
        List<SemanticRanker.LexicalHit> lexical = AnswerModelTraining.lexicalHits(bm25, normalized);
        List<Integer> lex = lexical.stream().map(SemanticRanker.LexicalHit::entry).toList();
        SemanticIndex.Route route = index.routeFor(normalized);
        float[] vector = route.embedQuery(normalized);
        VectorIndex.Scores dense = route.index().nearest(vector, Candidates.DENSE, lex);
        float[] cos = dense.score();
        List<Integer> ranking = Candidates.fused(cos, lex);
        FaqResult actual = SemanticRanker.rank(c.query(), normalized, index, lexical, 3);
        if (ranking.isEmpty()) {
          continue;
        }
        double[][] features = index.candidates().features(normalized, vector, route.index(), cos, ranking,
            Reranker.DEFAULT.depth(), lex, lexical.stream().map(SemanticRanker.LexicalHit::normalized).toList());
        List<Integer> reordered = Reranker.DEFAULT.reorder(ranking, features);
        Thresholds t = SemanticRanker.thresholds(route, lexical, ranking);
        int winner = reordered.get(0);
        AnswerModel.Signals s = SemanticRanker.signals(winner, ranking.get(0), vector, cos, dense.scored(), features, Reranker.DEFAULT, index,
            route, lexical, t);
        FaqResult rule = SemanticRanker.decide(c.query(), SemanticRanker.matches(ranking, dense, Map.of(), index), t, 3);
        boolean ruleAnswers = rule.decision() == FaqDecision.ANSWER && ranking.get(0) == winner;
        int fused = ranking.get(0);
        double fusedLead = lead(cos, fused, -1);
        boolean fusedSib = sibling(entries, cos, fused);
        // lead over the best entry that is no declared sibling of the winner
        double nonSibLead = leadNonSibling(entries, cos, winner);
        String zh = "-\t0\t0\t0";
        if (route == index.english()) {
          float[] zv = index.chinese().embedQuery(normalized);
          float[] z = index.chinese().index().scores(zv).score();
          int top = 0;
          for (int e = 1; e < z.length; e++) {
            if (z[e] > z[top]) {
              top = e;
            }
          }
          zh = String.format(Locale.ROOT, "%s\t%.4f\t%.4f\t%.4f", entries.get(top).id(), z[winner], lead(z, winner, -1),
              lead(z, top, -1));
        }
        String exp = c.inScope() ? c.expectedId() : "-";
        System.out.println(String.join("\t", set, String.valueOf(c.line()), route.name(), exp,
            actual.decision().name().toLowerCase(Locale.ROOT), entries.get(winner).id(),
            String.valueOf(entries.get(winner).id().equals(exp)),
            f(s.cosine()), f(s.lead()), String.valueOf(s.sibling()), f(s.rerankLead()), String.valueOf(s.lexicalFirst()),
            f(s.rerankTop()), String.valueOf(s.fusedFirst()), String.valueOf(ruleAnswers),
            entries.get(fused).id(), f(cos[fused]), f(fusedLead), String.valueOf(fusedSib), f(nonSibLead),
            String.valueOf(!lexical.isEmpty() && lexical.get(0).entry() == fused),
            th(route.hybrid().agreed()), th(route.hybrid().disagreed()), zh, c.query()));
      }
    }
  }

  private static double lead(float[] cos, int e, int skip) {
    double other = -1;
    for (int i = 0; i < cos.length; i++) {
      if (i != e && i != skip) {
        other = Math.max(other, cos[i]);
      }
    }
    return cos[e] - other;
  }

  private static boolean sibling(List<FaqEntry> entries, float[] cos, int e) {
    int r = -1;
    for (int i = 0; i < cos.length; i++) {
      if (i != e && (r < 0 || cos[i] > cos[r])) {
        r = i;
      }
    }
    return r >= 0 && Siblings.declared(entries.get(e), entries.get(r));
  }

  private static double leadNonSibling(List<FaqEntry> entries, float[] cos, int e) {
    double other = -1;
    for (int i = 0; i < cos.length; i++) {
      if (i != e && !Siblings.declared(entries.get(e), entries.get(i))) {
        other = Math.max(other, cos[i]);
      }
    }
    return cos[e] - other;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String th(Thresholds t) {
    return String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f,%.4f", t.answer(), t.margin(), t.suggest(), t.leadWeight(),
        t.siblingMargin());
  }
}
