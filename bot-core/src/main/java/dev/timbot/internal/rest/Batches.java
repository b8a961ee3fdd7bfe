package dev.timbot.internal.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

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

  /** Calls {@code call} once per chunk of at most {@code size} items, and joins the answers in order. */
  static <I, T> CompletableFuture<List<T>> allEach(
      List<I> items, int size, Function<List<I>, CompletableFuture<T>> call) {
    List<CompletableFuture<T>> chunks = new ArrayList<>();
    for (List<I> chunk : partition(items, size)) {
      chunks.add(call.apply(chunk));
    }
    return all(chunks);
  }

  /** As {@link #allEach}, for calls answering lists: their concatenation. */
  static <I, T> CompletableFuture<List<T>> concatEach(
      List<I> items, int size, Function<List<I>, CompletableFuture<List<T>>> call) {
    return allEach(items, size, call).thenApply(lists -> lists.stream().flatMap(List::stream).toList());
  }
}
