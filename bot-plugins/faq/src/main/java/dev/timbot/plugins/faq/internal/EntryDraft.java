package dev.timbot.plugins.faq.internal;

import dev.timbot.message.MessageElem;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry as read from a file, before cross-entry validation; mutable because the readers fill
 * it field by field. {@code line} is where the entry starts, for error messages.
 */
final class EntryDraft {
  final int line;
  String id;
  final List<String> questions = new ArrayList<>();
  final List<MessageElem> answer = new ArrayList<>();
  final List<String> keywords = new ArrayList<>();
  final List<String> related = new ArrayList<>();
  int relatedLine;

  EntryDraft(int line) {
    this.line = line;
    this.relatedLine = line;
  }
}
