package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled Chinese model, for real: the kept optimised graph computes exactly what optimising anew does. */
class OptimizedModelsTest {
  @TempDir Path dir;

  @Test
  void theKeptGraphLoadsOnTheNextOpenAndGivesBitIdenticalOutputs() throws Exception {
    NativeLibraries.prepare(Path.of("target", "faq-test-data", "native").toAbsolutePath());
    assertThat(NativeLibraries.copy("/bge-small-zh-v1.5-q.onnx", dir)).isTrue();
    Path model = dir.resolve("bge-small-zh-v1.5-q.onnx");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Path kept = OptimizedModels.keptPath(env, model);
    assumeTrue(kept != null, "no CPU identity here: nothing is kept");

    float[] fresh;
    try (OrtSession.SessionOptions options = options(); OrtSession session = OptimizedModels.open(env, model, options)) {
      fresh = cls(env, session);
    }
    assertThat(kept).exists();
    long keptSize = Files.size(kept);
    try (OrtSession.SessionOptions options = options(); OrtSession session = OptimizedModels.open(env, model, options)) {
      assertThat(Arrays.equals(cls(env, session), fresh)).as("same floats, bit for bit").isTrue();
    }

    Files.write(kept, new byte[] {1, 2, 3}); // a damaged kept graph: optimised again, and kept again
    try (OrtSession.SessionOptions options = options(); OrtSession session = OptimizedModels.open(env, model, options)) {
      assertThat(Arrays.equals(cls(env, session), fresh)).isTrue();
    }
    assertThat(Files.size(kept)).isEqualTo(keptSize);
  }

  private static OrtSession.SessionOptions options() throws Exception {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    return options;
  }

  /** The first token's output for a fixed twelve-token input. */
  private static float[] cls(OrtEnvironment env, OrtSession session) throws Exception {
    long[] ids = {101, 2769, 812, 1373, 6820, 3221, 784, 720, 3300, 1408, 8043, 102};
    long[] mask = new long[ids.length];
    Arrays.fill(mask, 1);
    long[] shape = {1, ids.length};
    Map<String, OnnxTensor> in = new HashMap<>();
    in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
    in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
    if (session.getInputNames().contains("token_type_ids")) {
      in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape));
    }
    try (OrtSession.Result r = session.run(in)) {
      return ((float[][][]) r.get(0).getValue())[0][0];
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }
}
