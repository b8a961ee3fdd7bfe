package dev.timbot.plugins.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.timbot.message.MessageElem;
import dev.timbot.message.MessageJson;
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
  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new com.fasterxml.jackson.databind.module.SimpleModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

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
    append("sessions.jsonl", JSON.valueToTree(record));
  }

  @Override
  public synchronized void rated(String sessionId, String customer, String agent, int rating, Instant at) {
    ObjectNode o = JSON.createObjectNode();
    o.put("sessionId", sessionId).put("customer", customer).put("agent", agent)
        .put("rating", rating).put("at", at.toString());
    append("ratings.jsonl", o);
  }

  @Override
  public synchronized void transcript(TranscriptEntry e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("sessionId", e.sessionId()).put("time", e.time().toString()).put("kind", e.kind())
        .put("from", e.from()).put("to", e.to());
    if (e.msgKey() != null) {
      o.put("msgKey", e.msgKey());
    }
    o.set("MsgBody", JSON.valueToTree(e.elements()));
    append("transcripts.jsonl", o);
  }

  @Override
  public synchronized void messageLeft(String customer, Instant at, List<MessageElem> elements) {
    messageLeft(customer, at, null, elements);
  }

  @Override
  public synchronized void messageLeft(String customer, Instant at, String msgKey, List<MessageElem> elements) {
    ObjectNode o = JSON.createObjectNode();
    o.put("customer", customer).put("time", at.toString());
    if (msgKey != null) {
      o.put("msgKey", msgKey);
    }
    o.set("MsgBody", JSON.valueToTree(elements));
    append("messages.jsonl", o);
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
    try {
      JsonNode key = JSON.readTree(line).get("msgKey");
      return key == null ? null : key.asText();
    } catch (IOException e) {
      return null; // a torn last line: keep it as it is
    }
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
