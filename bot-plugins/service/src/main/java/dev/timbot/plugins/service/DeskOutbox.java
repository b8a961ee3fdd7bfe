package dev.timbot.plugins.service;

import dev.timbot.message.MessageElem;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a message from the bot account to {@code to}. The future completes with the sent copy's
 * {@code MsgKey} (null when the transport has none), which the desk keeps to recall a relayed copy,
 * or fails with the service's error.
 */
@FunctionalInterface
public interface DeskOutbox {
  CompletableFuture<String> send(String to, List<MessageElem> elements);
}
