package dev.timbot.plugins.faq.semantic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vectors of one {@link Embedder}, keyed by the SHA-256 of the text they embed: a KB reload
 * embeds only phrasings whose text is new, and a restart with a {@link #saved persisted} cache
 * embeds nothing. The file holds the model id, so vectors of another model are never reused.
 *
 * <p>Query vectors are kept apart, in a bounded in-memory LRU ({@link #query}): customers ask the
 * same few questions over and over, and a repeated question then costs no model call (a model
 * call is most of a lookup's time). {@code -Dtimbot.faq.queryCache=N} sets its size (0 turns it
 * off, e.g. to measure lookups that all embed).
 */
public final class EmbeddingCache {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
  private static final int MAGIC = 0x46514543; // "FQEC"
  /** Query vectors kept (≈ 2 KB each with the 512-dimension model). */
  static final int QUERY_CACHE_SIZE = Integer.getInteger("timbot.faq.queryCache", 4_096);

  private final Embedder embedder;
  private final Path file;
  private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
  private final AtomicInteger computed = new AtomicInteger();
  /**
   * Whether the file lacks something this cache holds or holds something it dropped: {@link #save} writes only
   * then. (A restart with an unchanged KB used to rewrite the whole file: 150 MB at 10 000 entries.)
   */
  private volatile boolean unsaved = true;
  private final Cache<String, float[]> queries = QUERY_CACHE_SIZE == 0 ? null
      : Caffeine.newBuilder().maximumSize(QUERY_CACHE_SIZE).build();

  /** The map of this model's query vectors ({@link QueryAdapter#NONE} for most models). */
  private final QueryAdapter adapter;

  private EmbeddingCache(Embedder embedder, Path file) {
    this.embedder = embedder;
    this.file = file;
    this.adapter = QueryAdapter.forModel(embedder.id(), embedder.dimension());
  }

  /** A cache held in memory only. */
  public static EmbeddingCache inMemory(Embedder embedder) {
    return new EmbeddingCache(embedder, null);
  }

  /**
   * A cache backed by {@code <dir>/<model id>.vectors}, loaded now if it exists; a corrupt or
   * foreign file is ignored (and overwritten by the next {@link #save}).
   */
  public static EmbeddingCache saved(Embedder embedder, Path dir) {
    EmbeddingCache cache = new EmbeddingCache(embedder, dir.resolve(embedder.id() + ".vectors"));
    cache.load();
    return cache;
  }

  public Embedder embedder() {
    return embedder;
  }

  /** The directory the cache file lives in, or {@code null} for a cache held in memory only. */
  public java.nio.file.Path directory() {
    return file == null ? null : file.getParent();
  }

  /** The vector of {@code text}, embedded now only if no earlier call or file had it. */
  public float[] vector(String text) {
    return vectors.computeIfAbsent(key(text), k -> {
      computed.incrementAndGet();
      unsaved = true;
      return embedder.embed(text);
    });
  }

  /**
   * The vector of a (normalised) customer query, mapped by the model's {@link QueryAdapter}: from the query LRU, else
   * embedded now. Never stored in the file, and never counted in {@link #computed}.
   */
  public float[] query(String text) {
    return queries == null ? asQuery(embedder.embed(text)) : queries.get(text, t -> asQuery(embedder.embed(t)));
  }

  /** A text's vector as a query meets the rows: through the model's {@link QueryAdapter}, if it has one. */
  float[] asQuery(float[] vector) {
    return adapter.apply(vector);
  }

  /** Whether query vectors are mapped ({@link #asQuery}). */
  boolean mapsQueries() {
    return adapter.active();
  }

  /**
   * A text of the KB or of the calibration's probe lists ({@link #vector}: kept in the file) asked as a query
   * ({@link #asQuery}).
   */
  float[] probe(String text) {
    return asQuery(vector(text));
  }

  /** What identifies the query map, for a stored calibration's key and the start-up line; empty when none maps. */
  java.util.Optional<String> queryMap() {
    return adapter.active() ? java.util.Optional.of(adapter.describe()) : java.util.Optional.empty();
  }

  /** How many texts this cache has embedded itself (not read from the file) since it was made. */
  public int computed() {
    return computed.get();
  }

  public int size() {
    return vectors.size();
  }

  /** Drops every vector whose text is not in {@code texts}, so the file does not grow forever. */
  public void retain(Set<String> texts) {
    Set<String> keep = new java.util.HashSet<>();
    texts.forEach(t -> keep.add(key(t)));
    if (vectors.keySet().retainAll(keep)) {
      unsaved = true;
    }
  }

  /** Writes the file (atomically) if it differs from what this cache holds; a no-op for an in-memory cache. */
  public void save() {
    if (file == null || !unsaved) {
      return;
    }
    // Cleared before the vectors are read: one added meanwhile marks the cache unsaved again.
    unsaved = false;
    try {
      AtomicFiles.write(file, ".vectors", tmp -> {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
          out.writeInt(MAGIC);
          out.writeUTF(embedder.id());
          out.writeInt(embedder.dimension());
          out.writeInt(vectors.size());
          for (Map.Entry<String, float[]> e : vectors.entrySet()) {
            out.write(HexFormat.of().parseHex(e.getKey()));
            for (float f : e.getValue()) {
              out.writeFloat(f);
            }
          }
        }
      });
    } catch (IOException e) {
      unsaved = true;
      throw new UncheckedIOException("cannot write the FAQ vector cache " + file, e);
    }
  }

  /**
   * Reads the file in one go (a memory-mapped buffer, floats read in bulk): at 40 000 vectors
   * per model, reading float by float through a stream was seconds of a start-up.
   */
  private void load() {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      java.nio.MappedByteBuffer map = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size());
      if (map.remaining() < 6 || map.getInt() != MAGIC || !readUtf(map).equals(embedder.id())
          || map.getInt() != embedder.dimension()) {
        LOG.warn("FAQ vector cache {} is for another model; it will be rebuilt", file);
        return;
      }
      int n = map.getInt();
      byte[] hash = new byte[32];
      for (int i = 0; i < n; i++) {
        map.get(hash);
        float[] v = new float[embedder.dimension()];
        map.asFloatBuffer().get(v);
        map.position(map.position() + 4 * v.length);
        vectors.put(HexFormat.of().formatHex(hash), v);
      }
      unsaved = false;
    } catch (NoSuchFileException e) {
      // first start: nothing cached yet
    } catch (IOException | RuntimeException e) { // a truncated file underflows the buffer
      vectors.clear();
      LOG.warn("FAQ vector cache {} is unreadable ({}); it will be rebuilt", file, e.toString());
    }
  }

  /** {@link DataOutputStream#writeUTF}'s format: a two-byte length, then modified UTF-8 (plain UTF-8 for model ids). */
  private static String readUtf(java.nio.ByteBuffer in) {
    byte[] b = new byte[Short.toUnsignedInt(in.getShort())];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  static String key(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
