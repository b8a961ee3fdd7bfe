package dev.timbot.emulator;

/**
 * Live events for one logged-in user, as a client SDK would receive them; the console's
 * WebSocket layer forwards these. Called on the thread that caused the event: keep it short and
 * do not call back into the emulator while holding locks of your own.
 */
public interface ImUserListener {
  /** A new message in one of the user's conversations (also the user's own sends). */
  default void onMessage(ClientMessage message) {}

  /** A message in one of the user's conversations was recalled. */
  default void onRecalled(ClientMessage message) {}

  /** {@code peer} read this user's C2C messages up to {@code readTime} (UNIX seconds). */
  default void onPeerRead(String peer, long readTime) {}

  /** The user's session ended (kicked by {@code kick}, or logged in elsewhere). */
  default void onKickedOut() {}
}
