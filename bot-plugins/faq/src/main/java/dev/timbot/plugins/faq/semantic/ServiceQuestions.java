package dev.timbot.plugins.faq.semantic;

import dev.timbot.plugins.faq.internal.ResourceLines;
import dev.timbot.plugins.faq.internal.TextNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer questions from many service trades ({@code service-questions.txt}): the
 * domain-adjacent negatives of the calibration. The out-of-scope questions a deployed KB meets
 * are mostly other trades' questions ("how are stocks doing today" on a bank's KB, "how do I buy
 * a train ticket" on an airline's); the KB's own phrasings and chit-chat look nothing like them.
 *
 * <p>The trades a KB serves itself must not count as out of scope. Which those are is decided per
 * KB by {@link #ownTrades}, by rank among the trades rather than by a cosine cut-off (see there).
 */
public final class ServiceQuestions {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceQuestions.class);
  /** One question and the trade it belongs to. */
  public record Line(String trade, String text) {}

  /** A trade is the KB's own when its lines' mean best score is within this of the highest trade's. */
  static final double OWN_TRADE_GAP = 0.03;

  private ServiceQuestions() {}

  /**
   * The corpus shipped with the plugin, normalised like queries.
   *
   * @param without trades left out (e.g. "healthcare", to measure what a trade's lines do)
   */
  public static List<Line> load(Set<String> without) {
    return parse(ResourceLines.read(ServiceQuestions.class, "service-questions.txt"), without);
  }

  static List<Line> parse(List<String> lines, Set<String> without) {
    List<Line> out = new ArrayList<>();
    String trade = null;
    for (String raw : lines) {
      String l = raw.strip();
      if (l.startsWith("## ")) {
        trade = l.substring(3).strip();
      } else if (!l.isEmpty() && !l.startsWith("#")) {
        if (trade == null) {
          throw new IllegalStateException("service question before any '## trade' line: " + l);
        }
        if (!without.contains(trade)) {
          out.add(new Line(trade, TextNormalizer.normalize(l).strip()));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The trades this KB serves itself: the trade whose lines score highest against the KB on
   * average (their best entry's score), and every trade within {@link #OWN_TRADE_GAP} of it. A
   * KB's own trade stands out from the rest as a group even where single lines do not, and a
   * rank among trades carries over from one KB and model to another where a fixed cosine does
   * not (the reason the calibration exists). Lines are never dropped one by one: a line of
   * another trade that scores high is exactly the look-alike the calibration must see.
   *
   * @param bestScores each line's best entry score against the KB, in the order of {@code lines}
   */
  static Set<String> ownTrades(List<Line> lines, double[] bestScores) {
    Map<String, Double> means = tradeMeans(lines, bestScores);
    double top = means.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Set<String> own = new TreeSet<>();
    means.forEach((trade, mean) -> {
      if (mean >= top - OWN_TRADE_GAP) {
        own.add(trade);
      }
    });
    return own;
  }

  /**
   * The lines that count as out of scope for this KB: not of its own trades ({@link #ownTrades}),
   * and scoring below the own trades' lines on average. A line of another trade that the KB
   * matches as closely as a typical line of its own trade is one it can answer (a shop's KB and
   * "how do I track my parcel"); lines just under that are the look-alikes the fit must see.
   */
  static boolean[] outOfScope(List<Line> lines, double[] bestScores) {
    return outOfScope(lines, bestScores, ownTrades(lines, bestScores));
  }

  /** {@link #outOfScope(List, double[])} with the KB's own trades already known. */
  private static boolean[] outOfScope(List<Line> lines, double[] bestScores, Set<String> own) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (own.contains(lines.get(i).trade())) {
        sum += bestScores[i];
        n++;
      }
    }
    double ownMean = n == 0 ? Double.POSITIVE_INFINITY : sum / n;
    boolean[] out = new boolean[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      out[i] = !own.contains(lines.get(i).trade()) && bestScores[i] < ownMean;
    }
    return out;
  }

  /**
   * Asks {@code lines} (those in a route's language) against the KB and gives the calibration the
   * ones it cannot answer ({@link #outOfScope}). With {@code -Dtimbot.faq.serviceLog=true} the
   * trades' mean scores, the KB's own trades and the lines left out go to stderr (a measuring aid:
   * the CLI has no logging backend).
   *
   * @param scoresOf a text's score per entry
   * @param lexicalTopOf BM25's best entry for a text, or -1
   */
  static void probe(List<Line> lines, Function<String, float[]> scoresOf, ToIntFunction<String> lexicalTopOf,
      Calibration calibration, String route) {
    if (lines.isEmpty()) {
      return;
    }
    List<float[]> scores = new ArrayList<>(lines.size());
    double[] best = new double[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      float[] s = scoresOf.apply(lines.get(i).text());
      scores.add(s);
      best[i] = Calibration.probe(s, -1, -1).best();
    }
    Set<String> own = ownTrades(lines, best);
    boolean[] outOfScope = outOfScope(lines, best, own);
    List<String> close = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (outOfScope[i]) {
        calibration.serviceNegative(scores.get(i), lexicalTopOf.applyAsInt(lines.get(i).text()));
      } else if (!own.contains(lines.get(i).trade())) {
        close.add(lines.get(i).text());
      }
    }
    boolean toStderr = Boolean.getBoolean("timbot.faq.serviceLog");
    if (toStderr || LOG.isDebugEnabled()) { // built at every KB load otherwise
      String summary = "service negatives, " + route + ": own " + own + "; close " + close + "; " + describe(lines, best);
      LOG.debug(summary);
      if (toStderr) {
        System.err.println(summary);
      }
    }
  }

  /** Each trade's mean best score, for the calibration log (highest first). */
  static String describe(List<Line> lines, double[] bestScores) {
    StringBuilder b = new StringBuilder();
    tradeMeans(lines, bestScores).entrySet().stream()
        .sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
        .forEach(e -> b.append(String.format("%s %.3f; ", e.getKey(), e.getValue())));
    return b.toString();
  }

  private static Map<String, Double> tradeMeans(List<Line> lines, double[] bestScores) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      double[] s = sums.computeIfAbsent(lines.get(i).trade(), t -> new double[2]);
      s[0] += bestScores[i];
      s[1]++;
    }
    Map<String, Double> means = new LinkedHashMap<>();
    sums.forEach((trade, s) -> means.put(trade, s[0] / s[1]));
    return means;
  }
}
