package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorIndexTest {
  private static final int ENTRIES = 400;
  private static final int ROWS_PER_ENTRY = 4;
  private static final int DIM = 48;

  /** Entries as clusters: each row is its entry's centre plus noise, all of length 1. */
  private static VectorIndex index(Random rnd, boolean graph, List<float[]> centres) {
    List<float[]> rows = new ArrayList<>();
    int[] entryOfRow = new int[ENTRIES * ROWS_PER_ENTRY];
    for (int e = 0; e < ENTRIES; e++) {
      float[] centre = gaussian(rnd, 1f);
      centres.add(centre);
      for (int q = 0; q < ROWS_PER_ENTRY; q++) {
        rows.add(near(rnd, centre, 0.6f));
        entryOfRow[e * ROWS_PER_ENTRY + q] = e;
      }
    }
    return new VectorIndex(rows, entryOfRow, ENTRIES, DIM, graph);
  }

  private static float[] gaussian(Random rnd, float scale) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) rnd.nextGaussian() * scale;
    }
    return Vectors.unit(v);
  }

  private static float[] near(Random rnd, float[] centre, float noise) {
    float[] v = gaussian(rnd, 1f);
    for (int i = 0; i < DIM; i++) {
      v[i] = centre[i] + noise * v[i];
    }
    return Vectors.unit(v);
  }

  @Test
  void theGraphFindsTheSameTopEntriesWithTheSameExactScoresAsTheScan() {
    List<float[]> centres = new ArrayList<>();
    VectorIndex approximate = index(new Random(7), true, centres);
    VectorIndex exact = index(new Random(7), false, new ArrayList<>());
    assertThat(approximate.approximate()).isTrue();
    assertThat(exact.approximate()).isFalse();
    Random rnd = new Random(11);
    for (int i = 0; i < 60; i++) {
      float[] query = near(rnd, centres.get(rnd.nextInt(ENTRIES)), 0.8f);
      VectorIndex.Scores want = exact.scores(query);
      VectorIndex.Scores got = approximate.nearest(query, 20, List.of());
      List<Integer> top = SemanticRanker.topEntries(want.score(), 10);
      assertThat(SemanticRanker.topEntries(got.score(), 10)).as("query %d", i).isEqualTo(top);
      for (int e : top) {
        // Bit-identical: the decision reads these against the calibrated thresholds.
        assertThat(got.score()[e]).isEqualTo(want.score()[e]);
        assertThat(got.row()[e]).isEqualTo(want.row()[e]);
      }
    }
  }

  @Test
  void entriesTheCallerAsksForAreScoredExactlyEvenFarFromTheQuery() {
    List<float[]> centres = new ArrayList<>();
    VectorIndex approximate = index(new Random(3), true, centres);
    VectorIndex exact = index(new Random(3), false, new ArrayList<>());
    float[] query = centres.get(0);
    float[] all = exact.scores(query).score();
    int farthest = 0;
    for (int e = 1; e < ENTRIES; e++) {
      if (all[e] < all[farthest]) {
        farthest = e;
      }
    }
    VectorIndex.Scores got = approximate.nearest(query, 5, List.of(farthest));
    assertThat(got.score()[farthest]).isEqualTo(all[farthest]);
    long scored = 0;
    for (float s : got.score()) {
      scored += s > -1 ? 1 : 0;
    }
    assertThat(scored).as("only candidates and asked-for entries get a score").isLessThan(ENTRIES / 4);
  }

  /**
   * A lookup's dense scores come in arrays reused from the thread's previous lookup (faqperf22): every score, row
   * and scored list must be what fresh arrays give, lookup after lookup, whatever the previous one scored.
   */
  @Test
  void reusedArraysScoreAsFreshOnes() {
    List<float[]> centres = new ArrayList<>();
    VectorIndex index = index(new Random(13), true, centres);
    Random rnd = new Random(17);
    for (int i = 0; i < 80; i++) {
      float[] query = near(rnd, centres.get(rnd.nextInt(ENTRIES)), 0.8f);
      List<Integer> also = i % 3 == 0 ? List.of() : List.of(rnd.nextInt(ENTRIES), rnd.nextInt(ENTRIES), 0);
      int wanted = 1 + rnd.nextInt(30);
      VectorIndex.Scores fresh = index.nearest(query, wanted, also);
      VectorIndex.Scores reused = index.nearestReusing(query, wanted, also);
      assertThat(reused.score()).as("query %d", i).isEqualTo(fresh.score());
      assertThat(reused.row()).as("query %d", i).isEqualTo(fresh.row());
      assertThat(reused.scored()).as("query %d", i).isEqualTo(fresh.scored());
    }
  }

  @Test
  void theExactIndexScoresEveryEntry() {
    VectorIndex exact = index(new Random(5), false, new ArrayList<>());
    float[] query = gaussian(new Random(9), 1f);
    assertThat(exact.nearest(query, 5, List.of()).score()).isEqualTo(exact.scores(query).score());
  }

  @Test
  void rowsARouteDoesNotReadNeverScore() {
    // Entry 0: rows 0 (read) and 1 (not read, identical to the query); entry 1: row 2 only, not read.
    float[] q = {1, 0};
    List<float[]> rows = List.of(new float[] {0.6f, 0.8f}, new float[] {1, 0}, new float[] {1, 0});
    boolean[] used = {true, false, false};
    VectorIndex index = new VectorIndex(rows, new int[] {0, 0, 1}, 2, 2, used, null);
    assertThat(index.scores(q).score()).containsExactly(0.6f, -1f);
    assertThat(index.scores(q).row()).containsExactly(0, -1);
    assertThat(index.entryScores(q)).containsExactly(0.6f, -1f);
  }

  @Test
  void theEnglishRouteReadsEnglishRowsAndAllRowsOfAnEntryWithoutAny() {
    dev.timbot.plugins.faq.KnowledgeBase kb = dev.timbot.plugins.faq.KnowledgeBase.of(List.of(
        dev.timbot.plugins.faq.FaqEntry.of("a", "x", "退款多久到账", "how long does a refund take"),
        dev.timbot.plugins.faq.FaqEntry.of("b", "y", "运费多少", "运费怎么算")));
    List<String> texts = List.of("退款多久到账", "how long does a refund take", "退款多久到账 x",
        "运费多少", "运费怎么算", "运费多少 y");
    List<SemanticIndex.RowSource> sources = List.of(new SemanticIndex.RowSource(0, 0),
        new SemanticIndex.RowSource(0, 1), new SemanticIndex.RowSource(0, -1), new SemanticIndex.RowSource(1, 0),
        new SemanticIndex.RowSource(1, 1), new SemanticIndex.RowSource(1, -1));
    assertThat(SemanticIndex.englishRows(kb, texts, sources)).containsExactly(false, true, false, true, true, true);
  }
}
