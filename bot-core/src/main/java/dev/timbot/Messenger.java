package dev.timbot;

import dev.timbot.message.Conversation;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends as the bot from anywhere — timers, background jobs, relays — through the outbound
 * interceptors, like {@link Context#send}. Inject it in plugins. Before {@code SDK_READY} and
 * after {@code stop()} sends fail with the TIM SDK's 6013/6014.
 */
@FunctionalInterface
public interface Messenger {
  CompletableFuture<SentMessage> send(Conversation to, List<? extends MessageElem> elements);

  default CompletableFuture<SentMessage> send(Conversation to, String text) {
    return send(to, List.of(TextElem.of(text)));
  }
}
