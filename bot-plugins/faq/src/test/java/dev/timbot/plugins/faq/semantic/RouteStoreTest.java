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
    EmbeddingCache cache = EmbeddingCache.saved(new FakeEmbedder("fake"), dir);
    return SemanticIndex.build(kb, new EmbeddingCaches(cache, null), null, 0.06, SemanticIndex.Progress.NONE);
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
    Path saved = dirs.get(0).resolve("calibration.properties");
    assertThat(saved).exists();

    // Values no calibration would produce: if they come back, the file was read, not recomputed.
    Files.writeString(saved, "single=0.91,0.11,0.31\nagreed=0.81,0.01,0.21\ndisagreed=0.91,0.11,0.31\nprobes=7\n",
        StandardCharsets.UTF_8);
    SemanticIndex second = build(kb);
    assertThat(second.chinese().thresholds()).isEqualTo(new Thresholds(0.91, 0.11, 0.31));
    assertThat(second.chinese().hybrid().agreed()).isEqualTo(new Thresholds(0.81, 0.01, 0.21));
    assertThat(second.chinese().probes()).isEqualTo(7);
  }

  @Test
  void anotherKbCalibratesAgainAndDeletesTheOldResults() throws Exception {
    build(KbGenerator.generate(40, 1));
    Path old = routeDirs().get(0);
    Files.writeString(old.resolve("calibration.properties"), "single=0.91,0.11,0.31\nagreed=0.91,0.11,0.31\n"
        + "disagreed=0.91,0.11,0.31\nprobes=7\n", StandardCharsets.UTF_8);

    SemanticIndex other = build(KbGenerator.generate(41, 1));

    assertThat(other.chinese().thresholds()).isNotEqualTo(new Thresholds(0.91, 0.11, 0.31));
    assertThat(routeDirs()).hasSize(1).doesNotContain(old);
  }

  @Test
  void anUnreadableCalibrationFileIsRecomputed() throws Exception {
    KnowledgeBase kb = KbGenerator.generate(40, 1);
    Thresholds fitted = build(kb).chinese().thresholds();
    Files.writeString(routeDirs().get(0).resolve("calibration.properties"), "single=garbage\n", StandardCharsets.UTF_8);

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
