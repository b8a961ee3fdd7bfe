package dev.timbot.plugins.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timbot.message.MessageElem;
import dev.timbot.spi.JsonLinesWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The default store: JSON lines in one directory — {@code sessions.jsonl}, {@code
 * ratings.jsonl}, {@code transcripts.jsonl}, {@code messages.jsonl} — and the state in {@code
 * state.json}, replaced atomically so a crash never leaves half a file.
 */
public final class JsonFileDeskStore implements DeskStore, Closeable {
  private static final ObjectMapper JSON = DeskJson.JSON;

  private final Path dir;
  private final Map<String, JsonLinesWriter> writers = new HashMap<>();

  public JsonFileDeskStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create desk store directory " + dir, e);
    }
  }

  @Override
  public synchronized void sessionEnded(SessionRecord record) {
    append("sessions.jsonl", DeskJson.session(record));
  }

  @Override
  public synchronized void rated(String sessionId, String customer, String agent, int rating, Instant at) {
    append("ratings.jsonl", DeskJson.rating(sessionId, customer, agent, rating, at));
  }

  @Override
  public synchronized void transcript(TranscriptEntry e) {
    append("transcripts.jsonl", DeskJson.transcript(e));
  }

  @Override
  public synchronized void messageLeft(String customer, Instant at, List<MessageElem> elements) {
    messageLeft(customer, at, null, elements);
  }

  @Override
  public synchronized void messageLeft(String customer, Instant at, String msgKey, List<MessageElem> elements) {
    append("messages.jsonl", DeskJson.messageLeft(customer, at, msgKey, elements));
  }

  /**
   * Rewrites {@code transcripts.jsonl} and {@code messages.jsonl} without the lines of {@code
   * msgKey} (through a temporary file, atomically). Recalls are rare, so a rewrite is affordable.
   */
  @Override
  public synchronized void forget(String msgKey) {
    for (String name : List.of("transcripts.jsonl", "messages.jsonl")) {
      Path file = dir.resolve(name);
      if (!Files.exists(file)) {
        continue;
      }
      try {
        JsonLinesWriter open = writers.remove(name);
        if (open != null) {
          open.close();
        }
        List<String> lines = Files.readAllLines(file);
        List<String> kept = lines.stream().filter(l -> !msgKey.equals(keyOf(l))).toList();
        if (kept.size() != lines.size()) {
          Path tmp = dir.resolve(name + ".tmp");
          Files.write(tmp, kept);
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove a recalled message from " + file, e);
      }
    }
  }

  private static String keyOf(String line) {
    return DeskJson.msgKeyOf(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // a torn line: kept
  }

  @Override
  public synchronized void saveState(DeskState state) {
    Path tmp = dir.resolve("state.json.tmp");
    try {
      Files.write(tmp, JSON.writeValueAsBytes(state));
      Files.move(tmp, dir.resolve("state.json"), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save desk state in " + dir, e);
    }
  }

  @Override
  public synchronized Optional<DeskState> loadState() {
    Path file = dir.resolve("state.json");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), DeskState.class));
    } catch (IOException e) {
      throw new UncheckedIOException("desk state " + file + " is unreadable", e);
    }
  }

  private void append(String name, JsonNode json) {
    writers.computeIfAbsent(name, n -> {
      try {
        return JsonLinesWriter.open(dir.resolve(n));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open " + dir.resolve(n), e);
      }
    }).append(json.toString());
  }

  @Override
  public synchronized void close() throws IOException {
    for (JsonLinesWriter w : writers.values()) {
      w.close();
    }
    writers.clear();
  }
}
