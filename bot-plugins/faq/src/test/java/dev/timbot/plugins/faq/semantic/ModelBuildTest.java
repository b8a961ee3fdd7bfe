package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelBuildTest {

  @Test
  void theDefaultIsTheQuantisedBuild() {
    assertThat(EmbeddingModels.BUILD).isEqualTo(ModelBuild.QUANTISED);
    assertThat(ModelBuild.QUANTISED.id("bge-small-en-v1.5")).isEqualTo("bge-small-en-v1.5-q");
    // Even when the non-quantised file is there: the default must not change with the classpath.
    assertThat(ModelBuild.QUANTISED.id("model-build/tiny-model")).isEqualTo("model-build/tiny-model-q");
  }

  @Test
  void fp32TakesTheNonQuantisedBuildOnlyWhenItsModelFileIsOnTheClasspath() {
    assertThat(ModelBuild.FP32.id("model-build/tiny-model")).isEqualTo("model-build/tiny-model");
    // Maven Central has no non-quantised Chinese BGE at this version: the quantised one is used.
    assertThat(ModelBuild.FP32.id("bge-small-zh-v1.5")).isEqualTo("bge-small-zh-v1.5-q");
  }
}
