package dev.timbot;


/**
 * Sees every inbound message before handler matching, in registration order (OkHttp's
 * interceptor shape). Call {@code chain.proceed()} to continue; return without calling it to mute
 * the message (the match trace records which interceptor did). Runs in the conversation's lane,
 * under {@code dispatch.handlerTimeout} until it calls {@code proceed()}; past it the message is
 * muted, an {@code ERROR} is reported and the lane moves on.
 */
@FunctionalInterface
public interface Interceptor {
  void intercept(Chain chain) throws Exception;

  /** A name for traces and logs; the class name by default. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** The rest of the inbound chain. */
  interface Chain {
    Context context();

    /** Runs the next interceptors and then the handlers. */
    void proceed() throws Exception;
  }
}
