package dev.timbot.internal.callback;

/**
 * Where the callback receiver hands parsed callbacks, after it has answered the service. Called
 * on the receiver's executor; an exception thrown here is logged, never returned to the service.
 */
@FunctionalInterface
public interface CallbackSink {
  void accept(ReceivedCallback callback);
}
