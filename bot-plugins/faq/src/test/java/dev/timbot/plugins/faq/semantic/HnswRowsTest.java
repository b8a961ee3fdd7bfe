package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A lookup searches the graph's one segment directly instead of through Lucene's {@code KnnFloatVectorQuery}: it must
 * propose exactly the rows the query finds (the caller reads them as a set and re-scores them exactly).
 */
class HnswRowsTest {

  @Test
  void theDirectSearchProposesTheRowsTheQueryFinds() throws Exception {
    Random rnd = new Random(7);
    int rows = 6_000;
    int dim = 24;
    float[] matrix = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(unit(rnd, dim), 0, matrix, r * dim, dim);
    }
    try (HnswRows graph = new HnswRows(matrix, rows, dim)) {
      for (int q = 0; q < 300; q++) {
        // Half the queries sit on a stored row: ties and near-ties at the top.
        float[] query = q % 2 == 0 ? unit(rnd, dim) : Arrays.copyOfRange(matrix, (q * 13) * dim, (q * 13 + 1) * dim);
        for (int k : new int[] {1, 10, 100}) {
          int[] direct = graph.nearest(query, k);
          int[] throughQuery = graph.nearestThroughQuery(query, k);
          assertThat(direct).hasSize(k);
          Arrays.sort(direct);
          Arrays.sort(throughQuery);
          assertThat(direct).as("query %d, k %d", q, k).containsExactly(throughQuery);
        }
      }
    }
  }

  private static float[] unit(Random rnd, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return Vectors.unit(v);
  }
}
