package dev.timbot.plugins.service;

import dev.timbot.message.MessageElem;
import java.util.List;

/** Sends a message from the bot account to {@code to}. */
@FunctionalInterface
public interface DeskOutbox {
  void send(String to, List<MessageElem> elements);
}
