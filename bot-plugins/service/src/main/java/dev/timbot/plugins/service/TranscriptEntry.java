package dev.timbot.plugins.service;

import dev.timbot.message.MessageElem;
import java.time.Instant;
import java.util.List;

/**
 * One line of a transcript. {@code kind}: {@code customer}, {@code agent}, {@code note}, {@code
 * left-message} or {@code system}. {@code msgKey} is the relayed message's key (null for the
 * desk's own lines): a recall removes the line that has it.
 */
public record TranscriptEntry(
    String sessionId, Instant time, String kind, String from, String to, List<MessageElem> elements,
    String msgKey) {
  public TranscriptEntry {
    elements = List.copyOf(elements);
  }

  public TranscriptEntry(String sessionId, Instant time, String kind, String from, String to, List<MessageElem> elements) {
    this(sessionId, time, kind, from, to, elements, null);
  }
}
