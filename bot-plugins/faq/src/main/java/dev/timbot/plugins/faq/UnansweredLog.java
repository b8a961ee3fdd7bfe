package dev.timbot.plugins.faq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.JsonLinesWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Appends the questions the bot could not answer directly to a JSON-lines file, one object per
 * line: {@code {"time":"…","user":"…","text":"…","bestScore":0.31,"bestId":"…","decision":"suggest"}}.
 * KB owners read it to find missing entries and phrasings. Thread-safe; each line is flushed so
 * that a crash loses at most the line being written.
 */
public final class UnansweredLog implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonLinesWriter out;
  private final BotClock clock;

  public UnansweredLog(Writer out, BotClock clock) {
    this(new JsonLinesWriter(out), clock);
  }

  private UnansweredLog(JsonLinesWriter out, BotClock clock) {
    this.out = out;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Opens (creating if needed) a log file for appending. */
  public static UnansweredLog open(Path file, BotClock clock) throws IOException {
    return new UnansweredLog(JsonLinesWriter.open(file), clock);
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
    out.append(line.toString());
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
