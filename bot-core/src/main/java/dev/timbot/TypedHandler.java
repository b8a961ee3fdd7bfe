package dev.timbot;


/** Handles a custom message decoded to {@code T} by a {@link CustomDecoder}. */
@FunctionalInterface
public interface TypedHandler<T> {
  void handle(Context ctx, T payload) throws Exception;
}
