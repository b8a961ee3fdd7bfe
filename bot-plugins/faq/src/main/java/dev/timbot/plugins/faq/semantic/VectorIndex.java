package dev.timbot.plugins.faq.semantic;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Every embedded text of a KB as one row-major matrix, with the entry each row belongs to.
 * Calibration uses the exact scan (a dot product per row). A lookup in a large KB (at least
 * {@link #ANN_MIN_ROWS} rows) asks an HNSW graph for candidate rows instead and re-scores the
 * candidate entries exactly, so every score it returns is the exact cosine the thresholds were
 * calibrated on; only which entries get a score is approximate.
 */
public final class VectorIndex {
  /**
   * Below this many rows the exact scan is about a millisecond and building a graph is not worth
   * it (40 000 rows × 512 floats: exact scan p50 12 / p99 47 ms on the loaded build machine).
   * {@code -Dtimbot.faq.annMinRows=0} forces the graph (to evaluate it on a small KB).
   */
  static final int ANN_MIN_ROWS = Integer.getInteger("timbot.faq.annMinRows", 4_000);
  /** Graph candidates per wanted entry: entries have 3–5 rows, and near rows cluster by entry. */
  private static final int ROWS_PER_ENTRY = 5;

  private final int dimension;
  private final int entries;
  private final float[] matrix;
  private final int[] entryOfRow;
  private final int[][] rowsOfEntry;
  private final HnswRows graph;
  /** Rows that count, or {@code null} for all. */
  private final boolean[] used;
  /** Per thread, the last result of {@link #nearestReusing}, whose arrays the next one reuses. */
  private final ThreadLocal<Scores> reusable = ThreadLocal.withInitial(this::unscored);

  /**
   * @param rows the vectors, each of {@code dimension} floats
   * @param entryOfRow for each row, the index of its entry in the KB
   * @param entries how many entries the KB has
   */
  public VectorIndex(List<float[]> rows, int[] entryOfRow, int entries, int dimension) {
    this(rows, entryOfRow, entries, dimension, rows.size() >= ANN_MIN_ROWS);
  }

  /**
   * Lets go of the graph's files, if this index has a graph on disk (memory-mapped: on Java 21+ a mapping lasts until
   * it is closed, even after its files are deleted); lookups after this fail. Closing twice is harmless.
   */
  void close() throws IOException {
    if (graph != null) {
      graph.close();
    }
  }

  /** Like the public constructor; {@code graph} says whether lookups go through an HNSW graph. */
  VectorIndex(List<float[]> rows, int[] entryOfRow, int entries, int dimension, boolean graph) {
    this(rows, entryOfRow, entries, dimension, graph, null, null);
  }

  /**
   * Like the public constructor; a graph, if the KB is large enough for one, is kept in
   * {@code graphDir} (read from it when it holds these vectors' graph), or in memory for {@code null}.
   */
  VectorIndex(List<float[]> rows, int[] entryOfRow, int entries, int dimension, java.nio.file.Path graphDir) {
    this(rows, entryOfRow, entries, dimension, rows.size() >= ANN_MIN_ROWS, null, graphDir);
  }

  /**
   * Like the public constructor, but only rows with {@code used[r]} count: an entry's score is the
   * best of its used rows (a route whose model reads only some of the KB's texts), and only they
   * are in the graph.
   */
  VectorIndex(List<float[]> rows, int[] entryOfRow, int entries, int dimension, boolean[] used,
      java.nio.file.Path graphDir) {
    this(rows, entryOfRow, entries, dimension, count(used, rows.size()) >= ANN_MIN_ROWS, used, graphDir);
  }

  private static int count(boolean[] used, int rows) {
    int n = 0;
    for (int r = 0; r < rows; r++) {
      if (used == null || used[r]) {
        n++;
      }
    }
    return n;
  }

  private VectorIndex(List<float[]> rows, int[] entryOfRow, int entries, int dimension, boolean graph,
      boolean[] used, java.nio.file.Path graphDir) {
    if (rows.size() != entryOfRow.length) {
      throw new IllegalArgumentException("rows and entryOfRow differ in length");
    }
    this.dimension = dimension;
    this.entries = entries;
    this.entryOfRow = entryOfRow.clone();
    this.matrix = new float[rows.size() * dimension];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, matrix, r * dimension, dimension);
    }
    this.used = used == null ? null : used.clone();
    int[] count = new int[entries];
    for (int r = 0; r < entryOfRow.length; r++) {
      if (reads(r)) {
        count[entryOfRow[r]]++;
      }
    }
    this.rowsOfEntry = new int[entries][];
    for (int e = 0; e < entries; e++) {
      rowsOfEntry[e] = new int[count[e]];
      count[e] = 0;
    }
    int[] usedRows = new int[count(used, rows.size())];
    for (int r = 0, u = 0; r < entryOfRow.length; r++) {
      if (reads(r)) {
        rowsOfEntry[entryOfRow[r]][count[entryOfRow[r]]++] = r;
        usedRows[u++] = r;
      }
    }
    this.graph = graph && usedRows.length > 0 ? new HnswRows(matrix, usedRows, dimension, graphDir) : null;
  }

  /** The rows of entry {@code e} that count, in row order. */
  List<Integer> rowsOf(int e) {
    return Arrays.stream(rowsOfEntry[e]).boxed().toList();
  }

  /** How many entries the index scores. */
  int entries() {
    return entries;
  }

  /** The rows of entry {@code e} that count, in row order (the index's own array: do not modify). */
  int[] rowIds(int e) {
    return rowsOfEntry[e];
  }

  /** The dot product of {@code query} with row {@code r}: their cosine when the query is normalised, as rows are. */
  float cosine(float[] query, int r) {
    return Vectors.dot(query, matrix, r);
  }

  /** Whether this index reads row {@code r} (a route reads only the rows in its queries' language, when so built). */
  boolean reads(int r) {
    return used == null || used[r];
  }

  /** Whether lookups ({@link #nearest}) use the HNSW graph rather than the exact scan. */
  public boolean approximate() {
    return graph != null;
  }

  /** Whether the graph was read from its directory rather than built now. */
  boolean graphReused() {
    return graph != null && graph.reused();
  }

  /**
   * Exact scores for (at least) the {@code wanted} entries nearest to {@code query} and for every
   * entry in {@code alsoScore} (e.g. BM25's hits, whose cosine the decision needs); other entries
   * score -1. Without a graph this is {@link #scores(float[])}.
   */
  public Scores nearest(float[] query, int wanted, Collection<Integer> alsoScore) {
    if (graph == null) {
      return scores(query);
    }
    Scores fresh = unscored();
    return nearest(query, wanted, alsoScore, fresh.score(), fresh.row());
  }

  /**
   * {@link #nearest(float[], int, Collection)} into this thread's arrays, reused from lookup to lookup (faqperf22): two
   * arrays over all entries were ≈ 80 kB of a lookup's allocation at 10 000 entries. Only the previous result's
   * {@link Scores#scored} entries hold a score, so putting those back to -1 restores arrays as freshly filled. The
   * result is valid until this thread's next call of this method on this index: for a caller that is done with it
   * within one lookup ({@link SemanticRanker}).
   */
  Scores nearestReusing(float[] query, int wanted, Collection<Integer> alsoScore) {
    if (graph == null) {
      return scores(query);
    }
    Scores last = reusable.get();
    float[] best = last.score();
    int[] row = last.row();
    for (int e : last.scored()) {
      best[e] = -1f;
      row[e] = -1;
    }
    Scores now = nearest(query, wanted, alsoScore, best, row);
    reusable.set(now);
    return now;
  }

  private Scores nearest(float[] query, int wanted, Collection<Integer> alsoScore, float[] best, int[] row) {
    int[] rows = graph.nearest(query, Math.min(entryOfRow.length, wanted * ROWS_PER_ENTRY));
    int[] scored = new int[rows.length + alsoScore.size()];
    int n = 0;
    for (int r : rows) {
      n = scoreEntry(query, entryOfRow[r], best, row, scored, n);
    }
    for (int e : alsoScore) {
      n = scoreEntry(query, e, best, row, scored, n);
    }
    scored = Arrays.copyOf(scored, n);
    Arrays.sort(scored);
    return new Scores(best, row, scored);
  }

  private Scores unscored() {
    float[] best = new float[entries];
    int[] row = new int[entries];
    Arrays.fill(best, -1f);
    Arrays.fill(row, -1);
    return new Scores(best, row, new int[0]);
  }

  /** Scores entry {@code e} unless it has a score, noting it in {@code scored}; the new count of {@code scored}. */
  private int scoreEntry(float[] query, int e, float[] best, int[] row, int[] scored, int n) {
    if (row[e] >= 0 || rowsOfEntry[e].length == 0) {
      return n;
    }
    scored[n] = e;
    for (int r : rowsOfEntry[e]) {
      float s = Vectors.dot(query, matrix, r);
      if (row[e] < 0 || s > best[e]) {
        best[e] = s;
        row[e] = r;
      }
    }
    return n + 1;
  }

  public int rows() {
    return entryOfRow.length;
  }

  public int entryOfRow(int row) {
    return entryOfRow[row];
  }

  /**
   * Per entry: the best cosine of a query with one of the entry's rows, and that row.
   *
   * @param scored the entries that have a score, ascending, or {@code null} for all (every other entry's score is
   *     -1): loops over a lookup's entries read these instead of the whole KB's (one over 10 000 entries per candidate
   *     and per decision signal was a few percent of a lookup)
   */
  public record Scores(float[] score, int[] row, int[] scored) {
    public Scores(float[] score, int[] row) {
      this(score, row, null);
    }
  }

  /** For each entry, the best cosine of {@code query} with one of its rows; -1 for an entry without rows. */
  public float[] entryScores(float[] query) {
    return entryScores(query, -1);
  }

  /** Like {@link #entryScores(float[])}, also telling which row scored best for each entry. */
  public Scores scores(float[] query) {
    float[] best = new float[entries];
    int[] row = new int[entries];
    Arrays.fill(best, -1f);
    Arrays.fill(row, -1);
    for (int r = 0; r < entryOfRow.length; r++) {
      if (!reads(r)) {
        continue;
      }
      float s = Vectors.dot(query, matrix, r);
      int e = entryOfRow[r];
      if (s > best[e]) {
        best[e] = s;
        row[e] = r;
      }
    }
    return new Scores(best, row);
  }

  /**
   * Like {@link #entryScores(float[])} but ignoring row {@code skipRow} (leave-one-out
   * calibration asks with a phrasing that must not find itself).
   */
  public float[] entryScores(float[] query, int skipRow) {
    float[] best = new float[entries];
    Arrays.fill(best, -1f);
    for (int r = 0; r < entryOfRow.length; r++) {
      if (r == skipRow || !reads(r)) {
        continue;
      }
      float s = Vectors.dot(query, matrix, r);
      int e = entryOfRow[r];
      if (s > best[e]) {
        best[e] = s;
      }
    }
    return best;
  }

  /** Row {@code r}'s vector (a copy). */
  public float[] row(int r) {
    return Arrays.copyOfRange(matrix, r * dimension, (r + 1) * dimension);
  }
}
