package dev.timbot.plugins.faq.semantic;

/** Small vector helpers; the dot product is the hot loop of every semantic lookup. */
public final class Vectors {
  private Vectors() {}

  /** {@code v} scaled to length 1 (a zero vector stays zero), in place. */
  public static float[] unit(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    if (sum > 0) {
      float inv = (float) (1 / Math.sqrt(sum));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }

  /** The length of {@code v}: its dot product with itself as a one-row matrix. */
  static float length(float[] v) {
    return (float) Math.sqrt(dot(v, v, 0));
  }

  /**
   * The dot product of {@code q} with row {@code row} of a row-major matrix. Four independent
   * accumulators let the CPU overlap the multiply-adds (the JIT does not reorder float sums).
   */
  public static float dot(float[] q, float[] matrix, int row) {
    return dot(q, matrix, row * q.length, q.length);
  }

  /** {@code Σ q[i]·matrix[off + i]} for {@code i < n}, the same four sums (a prefix of a row: a triangular map's). */
  static float dot(float[] q, float[] matrix, int off, int n) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += q[i] * matrix[off + i];
      s1 += q[i + 1] * matrix[off + i + 1];
      s2 += q[i + 2] * matrix[off + i + 2];
      s3 += q[i + 3] * matrix[off + i + 3];
    }
    for (; i < n; i++) {
      s0 += q[i] * matrix[off + i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
