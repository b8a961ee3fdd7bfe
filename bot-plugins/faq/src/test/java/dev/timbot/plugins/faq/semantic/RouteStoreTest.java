package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.KbGenerator;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteStoreTest {
  @TempDir Path dir;

  private SemanticIndex build(KnowledgeBase kb) {
    return build(kb, 0.06);
  }

  private SemanticIndex build(KnowledgeBase kb, double budget) {
    EmbeddingCache cache = EmbeddingCache.saved(new FakeEmbedder("fake"), dir);
    return SemanticIndex.build(kb, new EmbeddingCaches(cache, null), null, budget, SemanticIndex.Progress.NONE);
  }

  /** The one calibration file in a route's directory. */
  private static Path calibration(Path routeDir) throws Exception {
    try (Stream<Path> s = Files.list(routeDir)) {
      List<Path> files = s.filter(f -> f.getFileName().toString().startsWith("calibration-")).toList();
      assertThat(files).hasSize(1);
      return files.get(0);
    }
  }

  private List<Path> routeDirs() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("index"))) {
      return s.toList();
    }
  }

  @Test
  void aRestartWithTheSameKbReadsTheFittedThresholdsInsteadOfCalibrating() throws Exception {
    KnowledgeBase kb = KbGenerator.generate(40, 1);
    SemanticIndex first = build(kb);
    assertThat(first.chinese().probes()).isPositive();
    List<Path> dirs = routeDirs();
    assertThat(dirs).hasSize(1);
    Path saved = calibration(dirs.get(0));
    assertThat(saved).exists();

    // Values no calibration would produce: if they come back, the file was read, not recomputed.
    Files.writeString(saved, "single=0.91,0.11,0.31\nagreed=0.81,0.01,0.21\ndisagreed=0.91,0.11,0.31,0.0,0.17\n"
        + "probes=7\n", StandardCharsets.UTF_8);
    SemanticIndex second = build(kb);
    assertThat(second.chinese().hybrid().disagreed()).isEqualTo(new Thresholds(0.91, 0.11, 0.31, 0, 0.17));
    assertThat(second.chinese().thresholds()).isEqualTo(new Thresholds(0.91, 0.11, 0.31));
    assertThat(second.chinese().hybrid().agreed()).isEqualTo(new Thresholds(0.81, 0.01, 0.21));
    assertThat(second.chinese().probes()).isEqualTo(7);
  }

  @Test
  void anotherKbCalibratesAgainAndDeletesTheOldResults() throws Exception {
    build(KbGenerator.generate(40, 1));
    Path old = routeDirs().get(0);
    Files.writeString(calibration(old), "single=0.91,0.11,0.31\nagreed=0.91,0.11,0.31\n"
        + "disagreed=0.91,0.11,0.31\nprobes=7\n", StandardCharsets.UTF_8);

    SemanticIndex other = build(KbGenerator.generate(41, 1));

    assertThat(other.chinese().thresholds()).isNotEqualTo(new Thresholds(0.91, 0.11, 0.31));
    assertThat(routeDirs()).hasSize(1).doesNotContain(old);
  }

  @Test
  void anotherBudgetCalibratesAgainBesideTheSameRows() throws Exception {
    KnowledgeBase kb = KbGenerator.generate(40, 1);
    build(kb, 0.06);
    Path routeDir = routeDirs().get(0);
    Path first = calibration(routeDir);

    build(kb, 0.02);

    assertThat(routeDirs()).containsExactly(routeDir); // rows (and a graph, were there one) kept
    assertThat(calibration(routeDir)).isNotEqualTo(first); // the old calibration is gone
  }

  @Test
  void aQueryMapCalibratesAgainBesideTheSameRowsAndMapsLookupsAndSwitchedOffTheOldKeyComesBack() throws Exception {
    KnowledgeBase kb = KbGenerator.generate(40, 1);
    SemanticIndex plain = build(kb);
    Path routeDir = routeDirs().get(0);
    Path first = calibration(routeDir);
    // W = I + 0.8·S, S shifting each dimension into the one before it: every mapped vector differs from its query.
    int d = new FakeEmbedder("fake").dimension();
    java.nio.ByteBuffer w = java.nio.ByteBuffer.allocate(4 * d * d).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        w.putFloat(i == j ? 1f : j == (i + 1) % d ? 0.8f : 0f);
      }
    }
    Path map = Files.write(dir.resolve("map.bin"), w.array());
    System.setProperty("timbot.faq.queryAdapter", map.toString());
    try {
      SemanticIndex mapped = build(kb);
      assertThat(routeDirs()).containsExactly(routeDir); // the rows are not mapped: same rows, same directory
      assertThat(calibration(routeDir)).isNotEqualTo(first); // fitted again, on mapped probes
      assertThat(mapped.describe()).contains("query map");
      float[] query = new FakeEmbedder("other").embed("refund how long");
      assertThat(mapped.chinese().embedQuery("refund how long"))
          .containsExactly(QueryAdapter.of(w.array(), d).apply(query))
          .isNotEqualTo(query);
    } finally {
      System.clearProperty("timbot.faq.queryAdapter");
    }
    SemanticIndex off = build(kb);
    assertThat(calibration(routeDir).getFileName()).isEqualTo(first.getFileName()); // the key of before the map
    assertThat(off.chinese().thresholds()).isEqualTo(plain.chinese().thresholds());
    assertThat(off.describe()).doesNotContain("query map");
  }

  @Test
  void anUnreadableCalibrationFileIsRecomputed() throws Exception {
    KnowledgeBase kb = KbGenerator.generate(40, 1);
    Thresholds fitted = build(kb).chinese().thresholds();
    Files.writeString(calibration(routeDirs().get(0)), "single=garbage\n", StandardCharsets.UTF_8);

    assertThat(build(kb).chinese().thresholds()).isEqualTo(fitted);
  }

  @Test
  void aSavedGraphIsReusedAndGivesTheSameNeighbours() {
    Random rnd = new Random(3);
    int rows = 300;
    int dim = 16;
    float[] matrix = new float[rows * dim];
    List<float[]> queries = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      float[] v = unit(rnd, dim);
      System.arraycopy(v, 0, matrix, r * dim, dim);
    }
    for (int q = 0; q < 20; q++) {
      queries.add(unit(rnd, dim));
    }
    Path graph = dir.resolve("graph");
    HnswRows built = new HnswRows(matrix, rows, dim, graph);
    HnswRows read = new HnswRows(matrix, rows, dim, graph);

    assertThat(built.reused()).isFalse();
    assertThat(read.reused()).isTrue();
    for (float[] q : queries) {
      assertThat(read.nearest(q, 10)).containsExactly(built.nearest(q, 10));
    }
    // A graph of other vectors (here: fewer rows) under the same name is rebuilt, not trusted.
    HnswRows fewer = new HnswRows(matrix, rows - 1, dim, graph);
    assertThat(fewer.reused()).isFalse();
    assertThat(fewer.nearest(queries.get(0), rows)).doesNotContain(rows - 1);
  }

  private static float[] unit(Random rnd, int dim) {
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return Vectors.unit(v);
  }
}
