package dev.timbot.internal.runtime;

import dev.timbot.internal.callback.CallbackSink;

/**
 * Where callbacks come from: the bot's own callback server, or nothing when the application feeds
 * {@code bot.callbacks()} itself (a shared receiver, the test kit).
 */
public interface Intake {
  Intake EXTERNAL = new Intake() {
    @Override
    public void start(CallbackSink sink) {}

    @Override
    public void stop() {}
  };

  void start(CallbackSink sink) throws Exception;

  /** The local callback URL once started, or null when callbacks come from elsewhere. */
  default java.net.URI url() {
    return null;
  }

  void stop();
}
