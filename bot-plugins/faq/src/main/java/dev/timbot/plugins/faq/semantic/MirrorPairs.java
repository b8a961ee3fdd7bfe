package dev.timbot.plugins.faq.semantic;

import java.util.List;

/**
 * Pairs of phrasings in different entries that are each other's nearest row in the KB, on which a leave-one-out
 * probe overstates false answers. Found on the brokerage KB (faq16 notes, BENCHMARKS §6b): "银行转证券怎么操作"
 * (transfer in) and "证券转银行怎么操作" (transfer out) are at cosine 0.98 — the model barely reads word order — and
 * "资金账号登录密码重置" / "资金密码怎么重置" at 0.87. Left out, each phrasing finds the other entry through its
 * twin, far ahead of its own entry's other phrasings (leads 0.14–0.22), so the fit counts a confident wrong answer
 * that no answer bar below 0.98 and no margin under 0.2 avoids; four such probes took half the Chinese route's false
 * budget and set its bars at 0.740 / 0.155. A real question near either phrasing meets both rows, the twin and its
 * own, so the two entries tie: what the decision then does is the margin's business (a clarifying question), not
 * the answer bar's. So a wrong probe whose winning row is such a twin, closer to it than most right probes are to
 * their own entry ({@link Calibration#TWIN_QUANTILE}), counts with lead 0 (a tie): still a false answer where the
 * fit allows no margin at all, no longer one that only a high bar or a wide margin prevents. The nearest-row check
 * reads every row, an entry's question+answer row too; that row repeats the entry's first question, so when the twin
 * is a first question its nearest row is usually its own question+answer row and only very close pairs are found
 * (brokerage's two are not first questions; review17). Opt-in
 * ({@code -Dtimbot.faq.mirrorPairs=true}): on the other development KBs it gained too little (faq16 notes).
 */
final class MirrorPairs {
  private MirrorPairs() {}

  /**
   * Whether probe row {@code r}, whose entry lost to another in {@code scores} (its leave-one-out scores), lost
   * through a mirror twin: the other entry's closest row to {@code r} has {@code r} as its own nearest row in the
   * KB (among the rows the index reads, itself left out).
   *
   * @param queries the rows as the calibration asks them: mapped when the route maps its queries, else the rows
   */
  static boolean lostToTwin(VectorIndex index, List<float[]> queries, int r, float[] scores) {
    List<Integer> first = SemanticRanker.topEntries(scores, 1);
    if (first.isEmpty() || first.get(0) == index.entryOfRow(r)) {
      return false;
    }
    int winner = first.get(0);
    VectorIndex.Scores fromProbe = index.scores(queries.get(r));
    int twin = fromProbe.row()[winner];
    if (twin < 0) {
      return false;
    }
    // r is the twin's nearest row when no entry (its own included, the twin left out) has a row closer than r, asked
    // as the twin asks: with mapped queries ({@code QueryAdapter}) cos(W·twin, r) is not cos(W·r, twin).
    float pair = index.cosine(queries.get(twin), r);
    for (float best : index.entryScores(queries.get(twin), twin)) {
      if (best > pair) {
        return false;
      }
    }
    return true;
  }
}
