package dev.timbot.plugins.service;

import dev.timbot.message.MessageElem;
import java.time.Instant;
import java.util.List;

/**
 * One line of a transcript. {@code kind}: {@code customer}, {@code agent}, {@code note}, {@code
 * left-message} or {@code system}.
 */
public record TranscriptEntry(
    String sessionId, Instant time, String kind, String from, String to, List<MessageElem> elements) {
  public TranscriptEntry {
    elements = List.copyOf(elements);
  }
}
