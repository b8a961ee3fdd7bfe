package dev.timbot.internal.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Splitting inputs to the documented per-request maxima, and joining the answers in order. */
final class Batches {
  private Batches() {}

  static <T> List<List<T>> partition(List<T> items, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
    }
    return out;
  }

  /** All answers in input order; fails with the first failure in input order. */
  static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .handle((ignored, error) -> futures)
        .thenApply(
            fs -> {
              List<T> out = new ArrayList<>();
              for (CompletableFuture<T> f : fs) {
                out.add(f.join());
              }
              return out;
            });
  }

  /** The concatenation of lists answered by each chunk. */
  static <T> CompletableFuture<List<T>> concat(List<CompletableFuture<List<T>>> futures) {
    return all(futures)
        .thenApply(lists -> lists.stream().flatMap(List::stream).toList());
  }
}
