package dev.timbot.internal.rest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Unwraps the wrappers {@code CompletableFuture} puts around a failure. */
public final class Failures {
  private Failures() {}

  public static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** Completes {@code target} with {@code value}, or with {@code error} unwrapped. */
  public static <T> void complete(CompletableFuture<T> target, T value, Throwable error) {
    if (error != null) {
      target.completeExceptionally(unwrap(error));
    } else {
      target.complete(value);
    }
  }
}
