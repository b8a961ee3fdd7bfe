package dev.timbot;

/**
 * The bot's event bus as plugins see it (inject it): listen to {@link BotEvent}s — for example
 * {@link BotEvent#USER_STATUS_UPDATED} for agent presence — and emit events a plugin defines
 * with {@link BotEvent#custom}. Listener failures are isolated and reported as {@code ERROR}.
 */
public interface BotEvents {
  <T> AutoCloseable on(BotEvent<T> event, BotEvent.Listener<T> listener);

  <T> void emit(BotEvent<T> event, T data);
}
