package dev.timbot.plugins.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.timbot.message.MessageElem;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** The JSON shape of the desk's records and state, shared by the stores that write JSON. */
final class DeskJson {
  static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private DeskJson() {}

  static JsonNode session(SessionRecord record) {
    return JSON.valueToTree(record);
  }

  static JsonNode rating(String sessionId, String customer, String agent, int rating, Instant at) {
    ObjectNode o = JSON.createObjectNode();
    o.put("sessionId", sessionId).put("customer", customer).put("agent", agent)
        .put("rating", rating).put("at", at.toString());
    return o;
  }

  static JsonNode transcript(TranscriptEntry e) {
    ObjectNode o = JSON.createObjectNode();
    o.put("sessionId", e.sessionId()).put("time", e.time().toString()).put("kind", e.kind())
        .put("from", e.from()).put("to", e.to());
    if (e.msgKey() != null) {
      o.put("msgKey", e.msgKey());
    }
    o.set("MsgBody", JSON.valueToTree(e.elements()));
    return o;
  }

  static JsonNode messageLeft(String customer, Instant at, String msgKey, List<MessageElem> elements) {
    ObjectNode o = JSON.createObjectNode();
    o.put("customer", customer).put("time", at.toString());
    if (msgKey != null) {
      o.put("msgKey", msgKey);
    }
    o.set("MsgBody", JSON.valueToTree(elements));
    return o;
  }

  /** The {@code msgKey} of one encoded record, or null (also for a torn or unreadable record). */
  static String msgKeyOf(byte[] json) {
    try {
      JsonNode key = JSON.readTree(json).get("msgKey");
      return key == null ? null : key.asText();
    } catch (IOException e) {
      return null;
    }
  }
}
