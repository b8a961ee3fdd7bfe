package dev.timbot.plugins.faq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.BotClock;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends the questions the bot could not answer directly to a JSON-lines file, one object per
 * line: {@code {"time":"…","user":"…","text":"…","bestScore":0.31,"bestId":"…","decision":"suggest"}}.
 * KB owners read it to find missing entries and phrasings. Thread-safe; each line is flushed so
 * that a crash loses at most the line being written.
 */
public final class UnansweredLog implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Writer out;
  private final BotClock clock;

  public UnansweredLog(Writer out, BotClock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Opens (creating if needed) a log file for appending. */
  public static UnansweredLog open(Path file, BotClock clock) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    return new UnansweredLog(w, clock);
  }

  /** Logs {@code result} unless it was a direct answer; returns whether a line was written. */
  public boolean recordIfUnanswered(String user, FaqResult result) {
    if (result.decision() == FaqDecision.ANSWER) {
      return false;
    }
    record(user, result);
    return true;
  }

  /** Logs one query, whatever its decision. */
  public void record(String user, FaqResult result) {
    ObjectNode line = JSON.createObjectNode();
    line.put("time", clock.now().toString());
    line.put("user", user);
    line.put("text", result.query());
    line.put("bestScore", Math.round(result.score() * 1000) / 1000.0);
    if (result.bestEntryId() != null) {
      line.put("bestId", result.bestEntryId());
    } else {
      line.putNull("bestId");
    }
    line.put("decision", result.decision().name().toLowerCase(java.util.Locale.ROOT));
    String text;
    try {
      text = JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    synchronized (out) {
      try {
        out.write(text);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (out) {
      out.close();
    }
  }
}
