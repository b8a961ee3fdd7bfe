package dev.timbot.plugins.calls;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.JsonLinesWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The default call log: one JSON object per line, appended. */
public final class JsonLinesCallLog implements CallLog, Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final JsonLinesWriter out;

  public JsonLinesCallLog(Path file) {
    try {
      this.out = JsonLinesWriter.open(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open call log " + file, e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  @Override
  public void record(CallRecord r) {
    out.append(encode(r).toString());
  }

  /** The JSON object of one call, as every call log writes it. */
  static ObjectNode encode(CallRecord r) {
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
    return o;
  }
}
