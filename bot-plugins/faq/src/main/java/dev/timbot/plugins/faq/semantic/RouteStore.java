package dev.timbot.plugins.faq.semantic;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What building one route computes from the KB's content alone, kept beside the vector cache so
 * that a restart with the same KB and model redoes none of it: the fitted thresholds (calibration
 * is most of a small KB's start-up once vectors are cached) and the HNSW graph (most of a large
 * KB's). The graph lives in {@code <vector dir>/index/<route>-<model>-<graph key>/graph/}, the graph
 * key being a SHA-256 of what the graph depends on (route, model, the texts in row order and which
 * rows the route reads); the thresholds beside it in {@code calibration-<key>.properties}, keyed by
 * every input of the calibration (also where each text came from, keywords, answers, synonyms,
 * the false budget, the generic negatives and {@link #FORMAT}). So a new calibration (another
 * budget, a code change) keeps the graph, and a different KB gets a different directory; the
 * route's older directories and calibration files are deleted when a new calibration is saved.
 */
final class RouteStore {
  private static final Logger LOG = LoggerFactory.getLogger(RouteStore.class);
  /** Bump whenever calibration changes, so stored thresholds are not reused (graphs are kept). */
  static final int FORMAT = 13;
  /** Bump when the graph's layout changes. */
  static final int GRAPH_FORMAT = 1;

  /** A route's fitted thresholds as the index needs them. */
  record Fitted(Thresholds single, Calibration.Hybrid hybrid, int probes) {}

  private final Path dir;
  private final String prefix;
  private final String calibration;

  private RouteStore(Path dir, String prefix, String calibration) {
    this.dir = dir;
    this.prefix = prefix;
    this.calibration = calibration;
  }

  /**
   * The store for one route of one KB, or empty when the cache is held in memory only (nothing
   * is written to disk then).
   *
   * @param graphInputs everything the route's rows (so its graph) depend on besides the model, in a stable order
   * @param calibrationInputs what the calibration depends on besides those
   */
  static Optional<RouteStore> of(String route, EmbeddingCache cache, List<String> graphInputs,
      List<String> calibrationInputs) {
    Path vectors = cache.directory();
    if (vectors == null) {
      return Optional.empty();
    }
    String prefix = route + "-" + cache.embedder().id() + "-";
    String graphKey = key(List.of("graph " + GRAPH_FORMAT, route, cache.embedder().id() + " " + cache.embedder().dimension()),
        graphInputs, List.of());
    String calibrationKey = key(List.of("calibration " + FORMAT, graphKey), calibrationInputs, List.of());
    return Optional.of(new RouteStore(vectors.resolve("index").resolve(prefix + graphKey), prefix,
        "calibration-" + calibrationKey + ".properties"));
  }

  @SafeVarargs
  private static String key(List<String>... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (List<String> part : parts) {
        for (String s : part) {
          update(sha, s);
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest sha, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    sha.update((byte) (b.length >>> 24));
    sha.update((byte) (b.length >>> 16));
    sha.update((byte) (b.length >>> 8));
    sha.update((byte) b.length);
    sha.update(b);
  }

  /** Where this KB's graph is kept. */
  Path graph() {
    return dir.resolve("graph");
  }

  /** The thresholds fitted for this exact KB and model before, if they were saved. */
  Optional<Fitted> calibration() {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(dir.resolve(calibration), StandardCharsets.UTF_8)) {
      p.load(in);
      return Optional.of(new Fitted(thresholds(p, "single"),
          new Calibration.Hybrid(thresholds(p, "agreed"), thresholds(p, "disagreed")),
          Integer.parseInt(p.getProperty("probes"))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.warn("FAQ calibration {} is unreadable ({}); calibrating again", dir, e.toString());
      return Optional.empty();
    }
  }

  /** Saves fitted thresholds (atomically) and deletes this route's directories for other KBs. */
  void save(Fitted fitted) {
    Properties p = new Properties();
    put(p, "single", fitted.single());
    put(p, "agreed", fitted.hybrid().agreed());
    put(p, "disagreed", fitted.hybrid().disagreed());
    p.setProperty("probes", String.valueOf(fitted.probes()));
    try {
      AtomicFiles.write(dir.resolve(calibration), calibration, tmp -> {
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
          p.store(out, "FAQ thresholds fitted on this KB; delete to calibrate again");
        }
      });
    } catch (IOException e) {
      LOG.warn("FAQ calibration cannot be saved in {} ({}); it is redone on the next start", dir, e.toString());
      return;
    }
    pruneOthers();
  }

  /**
   * Deletes this route's directories for other KBs (older contents of a reloaded KB) and older
   * calibrations of this one.
   */
  void pruneOthers() {
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> f.getFileName().toString().startsWith("calibration-") && !f.getFileName().toString().equals(calibration))
          .forEach(HnswRows::deleteTree);
    } catch (IOException e) {
      // nothing saved here yet
    }
    try (Stream<Path> siblings = Files.list(dir.getParent())) {
      siblings.filter(s -> !s.equals(dir) && s.getFileName().toString().startsWith(prefix))
          .forEach(HnswRows::deleteTree);
    } catch (IOException e) {
      LOG.warn("could not list {}: {}", dir.getParent(), e.toString());
    }
  }

  private static void put(Properties p, String name, Thresholds t) {
    p.setProperty(name, String.format(Locale.ROOT, "%s,%s,%s,%s,%s", t.answer(), t.margin(), t.suggest(), t.leadWeight(),
        t.siblingMargin()));
  }

  private static Thresholds thresholds(Properties p, String name) {
    String[] v = p.getProperty(name).split(",");
    return new Thresholds(Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
        v.length > 3 ? Double.parseDouble(v[3]) : 0, Double.parseDouble(v[v.length > 4 ? 4 : 1]));
  }
}
