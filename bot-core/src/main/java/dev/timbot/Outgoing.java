package dev.timbot;

import dev.timbot.message.Conversation;
import dev.timbot.message.MessageElem;
import java.util.List;
import java.util.Objects;

/**
 * A message about to be sent by the bot, as outbound interceptors see it.
 *
 * @param to the conversation
 * @param elements the body
 * @param cloudCustomData {@code CloudCustomData}, or null
 */
public record Outgoing(Conversation to, List<MessageElem> elements, String cloudCustomData) {
  public Outgoing {
    Objects.requireNonNull(to, "to");
    elements = List.copyOf(elements);
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("a message needs at least one element");
    }
  }

  public Outgoing withElements(List<? extends MessageElem> elements) {
    return new Outgoing(to, List.copyOf(elements), cloudCustomData);
  }

  public Outgoing withCloudCustomData(String data) {
    return new Outgoing(to, elements, data);
  }
}
