package dev.timbot.spi;

import dev.timbot.BotBuilder;

/**
 * Where sessions live. The default keeps them in memory (Caffeine, expiring after {@code
 * dispatch.sessionTtl} without access, measured on the bot's clock); bind another implementation
 * with {@link BotBuilder#sessionStore} to share or persist them.
 */
public interface SessionStore {
  /** The session of a conversation, created empty when absent or expired. */
  Session session(String conversationId);

  /** Drops a conversation's session. */
  void invalidate(String conversationId);
}
