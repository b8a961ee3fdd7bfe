package dev.timbot.plugins.faq.semantic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An {@link Embedder} on one of langchain4j's quantised ONNX models, which ship inside their Maven
 * artifacts (model and tokenizer) and run in-process on the CPU: nothing is downloaded.
 */
public final class OnnxEmbedder implements Embedder {
  private final String id;
  private final String prefix;
  private final EmbeddingModel model;
  private final int dimension;

  private OnnxEmbedder(String id, String prefix, EmbeddingModel model) {
    this.id = id;
    this.prefix = prefix;
    this.model = model;
    this.dimension = model.dimension();
  }

  /** BGE small zh v1.5 (512 dimensions): Chinese and mixed text. */
  public static OnnxEmbedder bgeSmallZh(Path nativeDir) {
    return load("bge-small-zh-v1.5-q", "", nativeDir, BgeSmallZhV15QuantizedEmbeddingModel::new);
  }

  /**
   * E5 small v2 (384 dimensions): English. E5 expects a role prefix; both sides of a
   * question-to-question comparison take {@code "query: "}.
   */
  public static OnnxEmbedder e5SmallV2(Path nativeDir) {
    return load("e5-small-v2-q", "query: ", nativeDir, E5SmallV2QuantizedEmbeddingModel::new);
  }

  private static OnnxEmbedder load(String id, String prefix, Path nativeDir, Supplier<EmbeddingModel> model) {
    NativeLibraries.prepare(Objects.requireNonNull(nativeDir, "nativeDir"));
    return new OnnxEmbedder(id, prefix, model.get());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[] embed(String text) {
    return Vectors.unit(model.embed(prefix + text).content().vector());
  }
}
