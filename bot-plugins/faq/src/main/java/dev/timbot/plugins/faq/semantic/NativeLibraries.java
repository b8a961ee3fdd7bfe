package dev.timbot.plugins.faq.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the native libraries of ONNX Runtime and of DJL's tokenizer in one writable directory the
 * operator chose, instead of wherever each library would pick by itself.
 *
 * <p>ONNX Runtime loads its libraries from {@code onnxruntime.native.path} when that property is
 * set, so this class copies them there from the classpath first (once: a copy of the same size
 * is reused). DJL's tokenizer unpacks its library below {@code DJL_CACHE_DIR}; this class points
 * that property at the same directory and sets {@code ai.djl.offline} so DJL never tries the
 * network. Properties the operator already set on the command line win.
 */
public final class NativeLibraries {
  private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);
  private static final String[] ONNX_LIBS = {"onnxruntime", "onnxruntime4j_jni"};

  private NativeLibraries() {}

  /** Prepares {@code dir} (created if missing); call before the first model is loaded. */
  public static synchronized void prepare(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("faq native library directory " + dir + " is not writable", e);
    }
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    if (System.getProperty("DJL_CACHE_DIR") == null) {
      System.setProperty("DJL_CACHE_DIR", dir.resolve("djl").toString());
    }
    if (System.getProperty("onnxruntime.native.path") != null) {
      return;
    }
    Path onnxDir = dir.resolve("onnxruntime");
    String platform = onnxPlatform();
    boolean all = true;
    for (String lib : ONNX_LIBS) {
      all &= copy("/ai/onnxruntime/native/" + platform + "/" + System.mapLibraryName(lib), onnxDir);
    }
    if (all) {
      System.setProperty("onnxruntime.native.path", onnxDir.toString());
    } else {
      LOG.warn("ONNX Runtime has no bundled library for {} on the classpath; it will search java.library.path",
          platform);
    }
  }

  /**
   * Copies classpath {@code resource} into {@code dir} unless a file of the same size is there;
   * false when the classpath lacks it.
   */
  static boolean copy(String resource, Path dir) {
    java.net.URL url = NativeLibraries.class.getResource(resource);
    if (url == null) {
      return false;
    }
    Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    try {
      java.net.URLConnection connection = url.openConnection();
      long size = connection.getContentLengthLong();
      if (size >= 0 && Files.exists(target) && Files.size(target) == size) {
        return true; // unpacked by an earlier start
      }
      AtomicFiles.write(target, ".unpack", tmp -> {
        try (InputStream in = connection.getInputStream()) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
      });
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + resource + " to " + dir, e);
    }
  }

  /** ONNX Runtime's own name for this OS and CPU (its jar's {@code ai/onnxruntime/native/<name>}). */
  static String onnxPlatform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String o = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : os;
    String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : arch;
    return o + "-" + a;
  }
}
