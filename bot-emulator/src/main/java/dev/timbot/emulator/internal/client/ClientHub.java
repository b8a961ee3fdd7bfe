package dev.timbot.emulator.internal.client;

import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.ImUserListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Listeners per user. A failing listener is logged and never breaks a send. */
public final class ClientHub {
  private static final Logger log = LoggerFactory.getLogger(ClientHub.class);
  private final Map<String, List<ImUserListener>> listeners = new ConcurrentHashMap<>();

  /** Adds a listener; the returned handle removes it. */
  public AutoCloseable subscribe(String user, ImUserListener listener) {
    listeners.computeIfAbsent(user, k -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> {
      List<ImUserListener> l = listeners.get(user);
      if (l != null) {
        l.remove(listener);
      }
    };
  }

  public void message(String user, ClientMessage m) {
    each(user, l -> l.onMessage(m));
  }

  public void recalled(String user, ClientMessage m) {
    each(user, l -> l.onRecalled(m));
  }

  public void peerRead(String user, String peer, long readTime) {
    each(user, l -> l.onPeerRead(peer, readTime));
  }

  public void kickedOut(String user) {
    each(user, ImUserListener::onKickedOut);
  }

  private void each(String user, Consumer<ImUserListener> call) {
    List<ImUserListener> l = listeners.get(user);
    if (l == null) {
      return;
    }
    for (ImUserListener listener : l) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        log.warn("listener of {} failed", user, e);
      }
    }
  }
}
