package dev.timbot.plugins.faq.semantic;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A text's CLS embedding through a BERT model's ONNX session, computed exactly as langchain4j's
 * {@code OnnxBertBiEncoder} (1.11) computes it, float for float, with one tokenisation fewer.
 *
 * <p>Why not langchain4j's encoder: a query embedding is most of a lookup, and that encoder runs the tokenizer three
 * times per text — the text itself, then the sentence rebuilt from its tokens (to check the rebuilt sentence gives
 * the same tokens), then that sentence again for the model's ids. The third is the second call's {@link Encoding}
 * once more (same sentence, same options: {@code tokenize} is {@code encode(text, true, false)}'s tokens), so this
 * class keeps the second call's encoding and feeds its ids to the model. Everything else — which sentence the model
 * sees, the first token's output, the division by its float norm — is langchain4j's, so the vectors are bit-identical
 * (cached vectors stay valid; {@code BertEncoderTest} compares both paths on every KB text in the tests).
 *
 * <p>It also asks the session for the first output only (the hidden states the pooling reads), and converts only the
 * first token's row of it to Java floats instead of the whole sequence's.
 *
 * <p>Texts langchain4j would not encode in one piece — more than 510 tokens (split in parts and averaged; the
 * tokenizer truncates at 512 tokens, so only a tokenizer without truncation gets there) or none at all (it throws) —
 * go through langchain4j's own encoder, built on first need on the same session.
 */
final class BertEncoder {
  /** langchain4j's longest part, in tokens without [CLS] and [SEP]. */
  private static final int MAX_PART = 510;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean tokenTypes;
  private final Set<String> output;
  private final Function<String, float[]> langchain4j;

  /**
   * @param tokenizerJson the model's {@code tokenizer.json}
   * @param langchain4j langchain4j's encoder on the same session and tokenizer file (the texts it must take itself,
   *     and the reference the tests compare with)
   */
  BertEncoder(OrtEnvironment env, OrtSession session, Path tokenizerJson, Function<String, float[]> langchain4j)
      throws IOException {
    this.env = env;
    this.session = session;
    try (InputStream in = Files.newInputStream(tokenizerJson)) {
      // langchain4j's options: no padding (one text per call); the rest from the file.
      this.tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false"));
    }
    this.tokenTypes = session.getInputNames().contains("token_type_ids");
    this.output = Set.of(session.getOutputNames().iterator().next());
    this.langchain4j = langchain4j;
  }

  /** The text's embedding: the first token's hidden state divided by its length (langchain4j's float arithmetic). */
  float[] embed(String text) {
    Encoding first = tokenizer.encode(text, true, false);
    String[] tokens = first.getTokens();
    if (tokens.length <= 2 || tokens.length - 2 > MAX_PART) {
      return langchain4j.apply(text);
    }
    List<String> part = Arrays.asList(tokens).subList(1, tokens.length - 1);
    // langchain4j feeds the model the sentence rebuilt from the tokens when it tokenises back to them, else the
    // tokens glued together: its toText, with the rebuilt sentence's encoding kept.
    String rebuilt = tokenizer.buildSentence(part);
    Encoding encoding = tokenizer.encode(rebuilt, true, false);
    String[] again = encoding.getTokens();
    if (again.length < 2) {
      return langchain4j.apply(text);
    }
    if (!Arrays.asList(again).subList(1, again.length - 1).equals(part)) {
      encoding = tokenizer.encode(String.join("", part), true, false);
    }
    return normalize(firstTokenState(encoding));
  }

  private float[] firstTokenState(Encoding encoding) {
    long[] ids = encoding.getIds();
    long[] shape = {1, ids.length};
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try (OnnxTensor idTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        OnnxTensor maskTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getAttentionMask()), shape);
        OnnxTensor typeTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(encoding.getTypeIds()), shape)) {
      inputs.put("input_ids", idTensor);
      inputs.put("attention_mask", maskTensor);
      if (tokenTypes) {
        inputs.put("token_type_ids", typeTensor);
      }
      try (OrtSession.Result result = session.run(inputs, output)) {
        // [1, tokens, dimension], row-major: the first token's row is the buffer's first `dimension` floats.
        OnnxTensor states = (OnnxTensor) result.get(0);
        long[] dims = states.getInfo().getShape();
        float[] cls = new float[Math.toIntExact(dims[2])];
        states.getFloatBuffer().get(cls);
        return cls;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("the embedding model failed: " + e.getMessage(), e);
    }
  }

  /** langchain4j's normalisation: the sum of squares in float, its square root cast to float, then a float division. */
  private static float[] normalize(float[] v) {
    float sumSquare = 0;
    for (float x : v) {
      sumSquare += x * x;
    }
    float norm = (float) Math.sqrt(sumSquare);
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i] / norm;
    }
    return v;
  }
}
