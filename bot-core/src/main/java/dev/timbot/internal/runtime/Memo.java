package dev.timbot.internal.runtime;

import java.util.function.Supplier;

/** A value computed once, on first use (thread-safe); a failure is not remembered. */
final class Memo<T> implements Supplier<T> {
  private final Supplier<T> compute;
  private volatile T value;

  private Memo(Supplier<T> compute) {
    this.compute = compute;
  }

  static <T> Memo<T> of(Supplier<T> compute) {
    return new Memo<>(compute);
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = compute.get();
          value = v;
        }
      }
    }
    return v;
  }
}
