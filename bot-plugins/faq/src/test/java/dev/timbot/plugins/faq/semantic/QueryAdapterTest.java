package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class QueryAdapterTest {
  private static byte[] matrix(float... m) {
    ByteBuffer b = ByteBuffer.allocate(m.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : m) {
      b.putFloat(x);
    }
    return b.array();
  }

  @Test
  void noMapLeavesTheVectorAsItIs() {
    float[] v = {0.6f, 0.8f};
    assertThat(QueryAdapter.NONE.apply(v)).isSameAs(v);
    assertThat(QueryAdapter.NONE.active()).isFalse();
  }

  @Test
  void mapsRowByRowAndRenormalises() {
    // W = [[2, 0], [0, 0]]: (0.6, 0.8) -> (1.2, 0) -> (1, 0); W = [[0, 1], [1, 0]] swaps the two.
    assertThat(QueryAdapter.of(matrix(2, 0, 0, 0), 2).apply(new float[] {0.6f, 0.8f})).containsExactly(1f, 0f);
    assertThat(QueryAdapter.of(matrix(0, 1, 1, 0), 2).apply(new float[] {0.6f, 0.8f})).containsExactly(0.8f, 0.6f);
  }

  @Test
  void aMapOfAnotherSizeMapsNothing() {
    assertThat(QueryAdapter.of(matrix(1, 0, 0, 1), 3)).isSameAs(QueryAdapter.NONE);
  }

  @Test
  void twoMapsAreToldApartInTheCalibrationKey() {
    assertThat(QueryAdapter.of(matrix(1, 0, 0, 1), 2).describe())
        .isNotEqualTo(QueryAdapter.of(matrix(0, 1, 1, 0), 2).describe())
        .isNotEqualTo(QueryAdapter.NONE.describe());
  }

  @Test
  void byDefaultTheChineseModelGetsTheShippedMapOfItsDimensionAndNoOtherModelDoes() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("timbot.faq.queryAdapter") == null,
        "the default only: the switch is set for this run");
    byte[] shipped;
    try (var in = QueryAdapter.class.getResourceAsStream("query-adapter-bge-small-zh-v1.5-q.bin")) {
      assertThat(in).as("the shipped map").isNotNull();
      shipped = in.readAllBytes();
    }
    assertThat(shipped).hasSize(4 * 512 * 512);
    QueryAdapter chinese = QueryAdapter.forModel("bge-small-zh-v1.5-q", 512);
    assertThat(chinese.active()).isTrue();
    assertThat(chinese.describe()).isEqualTo(QueryAdapter.of(shipped, 512).describe());
    assertThat(QueryAdapter.forModel("bge-small-en-v1.5-q", 384)).isSameAs(QueryAdapter.NONE);
  }

  @Test
  void aValueThatIsNeitherOnNorOffNorAFileIsAClearError() {
    System.setProperty("timbot.faq.queryAdapter", "true");
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> QueryAdapter.forModel("bge-small-zh-v1.5-q", 512))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("on, off or the path");
    } finally {
      System.clearProperty("timbot.faq.queryAdapter");
    }
  }

  @Test
  void switchedOffNoModelIsMapped() {
    System.setProperty("timbot.faq.queryAdapter", "OFF");
    try {
      assertThat(QueryAdapter.forModel("bge-small-zh-v1.5-q", 512)).isSameAs(QueryAdapter.NONE);
    } finally {
      System.clearProperty("timbot.faq.queryAdapter");
    }
  }
}
