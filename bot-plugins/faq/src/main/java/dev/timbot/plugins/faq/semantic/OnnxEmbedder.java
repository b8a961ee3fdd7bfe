package dev.timbot.plugins.faq.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An {@link Embedder} on one of langchain4j's quantised ONNX models, which ship inside their Maven
 * artifacts (model and tokenizer) and run in-process on the CPU: nothing is downloaded.
 *
 * <p>The model file is unpacked next to the native libraries and opened from there, rather than
 * read from the jar into a byte array as langchain4j's own classes do: ONNX Runtime then reads it
 * outside the Java heap, which keeps the heap needed to load both models small.
 *
 * <p>The ONNX session is opened with one intra-op thread and no spinning (langchain4j's own
 * loader uses ONNX Runtime's defaults: a thread per core, spinning while idle). A query is a
 * dozen tokens, too small to gain from splitting over cores, and on a shared machine spinning
 * threads compete with the bot's own: one thread gives the steadier tail latency.
 *
 * <p>Texts are embedded by {@link BertEncoder} on the same session: langchain4j's arithmetic, bit for bit, with one
 * tokenisation fewer; langchain4j's own model stays for the texts it encodes in parts and as the tests' reference.
 */
public final class OnnxEmbedder implements Embedder {
  private final String id;
  private final String prefix;
  private final EmbeddingModel model;
  private final BertEncoder encoder;
  private final int dimension;

  private OnnxEmbedder(String id, String prefix, EmbeddingModel model, BertEncoder encoder) {
    this.id = id;
    this.prefix = prefix;
    this.model = model;
    this.encoder = encoder;
    this.dimension = model.dimension();
  }

  /** BGE small zh v1.5 (512 dimensions): Chinese and mixed text. */
  public static OnnxEmbedder bgeSmallZh(Path nativeDir) {
    return bgeSmallZh(nativeDir, ModelBuild.QUANTISED);
  }

  /** BGE small zh v1.5 in the given build (the non-quantised one only if its artifact is on the classpath). */
  static OnnxEmbedder bgeSmallZh(Path nativeDir, ModelBuild build) {
    return load(build.id("bge-small-zh-v1.5"), "", nativeDir, PoolingMode.CLS);
  }

  /**
   * BGE small en v1.5 (384 dimensions): English. Question-to-question similarity is symmetric,
   * so neither side takes BGE's retrieval instruction. (It replaced e5 small v2, which found the
   * right entry for 27 / 89 English leave-one-out probes of the telecom KB where this finds 51, and
   * 169 / 235 against 182 / 235 on the shop KB.)
   */
  public static OnnxEmbedder bgeSmallEn(Path nativeDir) {
    return bgeSmallEn(nativeDir, ModelBuild.QUANTISED);
  }

  /** BGE small en v1.5 in the given build (the non-quantised one only if its artifact is on the classpath). */
  static OnnxEmbedder bgeSmallEn(Path nativeDir, ModelBuild build) {
    return load(build.id("bge-small-en-v1.5"), "", nativeDir, PoolingMode.CLS);
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
    return open(id, prefix, models.resolve(model), models.resolve(tokenizer), pooling);
  }

  private static OnnxEmbedder open(String id, String prefix, Path model, Path tokenizer, PoolingMode pooling) {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        InputStream tokenizerJson = Files.newInputStream(tokenizer)) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      // Full graph optimisation; the optimised graph is kept for the next start (OptimizedModels).
      OrtSession session = OptimizedModels.open(env, model, options);
      EmbeddingModel langchain4j = new SessionModel(new OnnxBertBiEncoder(env, session, tokenizerJson, pooling));
      // Both bundled models pool the first token ([CLS]), the only pooling BertEncoder computes itself.
      BertEncoder encoder = pooling == PoolingMode.CLS
          ? new BertEncoder(env, session, tokenizer, text -> langchain4j.embed(text).content().vector())
          : null;
      return new OnnxEmbedder(id, prefix, langchain4j, encoder);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot open the embedding model " + model + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tokenizer " + tokenizer, e);
    }
  }

  /** langchain4j's in-process model around an encoder whose session this class opened. */
  private static final class SessionModel extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    SessionModel(OnnxBertBiEncoder encoder) {
      super(Runnable::run);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }
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
    return encoder != null ? Vectors.unit(encoder.embed(prefix + text)) : langchain4jVector(text);
  }

  /** The vector through langchain4j's own encoder, as every vector was computed before {@link BertEncoder} (tests). */
  float[] langchain4jVector(String text) {
    return Vectors.unit(model.embed(prefix + text).content().vector());
  }
}
