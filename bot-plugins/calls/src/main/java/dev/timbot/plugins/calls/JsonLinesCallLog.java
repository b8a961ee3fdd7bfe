package dev.timbot.plugins.calls;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The default call log: one JSON object per line, appended. */
public final class JsonLinesCallLog implements CallLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  public JsonLinesCallLog(Path file) {
    this.file = file;
  }

  @Override
  public synchronized void record(CallRecord r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("callId", r.callId());
    o.put("protocol", r.protocol().name());
    o.put("mediaType", r.mediaType().name());
    o.put("roomId", r.roomId());
    o.put("caller", r.caller());
    r.callees().forEach(o.putArray("callees")::add);
    o.put("answeredBy", r.answeredBy());
    o.put("startedAt", r.startedAt().toString());
    o.put("answeredAt", r.answeredAt() == null ? null : r.answeredAt().toString());
    o.put("endedAt", r.endedAt().toString());
    o.put("durationSeconds", r.durationSeconds());
    o.put("outcome", r.outcome().name());
    o.put("endReason", r.endReason());
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, o + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to call log " + file, e);
    }
  }
}
