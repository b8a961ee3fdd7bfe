package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the semantic index writes below the data directory (vector cache, calibration, native libraries, HNSW graph)
 * can fail half-way, as on a full disk: no temporary file or directory may stay behind (each try would leave another),
 * and a graph that cannot be written is kept in memory. The tests fail the final step by putting a non-empty directory
 * where the file is to go, or by a path too long for the graph's files: both need no root and no mount (as root, a
 * read-only directory would not refuse anything).
 */
class UnwritableDataDirTest {
  @TempDir Path dir;

  private static List<String> names(Path directory) throws Exception {
    try (Stream<Path> s = Files.list(directory)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Puts a non-empty directory at {@code target}: a file cannot be moved over it. */
  private static void occupy(Path target) throws Exception {
    Files.createDirectories(target);
    Files.writeString(target.resolve("keep"), "x");
  }

  @Test
  void aVectorCacheThatCannotBeWrittenLeavesNoPartFile() throws Exception {
    EmbeddingCache cache = EmbeddingCache.saved(new FakeEmbedder("fake"), dir);
    cache.vector("退款多久到账");
    occupy(dir.resolve("fake.vectors"));

    assertThatThrownBy(cache::save).isInstanceOf(UncheckedIOException.class);
    assertThat(names(dir)).containsExactly("fake.vectors");
  }

  @Test
  void aCalibrationThatCannotBeWrittenLeavesNoPartFile() throws Exception {
    EmbeddingCache cache = EmbeddingCache.saved(new FakeEmbedder("fake"), dir);
    RouteStore store = RouteStore.of("chinese", cache, List.of("退款多久到账"), List.of("budget 0.06")).orElseThrow();
    Thresholds t = new Thresholds(0.9, 0.1, 0.3);
    RouteStore.Fitted fitted = new RouteStore.Fitted(t, Calibration.Hybrid.both(t), 5);
    store.save(fitted);
    Path routeDir = store.graph().getParent();
    List<String> saved = names(routeDir);
    assertThat(saved).hasSize(1);
    Files.delete(routeDir.resolve(saved.get(0)));
    occupy(routeDir.resolve(saved.get(0)));

    store.save(fitted); // warns: the next start calibrates again

    assertThat(names(routeDir)).isEqualTo(saved);
    assertThat(store.calibration()).isEmpty();
  }

  @Test
  void aNativeLibraryThatCannotBeUnpackedLeavesNoPartFile() throws Exception {
    Path target = dir.resolve("shop-faq.yaml");
    occupy(target);
    long resourceSize;
    try (var in = NativeLibraries.class.getResourceAsStream("/kb/shop-faq.yaml")) {
      resourceSize = in.readAllBytes().length;
    }
    assertThat(Files.size(target)).as("the copy is not skipped as done").isNotEqualTo(resourceSize);

    assertThatThrownBy(() -> NativeLibraries.copy("/kb/shop-faq.yaml", dir)).isInstanceOf(UncheckedIOException.class);
    assertThat(names(dir)).containsExactly("shop-faq.yaml");
  }

  /**
   * Linux refuses a path of 4 096 bytes or more (PATH_MAX). Below a parent of 4 064 bytes, the graph's temporary
   * directory ({@code graph.part} and 10 to 20 digits: 4 085 to 4 095 bytes) can be made, but no file in it (Lucene's
   * {@code write.lock} first: 4 096 bytes or more), so the graph fails while Lucene writes it, as on a full disk.
   */
  @Test
  void aGraphThatCannotBeWrittenIsKeptInMemoryAndLeavesNoPartDirectory() throws Exception {
    StringBuilder longPath = new StringBuilder(dir.toRealPath().toString());
    while (longPath.length() < 4_064) {
      int left = 4_064 - longPath.length(); // a '/' and a name of 1 to 200 bytes each time, never a last '/' alone
      longPath.append('/').append("d".repeat(left > 201 ? (left == 202 ? 199 : 200) : left - 1));
    }
    assertThat(longPath).hasSize(4_064);
    Path parent = Files.createDirectories(Path.of(longPath.toString()));

    int rows = 300;
    int dim = 16;
    Random rnd = new Random(3);
    float[] matrix = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      float[] v = new float[dim];
      for (int i = 0; i < dim; i++) {
        v[i] = (float) rnd.nextGaussian();
      }
      System.arraycopy(Vectors.unit(v), 0, matrix, r * dim, dim);
    }

    try (HnswRows graph = new HnswRows(matrix, rows, dim, parent.resolve("graph"))) {
      assertThat(graph.reused()).isFalse();
      int[] nearest = graph.nearest(Arrays.copyOfRange(matrix, 42 * dim, 43 * dim), 3);
      assertThat(nearest[0]).isEqualTo(42);
    }
    assertThat(names(parent)).isEmpty();
  }
}
