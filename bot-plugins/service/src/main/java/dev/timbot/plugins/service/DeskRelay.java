package dev.timbot.plugins.service;

import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays messages between a customer and their agent, and takes them back when recalled: split
 * to the service's size limit (the sender is told), in order, never sent once recalled before its
 * turn, recalled on the other side afterwards; a rejected part is logged and the sender told.
 */
final class DeskRelay {
  private static final Logger log = LoggerFactory.getLogger(DeskRelay.class);

  private final DeskParts d;
  private final RelayedCopies copies;
  private final DeskRecaller recaller;

  DeskRelay(DeskParts d, RelayedCopies copies, DeskRecaller recaller) {
    this.d = d;
    this.copies = copies;
    this.recaller = recaller;
  }

  /**
   * Relays {@code original} from {@code from} to {@code to} as {@code elements}, within session
   * {@code sessionId} (whose transcript notes a part that did not arrive).
   */
  void relay(String sessionId, String from, String to, Message original, List<MessageElem> elements) {
    List<List<MessageElem>> parts = MessageSplitter.split(elements, d.config.maxMessageBytes());
    String key = original.msgKey();
    for (int i = 0; i < parts.size(); i++) {
      List<MessageElem> part = parts.size() == 1 ? parts.get(0) : numbered(parts.get(i), i + 1, parts.size());
      CompletableFuture<String> copy = d.sender.send(to, part, () -> copies.isWithdrawn(key), e -> {
        d.journal.transcript(sessionId, "system", null, null, null,
            List.of(TextElem.of("not delivered to " + to + ": " + reason(e))));
        d.say(from, DeskTexts.fill(d.texts.notDelivered(), "reason", reason(e)));
      });
      copies.add(key, to, copy);
      copy.thenAccept(sent -> {
        if (copies.sent(key, to, sent)) {
          recallCopy(to, sent); // recalled elsewhere while this copy was on its way
        }
      });
    }
    if (parts.size() > 1) {
      log.info("desk: a {}-byte message from {} went to {} in {} parts", MessageSplitter.utf8(original.text()),
          from, to, parts.size());
      d.say(from, DeskTexts.fill(d.texts.splitNotice(), "parts", parts.size()));
    }
  }

  /**
   * {@code from} recalled {@code msgKey}: it leaves the context lines, the transcripts and left
   * messages; a copy not sent yet is never sent, one already sent is recalled. Returns how many
   * copies there were.
   */
  int recall(String from, String msgKey) {
    d.history.remove(from, msgKey);
    for (LiveSession s : d.sessions.all()) {
      if (s.agent.equals(from)) {
        d.history.remove(s.customer, msgKey);
      }
    }
    d.journal.forget(msgKey);
    List<RelayedCopies.Copy> withdrawn = copies.withdraw(msgKey);
    for (RelayedCopies.Copy copy : withdrawn) {
      copy.msgKey().thenAccept(key -> {
        if (key != null) {
          recallCopy(copy.to(), key);
        }
      });
    }
    return withdrawn.size();
  }

  private void recallCopy(String to, String key) {
    recaller.recall(to, key).exceptionally(e -> {
      log.warn("desk: the relayed copy {} to {} could not be recalled: {}", key, to, e.toString());
      return null;
    });
  }

  /** From now on relayed copies and recalls are shared with the other processes through {@code kv}. */
  void shareThrough(dev.timbot.spi.Store.KeyedState kv) {
    copies.shareThrough(kv);
  }

  /** Tells the agent who wrote: into the first text element, or as a text before a picture or card. */
  static List<MessageElem> prefixed(String customer, List<MessageElem> elements) {
    String prefix = "[" + customer + "] ";
    List<MessageElem> out = new ArrayList<>(elements);
    if (!out.isEmpty() && out.get(0) instanceof TextElem first) {
      out.set(0, TextElem.of(prefix + first.text()));
    } else {
      out.add(0, TextElem.of(prefix));
    }
    return out;
  }

  private static List<MessageElem> numbered(List<MessageElem> part, int n, int of) {
    if (part.size() == 1 && part.get(0) instanceof TextElem t) {
      return List.of(TextElem.of("(" + n + "/" + of + ") " + t.text()));
    }
    return part;
  }

  private static String reason(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
