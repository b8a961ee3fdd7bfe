package dev.timbot.plugins.faq.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A linear map of one model's query vectors, fitted on customers' questions against the entries they were asked of.
 * Customers write otherwise than FAQ authors (colloquial, elliptic, describing a situation rather than naming it), and a
 * small sentence model places the two styles of one meaning apart; the map moves a question towards where the KB's
 * phrasings of its entry lie. Rows (the KB's phrasings) are not mapped: a query vector {@code q} becomes {@code W q},
 * renormalised, and is compared with the rows as before. The calibration maps the phrasings it asks as questions too,
 * so the thresholds are fitted on the cosines lookups meet.
 *
 * <p>The map is fitted once, offline, by {@code tools/fit-query-adapter.py} on what {@code QueryAdapterDump} (test
 * sources) writes of the development case files, and ships as a resource per model ({@code query-adapter-MODEL.bin}:
 * the matrix row by row, little-endian floats; only the Chinese model has one). On by default since session 40;
 * {@code -Dtimbot.faq.queryAdapter=off} maps nothing (the answers of before, byte for byte), a path reads that file
 * instead of the resource (for measuring maps fitted without the case file measured). Measured (BENCHMARKS.md §6b s40):
 * top-1 +0.8 point over thirty-seven case files, each with a map fitted without it, and on eight sets no map was fitted
 * on top-1 +26 cases, right direct answers +45 and false +11 of about 1 920, with the mapped route's own bars
 * ({@link AnswerModel#FAQ40_MAPPED}).
 */
final class QueryAdapter {
  /** The map that leaves vectors as they are. */
  static final QueryAdapter NONE = new QueryAdapter(null, 0, "none");

  private static final String SWITCH = "timbot.faq.queryAdapter";
  private static final Map<String, QueryAdapter> BY_MODEL = new ConcurrentHashMap<>();

  private final float[] matrix;
  private final int dimension;
  private final String digest;

  private QueryAdapter(float[] matrix, int dimension, String digest) {
    this.matrix = matrix;
    this.dimension = dimension;
    this.digest = digest;
  }

  /** The map for the model with this id: its resource ({@code on}, the default), the file named, or none ({@code off}). */
  static QueryAdapter forModel(String modelId, int dimension) {
    String setting = System.getProperty(SWITCH, "on").strip();
    if (setting.equalsIgnoreCase("off")) {
      return NONE;
    }
    return BY_MODEL.computeIfAbsent(modelId + "/" + dimension + "/" + setting, k -> load(modelId, dimension, setting));
  }

  private static QueryAdapter load(String modelId, int dimension, String setting) {
    boolean bundled = setting.isEmpty() || setting.equalsIgnoreCase("on");
    try {
      byte[] bytes;
      if (!bundled) {
        Path file = Path.of(setting);
        if (!Files.isRegularFile(file)) {
          throw new IllegalArgumentException("-D" + SWITCH + "=" + setting + ": expected on, off or the path of a map file");
        }
        bytes = Files.readAllBytes(file);
      } else {
        try (InputStream in = QueryAdapter.class.getResourceAsStream("query-adapter-" + modelId + ".bin")) {
          if (in == null) {
            return NONE;
          }
          bytes = in.readAllBytes();
        }
      }
      return of(bytes, dimension);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the query map " + (bundled ? "of " + modelId : setting), e);
    }
  }

  /**
   * The map stored in {@code bytes} (a {@code dimension × dimension} matrix row by row, little-endian floats), or
   * {@link #NONE} when it has another size: a map fitted for another model's dimension (a path given for both routes)
   * leaves that route unmapped.
   */
  static QueryAdapter of(byte[] bytes, int dimension) {
    if (bytes.length != 4L * dimension * dimension) {
      return NONE;
    }
    float[] m = new float[dimension * dimension];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(m);
    try {
      return new QueryAdapter(m, dimension,
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean active() {
    return matrix != null;
  }

  /** {@code W v}, renormalised; {@code v} itself when there is no map. One {@link Vectors#dot} per row of W. */
  float[] apply(float[] v) {
    if (matrix == null) {
      return v;
    }
    float[] out = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      out[i] = Vectors.dot(v, matrix, i);
    }
    return Vectors.unit(out);
  }

  /** What identifies the map, for the stored calibration's key and the start-up log line. */
  String describe() {
    return "query map " + digest;
  }
}
