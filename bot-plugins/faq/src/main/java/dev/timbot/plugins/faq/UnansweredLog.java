package dev.timbot.plugins.faq;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.JsonLinesWriter;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * Appends the questions the bot could not answer directly to a JSON-lines file, one object per
 * line: {@code {"time":"…","user":"…","text":"…","bestScore":0.31,"bestId":"…","decision":"suggest"}}.
 * KB owners read it to find missing entries and phrasings. Thread-safe; each line is flushed so
 * that a crash loses at most the line being written.
 */
public final class UnansweredLog implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How {@link #record} begins every line. */
  private static final byte[] RECORD_OPENING = "{\"time\":".getBytes(StandardCharsets.US_ASCII);

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
    return new UnansweredLog(openForAppending(file), clock, file);
  }

  private static JsonLinesWriter openForAppending(Path file) throws IOException {
    endTornLastLine(file);
    return JsonLinesWriter.open(file);
  }

  /**
   * A crash or a full disk mid-append leaves a last line without its {@code '\n'}. Ending it here
   * keeps the next record on a line of its own; appended straight after the torn bytes it would be
   * unreadable to the KB owner's tools, which split on lines.
   */
  private static void endTornLastLine(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = ch.size();
      if (size == 0) {
        return;
      }
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.position(size - 1).read(last);
      if (last.get(0) != '\n') {
        ch.position(size).write(ByteBuffer.wrap(new byte[] {'\n'}));
      }
    }
  }

  /**
   * {@code user} recalled a message with {@code text}: its lines leave the file (rewritten through
   * a temporary file, atomically), so a KB owner never reads what the user took back. Returns how
   * many recalled lines went; 0 for a log that writes to a plain {@code Writer}.
   *
   * <p>Torn lines (a crash or a full disk mid-append) go too whenever the file is rewritten: they
   * are not JSON, so no reader can use them, and being cut short they cannot be matched to a
   * recall, though they may hold the start of one (the first digits of an ID number). A complete
   * record that an older version appended straight after a torn line is kept, on a line of its own,
   * unless it is the one recalled.
   */
  public synchronized int forget(String user, String text) throws IOException {
    if (file == null || !Files.exists(file)) {
      return 0;
    }
    out.close();
    try {
      // Bytes, not a strict UTF-8 read of lines: one line cut inside a character would make every
      // later recall fail. Splitting at '\n' is safe whatever a line holds, as 0x0A never occurs
      // inside a multi-byte UTF-8 sequence.
      byte[] bytes = Files.readAllBytes(file);
      ByteArrayOutputStream kept = new ByteArrayOutputStream(bytes.length);
      int recalled = 0;
      boolean rewrite = false;
      for (int start = 0; start < bytes.length; ) {
        int end = start;
        while (end < bytes.length && bytes[end] != '\n') {
          end++;
        }
        Record record = recordIn(bytes, start, end);
        if (record == null) {
          rewrite = true; // a torn line
        } else if (user.equals(record.json().path("user").asText(null))
            && text.equals(record.json().path("text").asText(null))) {
          recalled++;
          rewrite = true;
        } else {
          rewrite |= record.start() != start; // drops the torn prefix
          kept.write(bytes, record.start(), end - record.start());
          kept.write('\n');
        }
        start = end + 1;
      }
      if (rewrite) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, kept.toByteArray());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return recalled;
    } finally {
      out = openForAppending(file);
    }
  }

  /** A line's JSON record and the offset where it begins in the file. */
  private record Record(int start, JsonNode json) {}

  /**
   * The JSON record of the line {@code [start, end)}: the whole line, or a record glued after a
   * torn line, which begins at the last {@code {"time":} (that cannot occur inside a JSON string,
   * whose quotes are escaped); null for a torn line that holds no record.
   */
  private static Record recordIn(byte[] bytes, int start, int end) {
    JsonNode whole = parse(bytes, start, end);
    if (whole != null) {
      return new Record(start, whole);
    }
    for (int i = end - RECORD_OPENING.length; i > start; i--) {
      if (Arrays.equals(bytes, i, i + RECORD_OPENING.length, RECORD_OPENING, 0, RECORD_OPENING.length)) {
        JsonNode glued = parse(bytes, i, end);
        return glued == null ? null : new Record(i, glued);
      }
    }
    return null;
  }

  /** The JSON object in {@code [start, end)}, or null if there is none (torn, or not valid UTF-8). */
  private static JsonNode parse(byte[] bytes, int start, int end) {
    try (JsonParser p = JSON.getFactory().createParser(bytes, start, end - start)) {
      JsonNode n = JSON.readTree(p);
      return n != null && n.isObject() && p.nextToken() == null ? n : null;
    } catch (IOException e) {
      return null;
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
