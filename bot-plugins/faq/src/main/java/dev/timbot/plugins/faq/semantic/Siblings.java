package dev.timbot.plugins.faq.semantic;

import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which entries of a knowledge base are declared siblings: one names the other in its
 * {@code related} list (either way round). The KB's author lists exactly the entries a customer
 * confuses ("lost card" next to "frozen card"), so a close runner-up among them is a question to
 * ask back rather than a guess (see {@link Thresholds#siblingMargin()}).
 */
final class Siblings {
  /** No entry has siblings. */
  static final Siblings NONE = new Siblings(new int[0][]);

  /** Per entry index, its siblings' indices, sorted. */
  private final int[][] of;

  private Siblings(int[][] of) {
    this.of = of;
  }

  static Siblings of(KnowledgeBase kb) {
    Map<String, Integer> index = new HashMap<>();
    for (int e = 0; e < kb.size(); e++) {
      index.put(kb.entries().get(e).id(), e);
    }
    List<List<Integer>> lists = new ArrayList<>();
    for (int e = 0; e < kb.size(); e++) {
      lists.add(new ArrayList<>());
    }
    for (int e = 0; e < kb.size(); e++) {
      for (String id : kb.entries().get(e).related()) {
        Integer other = index.get(id);
        if (other != null && other != e) {
          lists.get(e).add(other);
          lists.get(other).add(e);
        }
      }
    }
    int[][] of = new int[kb.size()][];
    for (int e = 0; e < of.length; e++) {
      of[e] = lists.get(e).stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }
    return new Siblings(of);
  }

  /** {@code n} entries where each pair {@code {a, b}} of {@code pairs} are siblings (tests). */
  static Siblings pairs(int n, int[]... pairs) {
    List<List<Integer>> lists = new ArrayList<>();
    for (int e = 0; e < n; e++) {
      lists.add(new ArrayList<>());
    }
    for (int[] p : pairs) {
      lists.get(p[0]).add(p[1]);
      lists.get(p[1]).add(p[0]);
    }
    return new Siblings(lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).sorted().toArray())
        .toArray(int[][]::new));
  }

  /** Whether entries {@code a} and {@code b} (indices) are declared siblings. */
  boolean of(int a, int b) {
    return a >= 0 && b >= 0 && a < of.length && b < of.length && Arrays.binarySearch(of[a], b) >= 0;
  }

  /** Whether two entries are declared siblings, from their own {@code related} lists. */
  static boolean declared(FaqEntry a, FaqEntry b) {
    return a.related().contains(b.id()) || b.related().contains(a.id());
  }
}
