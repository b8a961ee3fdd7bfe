package dev.timbot.plugins.faq.semantic;

import dev.timbot.plugins.faq.FaqEntry;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Analysis tool (faq15, not shipped): writes every lookup {@link AnswerModelTraining} fits on as one TSV row — the
 * answer model's features under the reranker fitted without the row's KB on every other KB ({@code loo}), under the
 * shipped one ({@code default}) and under the shipped one as it would be without the row's KB ({@code shipped}, faq20:
 * {@link AnswerModelTraining#shippedRerankersWithout}), whether the winner is right, whether the calibrated rule answers it, and candidate signals that
 * the model does not read (for trying new ones offline without re-embedding every question).
 *
 * <pre>
 * java -cp bot-plugins/faq/target/test-classes:bot-plugins/faq/target/faq-cli.jar \
 *   dev.timbot.plugins.faq.semantic.AnswerModelDump DATA_DIR OUT.tsv KB1 CASES1 [KB2 CASES2 ...]
 * </pre>
 */
public final class AnswerModelDump {
  /** Leads beyond this say nothing more, as {@link AnswerModel#MAX_WIDE_RERANK_LEAD}. */
  private static final double CAP = AnswerModel.MAX_WIDE_RERANK_LEAD;

  private AnswerModelDump() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    List<AnswerModelTraining.Lookup> all = new ArrayList<>();
    for (int i = 2; i + 1 < args.length; i += 2) {
      all.addAll(AnswerModelTraining.lookups(data, Path.of(args[i]), Path.of(args[i + 1])));
    }
    Map<String, Reranker> rerankerWithout = AnswerModelTraining.rerankersWithout(all);
    Map<String, Reranker> shippedWithout = AnswerModelTraining.shippedRerankersWithout(all);
    // How close the training tool comes to the shipped reranker on the case files it was fitted on (faq10).
    System.err.println("refitted on faq10's case files: " + RerankerTraining.train(all.stream()
        .filter(l -> l.expected() >= 0 && AnswerModelTraining.seenByFaq10(l)).map(AnswerModelTraining.Lookup::question)
        .toList()) + "; shipped: " + Reranker.DEFAULT);
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8))) {
      List<String> header = new ArrayList<>(List.of("set", "reranker", "route", "inScope", "right", "ruleAnswers",
          "eligible"));
      numbered(header, "f", AnswerModel.FEATURES);
      header.addAll(List.of("cos", "lead", "sibling", "tAnswer", "tSuggest", "tMargin", "tSibMargin", "sibRrLead",
          "nonSibRrLead", "rrSecondSib", "kwWin", "kwOther", "ovWin", "ovOther", "lexWin", "nonSibLead"));
      numbered(header, "w", RerankFeatures.COUNT);
      numbered(header, "d", RerankFeatures.COUNT);
      header.add("query");
      out.println(String.join("\t", header));
      for (AnswerModelTraining.Lookup l : all) {
        write(out, l, "loo", rerankerWithout.get(l.kb()));
        write(out, l, "default", Reranker.DEFAULT);
        write(out, l, "shipped", shippedWithout.get(l.kb()));
      }
    }
  }

  /** Adds {@code prefix0} … {@code prefix(n-1)}: one column per feature, as many as the row writes. */
  private static void numbered(List<String> header, String prefix, int n) {
    for (int i = 0; i < n; i++) {
      header.add(prefix + i);
    }
  }

  private static void write(PrintWriter out, AnswerModelTraining.Lookup l, String name, Reranker reranker) {
    AnswerModelTraining.Row r = AnswerModelTraining.row(l, reranker);
    List<FaqEntry> entries = l.index().knowledgeBase().entries();
    double[][] f = l.features();
    int w = reranker.best(f);
    FaqEntry winner = entries.get(r.winner());
    double winScore = reranker.score(f[w]);
    double bestSib = Double.NEGATIVE_INFINITY;
    double bestOther = Double.NEGATIVE_INFINITY;
    double second = Double.NEGATIVE_INFINITY;
    boolean secondSib = false;
    int secondAt = -1;
    double kwOther = 0;
    double ovOther = 0;
    for (int i = 0; i < f.length; i++) {
      if (i == w) {
        continue;
      }
      double s = reranker.score(f[i]);
      boolean sib = Siblings.declared(winner, entries.get(l.ranking().get(i)));
      if (sib) {
        bestSib = Math.max(bestSib, s);
      } else {
        bestOther = Math.max(bestOther, s);
      }
      if (s > second) {
        second = s;
        secondSib = sib;
        secondAt = i;
      }
      kwOther = Math.max(kwOther, f[i][8]);
      ovOther = Math.max(ovOther, f[i][7]);
    }
    double nonSibCos = -1;
    for (int e = 0; e < l.cos().length; e++) {
      if (e != r.winner() && !Siblings.declared(winner, entries.get(e))) {
        nonSibCos = Math.max(nonSibCos, l.cos()[e]);
      }
    }
    AnswerModel.Signals s = r.signals();
    Thresholds t = l.t();
    StringJoiner j = new StringJoiner("\t");
    j.add(Path.of(l.cases()).getFileName().toString()).add(name).add(l.route().name())
        .add(bit(l.expected() >= 0)).add(bit(r.right())).add(bit(r.ruleAnswers())).add(bit(r.eligible()));
    for (double x : r.x()) {
      j.add(num(x));
    }
    j.add(num(s.cosine())).add(num(s.lead())).add(bit(s.sibling())).add(num(t.answer())).add(num(t.suggest()))
        .add(num(t.margin())).add(num(t.siblingMargin()))
        .add(num(Math.min(CAP, winScore - bestSib))).add(num(Math.min(CAP, winScore - bestOther))).add(bit(secondSib))
        .add(num(f[w][8])).add(num(kwOther)).add(num(f[w][7])).add(num(ovOther)).add(num(f[w][5]))
        .add(num(s.cosine() - nonSibCos));
    for (int k = 0; k < RerankFeatures.COUNT; k++) {
      j.add(num(f[w][k]));
    }
    for (int k = 0; k < RerankFeatures.COUNT; k++) {
      j.add(num(secondAt < 0 ? 0 : f[w][k] - f[secondAt][k]));
    }
    j.add(l.query().replace('\t', ' '));
    out.println(j);
  }

  private static String bit(boolean b) {
    return b ? "1" : "0";
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
