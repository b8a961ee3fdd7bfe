package dev.timbot.plugins.service;

import java.util.concurrent.CompletableFuture;

/** Recalls a copy the bot relayed: {@code to} is the copy's recipient, {@code msgKey} its key. */
@FunctionalInterface
public interface DeskRecaller {
  CompletableFuture<Void> recall(String to, String msgKey);
}
