package dev.timbot;


/** Handles one matched message. May throw: the failure is isolated and reported. */
@FunctionalInterface
public interface Handler {
  void handle(Context ctx) throws Exception;
}
