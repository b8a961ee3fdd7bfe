package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PhrasingWhiteningTest}'s KB: mapped cosines read off the raw rows agree with mapping every row. */
class WhitenedCosinesTest {
  private static final List<float[]> ROWS = PhrasingWhiteningTest.rows().stream().map(v -> Vectors.unit(v.clone()))
      .toList();
  private static final int ENTRIES = ROWS.size() / 4;
  private static final VectorIndex INDEX = new VectorIndex(ROWS, PhrasingWhiteningTest.entryOfRow(), ENTRIES, 4);

  /** Each entry's best mapped cosine, every row mapped and normalised: the slow way. */
  private static double[] mappedScores(PhrasingWhitening w, float[] query) {
    double[] best = new double[ENTRIES];
    java.util.Arrays.fill(best, -2);
    float[] q = w.map(query);
    for (int r = 0; r < ROWS.size(); r++) {
      int e = PhrasingWhiteningTest.entryOfRow()[r];
      best[e] = Math.max(best[e], PhrasingWhiteningTest.cosine(q, w.map(ROWS.get(r))));
    }
    return best;
  }

  @Test
  void theLeadIsTheWinnersBestMappedCosineOverTheBestOtherEntrys() {
    PhrasingWhitening w = PhrasingWhiteningTest.fitted(0.5);
    WhitenedCosines whitened = new WhitenedCosines(w, INDEX);
    float[] query = Vectors.unit(new float[] {1, 0, 0, 0.9f});
    float[] cos = INDEX.scores(query).score();
    double[] slow = mappedScores(w, query);
    for (int winner : new int[] {0, 3, 17}) {
      double other = -2;
      for (int e = 0; e < ENTRIES; e++) {
        if (e != winner) {
          other = Math.max(other, slow[e]);
        }
      }
      WhitenedCosines.Lead lead = whitened.lead(query, cos, null, winner);
      assertThat(lead.lead()).as("winner " + winner).isCloseTo(slow[winner] - other, within(1e-5));
      assertThat(lead.first()).isEqualTo(slow[winner] >= other);
    }
    // Entry 0 leads once mapped although entry 3's phrasing is closer by raw cosine (PhrasingWhiteningTest).
    assertThat(whitened.lead(query, cos, null, 0).first()).isTrue();
  }

  @Test
  void onlyTheScoredEntriesAreRead() {
    WhitenedCosines whitened = new WhitenedCosines(PhrasingWhiteningTest.fitted(0.5), INDEX);
    float[] query = Vectors.unit(new float[] {1, 0, 0, 0.9f});
    float[] cos = INDEX.scores(query).score();
    double[] slow = mappedScores(PhrasingWhiteningTest.fitted(0.5), query);
    WhitenedCosines.Lead lead = whitened.lead(query, cos, new int[] {3, 10}, 10);
    assertThat(lead.lead()).isCloseTo(slow[10] - slow[3], within(1e-5));
    assertThat(whitened.lead(query, cos, new int[] {3}, 3).lead()).as("no other entry scored").isEqualTo(1);
  }

  @Test
  void aZeroQueryReadsTheRoutesOwnCosinesNotNaN() {
    WhitenedCosines whitened = new WhitenedCosines(PhrasingWhiteningTest.fitted(0.5), INDEX);
    float[] cos = new float[ENTRIES];
    cos[4] = 0.3f;
    WhitenedCosines.Lead lead = whitened.lead(new float[4], cos, null, 4);
    assertThat(lead.lead()).isCloseTo(0.3, within(1e-6));
    assertThat(lead.first()).isTrue();
  }

  @Test
  void withoutAMapTheLeadIsTheRoutesOwn() {
    WhitenedCosines none = WhitenedCosines.none(INDEX);
    float[] query = Vectors.unit(new float[] {1, 0, 0, 0.9f});
    float[] cos = INDEX.scores(query).score();
    int best = 0;
    int second = -1;
    for (int e = 1; e < ENTRIES; e++) {
      if (cos[e] > cos[best]) {
        second = best;
        best = e;
      } else if (second < 0 || cos[e] > cos[second]) {
        second = e;
      }
    }
    assertThat(none.active()).isFalse();
    WhitenedCosines.Lead lead = none.lead(query, cos, null, best);
    assertThat(lead.lead()).isCloseTo(cos[best] - cos[second], within(1e-6));
    assertThat(lead.first()).isTrue();
    assertThat(none.lead(query, cos, null, second).first()).isFalse();
  }
}
