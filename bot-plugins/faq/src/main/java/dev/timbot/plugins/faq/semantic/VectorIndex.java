package dev.timbot.plugins.faq.semantic;

import java.util.Arrays;
import java.util.List;

/**
 * Every embedded text of a KB as one row-major matrix, with the entry each row belongs to. A
 * lookup is an exact scan (a dot product per row): at 10 000 entries of 3–4 texts each that is
 * a few milliseconds, and exact scores keep the calibration honest.
 */
public final class VectorIndex {
  private final int dimension;
  private final int entries;
  private final float[] matrix;
  private final int[] entryOfRow;

  /**
   * @param rows the vectors, each of {@code dimension} floats
   * @param entryOfRow for each row, the index of its entry in the KB
   * @param entries how many entries the KB has
   */
  public VectorIndex(List<float[]> rows, int[] entryOfRow, int entries, int dimension) {
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
  }

  public int rows() {
    return entryOfRow.length;
  }

  public int entryOfRow(int row) {
    return entryOfRow[row];
  }

  /** Per entry: the best cosine of a query with one of the entry's rows, and that row. */
  public record Scores(float[] score, int[] row) {}

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
      if (r == skipRow) {
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
