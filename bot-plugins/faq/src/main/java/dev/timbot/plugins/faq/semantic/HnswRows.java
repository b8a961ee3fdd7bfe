package dev.timbot.plugins.faq.semantic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An approximate nearest-neighbour graph (Lucene's HNSW) over the rows of a {@link VectorIndex},
 * held in memory. It only proposes candidate rows: their scores are recomputed exactly by the
 * caller, so the decision keeps the scale the calibration was fitted on. The vectors must have
 * length 1 (dot product = cosine).
 *
 * <p>Building the graph is most of a large KB's start-up (≈ 50 s for 2 × 40 000 rows on this
 * machine), so with a directory it is written there once and memory-mapped on later starts. The
 * directory's name must identify the vectors (the caller keys it by their content): a graph is
 * reused only if its commit says it holds the same number of rows.
 */
final class HnswRows implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HnswRows.class);
  private static final String VECTOR = "v";
  private static final String ROW = "row";
  private static final String ROWS = "rows";

  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  /**
   * The row of each (global) document, read once: looking it up per hit in the doc values opened a
   * new iterator for each of a lookup's ~100 candidates.
   */
  private final int[] rowOfDoc;

  /** A graph held in memory only. */
  HnswRows(float[] matrix, int rows, int dimension) {
    this(matrix, rows, dimension, null);
  }

  /**
   * @param saved where the graph of exactly these vectors is (or is to be) kept, or {@code null}
   *     to build it in memory
   */
  HnswRows(float[] matrix, int rows, int dimension, Path saved) {
    this(matrix, java.util.stream.IntStream.range(0, rows).toArray(), dimension, saved);
  }

  /** A graph over the rows numbered {@code rows} of {@code matrix} (a route may not read every row). */
  HnswRows(float[] matrix, int[] rows, int dimension, Path saved) {
    this.reader = saved == null ? open(build(new ByteBuffersDirectory(), matrix, rows, dimension))
        : openSaved(saved, matrix, rows, dimension);
    this.searcher = new IndexSearcher(reader);
    this.rowOfDoc = rowOfDoc(reader);
  }

  private static int[] rowOfDoc(DirectoryReader reader) {
    int[] rows = new int[reader.maxDoc()];
    Arrays.fill(rows, -1);
    try {
      for (LeafReaderContext leaf : reader.leaves()) {
        NumericDocValues row = leaf.reader().getNumericDocValues(ROW);
        int maxDoc = leaf.reader().maxDoc();
        for (int doc = 0; row != null && doc < maxDoc; doc++) {
          if (row.advanceExact(doc)) {
            rows[leaf.docBase + doc] = (int) row.longValue();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the HNSW graph's row numbers", e);
    }
    return rows;
  }

  /** Whether this graph was read from its directory rather than built. */
  private boolean reused;

  boolean reused() {
    return reused;
  }

  private DirectoryReader openSaved(Path saved, float[] matrix, int[] rows, int dimension) {
    if (Files.isDirectory(saved)) {
      try {
        DirectoryReader r = DirectoryReader.open(FSDirectory.open(saved));
        if (String.valueOf(rows.length).equals(r.getIndexCommit().getUserData().get(ROWS)) && r.numDocs() == rows.length) {
          reused = true;
          return r;
        }
        r.close();
        LOG.warn("FAQ graph {} does not match its vectors; rebuilding it", saved);
      } catch (IOException | RuntimeException e) {
        LOG.warn("FAQ graph {} is unreadable ({}); rebuilding it", saved, e.toString());
      }
      deleteTree(saved);
    }
    Path tmp = null;
    try {
      Files.createDirectories(saved.getParent());
      tmp = Files.createTempDirectory(saved.getParent(), saved.getFileName() + ".part");
      try (FSDirectory dir = FSDirectory.open(tmp)) {
        build(dir, matrix, rows, dimension);
      }
      try {
        Files.move(tmp, saved, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
        deleteTree(tmp); // another process saved the same graph first
      }
      return open(FSDirectory.open(saved));
    } catch (IOException | UncheckedIOException e) {
      // build() and open() wrap their IOException (a full disk while Lucene writes): both mean the graph cannot be kept.
      if (tmp != null) {
        deleteTree(tmp); // a half-written graph no later start can use
      }
      if (e instanceof UncheckedIOException unchecked && Thread.currentThread().isInterrupted()) {
        // The build is being stopped (an interrupt closes Lucene's file channels): it ends as it did, without a second graph.
        throw unchecked;
      }
      Throwable cause = e instanceof UncheckedIOException wrapped ? wrapped.getCause() : e;
      LOG.warn("FAQ graph cannot be saved in {} ({}); keeping it in memory", saved, cause.toString());
      return open(build(new ByteBuffersDirectory(), matrix, rows, dimension));
    }
  }

  private static Directory build(Directory dir, float[] matrix, int[] rows, int dimension) {
    // One big buffer: a single flushed segment, so no merge has to rebuild the graph.
    IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(1024).setCommitOnClose(true);
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      writer.setLiveCommitData(Map.of(ROWS, String.valueOf(rows.length)).entrySet());
      for (int r : rows) {
        float[] v = new float[dimension];
        System.arraycopy(matrix, r * dimension, v, 0, dimension);
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new NumericDocValuesField(ROW, r));
        writer.addDocument(doc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("building the HNSW graph", e);
    }
    return dir;
  }

  private static DirectoryReader open(Directory dir) {
    try {
      return DirectoryReader.open(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("opening the HNSW graph", e);
    }
  }

  /** Deletes {@code dir} and what is in it, quietly (a stale or half-written graph). */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dir, e.toString());
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  /** The (about) {@code k} rows nearest to {@code query}, nearest first; thread-safe. */
  int[] nearest(float[] query, int k) {
    try {
      return rows(reader.leaves().size() == 1 ? searchSegment(reader.leaves().get(0), query, k)
          : searcher.search(new KnnFloatVectorQuery(VECTOR, query, k), k));
    } catch (IOException e) {
      throw new UncheckedIOException("searching the HNSW graph", e);
    }
  }

  /** {@link #nearest} through Lucene's {@link KnnFloatVectorQuery}, as every lookup ran before {@link #searchSegment} (tests). */
  int[] nearestThroughQuery(float[] query, int k) {
    try {
      return rows(searcher.search(new KnnFloatVectorQuery(VECTOR, query, k), k));
    } catch (IOException e) {
      throw new UncheckedIOException("searching the HNSW graph", e);
    }
  }

  private int[] rows(TopDocs top) {
    int[] rows = new int[top.scoreDocs.length];
    for (int i = 0; i < rows.length; i++) {
      int doc = top.scoreDocs[i].doc;
      if (rowOfDoc[doc] < 0) {
        throw new IllegalStateException("HNSW document " + doc + " has no row number");
      }
      rows[i] = rowOfDoc[doc];
    }
    return rows;
  }

  /**
   * The graph search {@link KnnFloatVectorQuery} makes in a one-segment index (Lucene 9.12: a {@link TopKnnCollector}
   * of {@code k} without a visit limit, over the live documents), without the query around it: the query then turns
   * the hits into a second query and runs that through the searcher to get the same documents back, which was a sixth
   * of the graph's time per lookup. The callers read the rows as a set (their scores are recomputed exactly), and the
   * set is the collector's either way; with more than one segment the query's shared cut-off applies, so it runs as
   * before ({@link #nearest}). (The graph is one segment: it is written in one flush.)
   */
  private static TopDocs searchSegment(LeafReaderContext segment, float[] query, int k) throws IOException {
    LeafReader leaf = segment.reader();
    FloatVectorValues values = leaf.getFloatVectorValues(VECTOR);
    if (values == null || Math.min(k, values.size()) == 0) {
      return new TopDocs(new TotalHits(0, TotalHits.Relation.EQUAL_TO), new ScoreDoc[0]);
    }
    TopKnnCollector collector = new TopKnnCollector(k, Integer.MAX_VALUE);
    leaf.searchNearestVectors(VECTOR, query, collector, leaf.getLiveDocs());
    TopDocs top = collector.topDocs();
    for (ScoreDoc hit : top.scoreDocs) {
      hit.doc += segment.docBase;
    }
    return top;
  }
}
