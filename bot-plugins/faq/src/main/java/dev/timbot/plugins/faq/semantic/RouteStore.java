package dev.timbot.plugins.faq.semantic;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * KB's). Everything lives in {@code <vector dir>/index/<route>-<model>-<key>/}, where the key is a
 * SHA-256 of every input: route, model, the KB's texts with where each came from, the false
 * budget, the generic negatives and {@link #FORMAT}. A different KB gets a different directory;
 * the route's older directories are deleted when a new one is written.
 */
final class RouteStore {
  private static final Logger LOG = LoggerFactory.getLogger(RouteStore.class);
  /** Bump whenever calibration or the graph's layout changes, so stored results are not reused. */
  static final int FORMAT = 3;
  private static final String CALIBRATION = "calibration.properties";

  /** A route's fitted thresholds as the index needs them. */
  record Fitted(Thresholds single, Calibration.Hybrid hybrid, int probes) {}

  private final Path dir;
  private final String prefix;

  private RouteStore(Path dir, String prefix) {
    this.dir = dir;
    this.prefix = prefix;
  }

  /**
   * The store for one route of one KB, or empty when the cache is held in memory only (nothing
   * is written to disk then).
   *
   * @param inputs everything the route's build depends on besides the model, in a stable order
   */
  static Optional<RouteStore> of(String route, EmbeddingCache cache, List<String> inputs) {
    Path vectors = cache.directory();
    if (vectors == null) {
      return Optional.empty();
    }
    String prefix = route + "-" + cache.embedder().id() + "-";
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, "format " + FORMAT);
      update(sha, route);
      update(sha, cache.embedder().id() + " " + cache.embedder().dimension());
      for (String s : inputs) {
        update(sha, s);
      }
      String key = HexFormat.of().formatHex(sha.digest()).substring(0, 24);
      return Optional.of(new RouteStore(vectors.resolve("index").resolve(prefix + key), prefix));
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
    try (Reader in = Files.newBufferedReader(dir.resolve(CALIBRATION), StandardCharsets.UTF_8)) {
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
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, CALIBRATION, ".part");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(out, "FAQ thresholds fitted on this KB; delete to calibrate again");
      }
      Files.move(tmp, dir.resolve(CALIBRATION), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("FAQ calibration cannot be saved in {} ({}); it is redone on the next start", dir, e.toString());
      return;
    }
    pruneOthers();
  }

  /** Deletes this route's directories for other KBs (older contents of a reloaded KB). */
  void pruneOthers() {
    try (Stream<Path> siblings = Files.list(dir.getParent())) {
      siblings.filter(s -> !s.equals(dir) && s.getFileName().toString().startsWith(prefix))
          .forEach(HnswRows::deleteTree);
    } catch (IOException e) {
      LOG.warn("could not list {}: {}", dir.getParent(), e.toString());
    }
  }

  private static void put(Properties p, String name, Thresholds t) {
    p.setProperty(name, String.format(Locale.ROOT, "%s,%s,%s,%s", t.answer(), t.margin(), t.suggest(), t.leadWeight()));
  }

  private static Thresholds thresholds(Properties p, String name) {
    String[] v = p.getProperty(name).split(",");
    return new Thresholds(Double.parseDouble(v[0]), Double.parseDouble(v[1]), Double.parseDouble(v[2]),
        v.length > 3 ? Double.parseDouble(v[3]) : 0);
  }
}
