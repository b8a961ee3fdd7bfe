package dev.timbot.plugins.faq.semantic;

import java.util.Arrays;

/**
 * The distinct character bigrams of a normalised text, spaces left out (Chinese has none; for English they are word
 * pieces), as sorted codes {@code first << 16 | second}: two UTF-16 chars make one int and different pairs different
 * ints, so sizes and shared counts are those of the set of two-char strings the reranker's features were fitted on
 * (faqperf22: the string sets, one per candidate phrasing, were ≈ 9% of a lookup's allocation at 10 000 entries).
 */
final class Bigrams {
  private static final Bigrams NONE = new Bigrams(new int[0]);

  private final int[] codes;

  private Bigrams(int[] codes) {
    this.codes = codes;
  }

  static Bigrams of(String text) {
    int[] codes = new int[Math.max(0, text.length() - 1)];
    int n = 0;
    int previous = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        continue;
      }
      if (previous >= 0) {
        codes[n++] = previous << 16 | c;
      }
      previous = c;
    }
    if (n == 0) {
      return NONE;
    }
    Arrays.sort(codes, 0, n);
    int distinct = 1;
    for (int i = 1; i < n; i++) {
      if (codes[i] != codes[distinct - 1]) {
        codes[distinct++] = codes[i];
      }
    }
    return new Bigrams(distinct == codes.length ? codes : Arrays.copyOf(codes, distinct));
  }

  int size() {
    return codes.length;
  }

  boolean isEmpty() {
    return codes.length == 0;
  }

  /** How many bigrams both have. */
  int shared(Bigrams other) {
    int[] a = codes;
    int[] b = other.codes;
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        n++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return n;
  }
}
