package dev.timbot.plugins.faq.semantic;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An {@link Embedder} on one of langchain4j's quantised ONNX models, which ship inside their Maven
 * artifacts (model and tokenizer) and run in-process on the CPU: nothing is downloaded.
 *
 * <p>The model file is unpacked next to the native libraries and opened from there, rather than
 * read from the jar into a byte array as langchain4j's own classes do: ONNX Runtime then reads it
 * outside the Java heap, which keeps the heap needed to load both models small.
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
    return load("bge-small-zh-v1.5-q", "", nativeDir, PoolingMode.CLS);
  }

  /**
   * E5 small v2 (384 dimensions): English. E5 expects a role prefix; both sides of a
   * question-to-question comparison take {@code "query: "}.
   */
  public static OnnxEmbedder e5SmallV2(Path nativeDir) {
    return load("e5-small-v2-q", "query: ", nativeDir, PoolingMode.MEAN);
  }

  /** {@code id} names the files in the model's artifact: {@code <id>.onnx} and {@code <id>-tokenizer.json}. */
  private static OnnxEmbedder load(String id, String prefix, Path nativeDir, PoolingMode pooling) {
    NativeLibraries.prepare(Objects.requireNonNull(nativeDir, "nativeDir"));
    Path models = nativeDir.resolve("models");
    String model = id + ".onnx";
    String tokenizer = id + "-tokenizer.json";
    if (!NativeLibraries.copy("/" + model, models) || !NativeLibraries.copy("/" + tokenizer, models)) {
      throw new IllegalStateException(model + " is not on the classpath: add its langchain4j-embeddings artifact");
    }
    return new OnnxEmbedder(id, prefix,
        new OnnxEmbeddingModel(models.resolve(model), models.resolve(tokenizer), pooling));
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
