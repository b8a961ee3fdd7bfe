package dev.timbot.plugins.faq.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an ONNX model with ONNX Runtime's full graph optimisation and keeps the optimised graph next to the model,
 * so later starts load it as it is instead of optimising again: 0.15–0.2 s of CPU less per model on the build
 * machine, with bit-identical outputs (the same fused graph runs either way).
 *
 * <p>ONNX Runtime warns that a graph optimised at this level may hold optimisations for the CPU it was made on, so
 * the kept file's name carries a digest of the runtime's version, the model file's size and time, and the CPU's
 * identity ({@code /proc/cpuinfo}'s model name and flags); where the CPU cannot be identified nothing is kept. A
 * kept file that does not load is deleted and the model optimised again. {@code -Dtimbot.faq.keepOptimizedModel=false}
 * turns it off.
 */
final class OptimizedModels {
  private static final Logger LOG = LoggerFactory.getLogger(OptimizedModels.class);
  static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("timbot.faq.keepOptimizedModel", "true"));

  private OptimizedModels() {}

  /** A session on {@code model} with {@code options}, whose optimisation level this sets. */
  static OrtSession open(OrtEnvironment env, Path model, OrtSession.SessionOptions options) throws OrtException {
    Path kept = ENABLED ? keptPath(env, model) : null;
    if (kept != null && Files.isRegularFile(kept)) {
      try {
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
        return env.createSession(kept.toString(), options);
      } catch (OrtException e) {
        LOG.warn("optimised model {} does not load ({}); optimising {} again", kept, e.getMessage(), model);
        deleteQuietly(kept);
      }
    }
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    if (kept == null) {
      return env.createSession(model.toString(), options);
    }
    Path part = kept.resolveSibling(kept.getFileName() + "." + ProcessHandle.current().pid() + ".part");
    options.setOptimizedModelFilePath(part.toString());
    OrtSession session = env.createSession(model.toString(), options);
    try {
      Files.move(part, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      deleteOthers(kept);
    } catch (IOException e) {
      LOG.warn("cannot keep the optimised model {} ({}); the next start optimises again", kept, e.toString());
      deleteQuietly(part);
    }
    return session;
  }

  /** Where the optimised graph of {@code model} for this runtime and CPU is kept, or {@code null} to keep none. */
  static Path keptPath(OrtEnvironment env, Path model) {
    String cpu = cpuIdentity();
    if (cpu == null) {
      return null;
    }
    try {
      String key = env.getVersion() + "\n" + Files.size(model) + "\n" + Files.getLastModifiedTime(model).toMillis()
          + "\n" + System.getProperty("os.arch") + "\n" + cpu;
      String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
      String name = model.getFileName().toString().replaceFirst("\\.onnx$", "");
      return model.resolveSibling(name + ".optimised-" + digest + ".onnx");
    } catch (IOException | NoSuchAlgorithmException e) {
      return null;
    }
  }

  /** The CPU's model name and feature flags (Linux), or {@code null} where they cannot be read. */
  private static String cpuIdentity() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
      String id = lines.stream().filter(l -> l.startsWith("model name") || l.startsWith("flags")).distinct()
          .collect(Collectors.joining("\n"));
      return id.isEmpty() ? null : id;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Deletes the graphs kept for an earlier runtime, model file or CPU, so they do not pile up. */
  private static void deleteOthers(Path kept) throws IOException {
    String name = kept.getFileName().toString();
    String prefix = name.substring(0, name.indexOf(".optimised-") + ".optimised-".length());
    try (java.util.stream.Stream<Path> siblings = Files.list(kept.getParent())) {
      siblings.filter(p -> p.getFileName().toString().startsWith(prefix) && !p.equals(kept))
          .forEach(OptimizedModels::deleteQuietly);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", file, e.toString());
    }
  }
}
