package dev.timbot.plugins.service;

import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a message whose text is longer than the service accepts into parts that fit, on
 * code-point boundaries (never inside a surrogate pair). Non-text elements travel in a part of
 * their own; a message that fits comes back as one part, unchanged.
 */
final class MessageSplitter {
  private MessageSplitter() {}

  static List<List<MessageElem>> split(List<MessageElem> elements, int maxBytes) {
    int total = 0;
    for (MessageElem e : elements) {
      total += e instanceof TextElem t ? utf8(t.text()) : 0;
    }
    if (total <= maxBytes) {
      return List.of(elements);
    }
    List<List<MessageElem>> parts = new ArrayList<>();
    for (MessageElem e : elements) {
      if (e instanceof TextElem t) {
        chunks(t.text(), maxBytes).forEach(c -> parts.add(List.of(TextElem.of(c))));
      } else {
        parts.add(List.of(e));
      }
    }
    return parts;
  }

  static List<String> chunks(String text, int maxBytes) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        out.add(text.substring(start, i));
        start = i;
        bytes = 0;
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    if (start < text.length() || out.isEmpty()) {
      out.add(text.substring(start));
    }
    return out;
  }

  static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
