package dev.timbot.plugins.faq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.JsonLinesWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

/**
 * Appends the questions the bot could not answer directly to a JSON-lines file, one object per
 * line: {@code {"time":"…","user":"…","text":"…","bestScore":0.31,"bestId":"…","decision":"suggest"}}.
 * KB owners read it to find missing entries and phrasings. Thread-safe; each line is flushed so
 * that a crash loses at most the line being written.
 */
public final class UnansweredLog implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLinesWriter out;
  private final BotClock clock;
  private final Path file; // null when writing to a plain Writer

  public UnansweredLog(Writer out, BotClock clock) {
    this(new JsonLinesWriter(out), clock, null);
  }

  private UnansweredLog(JsonLinesWriter out, BotClock clock, Path file) {
    this.out = out;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.file = file;
  }

  /** Opens (creating if needed) a log file for appending. */
  public static UnansweredLog open(Path file, BotClock clock) throws IOException {
    return new UnansweredLog(JsonLinesWriter.open(file), clock, file);
  }

  /**
   * {@code user} recalled a message with {@code text}: its lines leave the file (rewritten through
   * a temporary file, atomically), so a KB owner never reads what the user took back. Returns how
   * many lines went; 0 for a log that writes to a plain {@code Writer}.
   */
  public synchronized int forget(String user, String text) throws IOException {
    if (file == null || !Files.exists(file)) {
      return 0;
    }
    out.close();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> kept = lines.stream().filter(l -> !isLineOf(l, user, text)).toList();
      if (kept.size() != lines.size()) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, kept, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return lines.size() - kept.size();
    } finally {
      out = JsonLinesWriter.open(file);
    }
  }

  private static boolean isLineOf(String line, String user, String text) {
    try {
      JsonNode n = JSON.readTree(line);
      return n != null && user.equals(n.path("user").asText(null)) && text.equals(n.path("text").asText(null));
    } catch (IOException e) {
      return false; // a torn line stays as it is
    }
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
  public synchronized void record(String user, FaqResult result) {
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
  public synchronized void close() throws IOException {
    out.close();
  }
}
