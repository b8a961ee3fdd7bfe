package dev.timbot.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.timbot.message.MessageElem;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The Jackson configuration of the Tencent IM wire format: PascalCase names come from the
 * records' annotations; absent fields stay absent (NON_NULL); unknown fields are ignored because
 * the service adds fields over time; nesting and string sizes are bounded because callback
 * bodies come from the network.
 */
public final class WireJson {
  /** Deeper than any documented payload (custom Data is a string, not nested JSON). */
  public static final int MAX_NESTING_DEPTH = 64;

  private static final ObjectMapper MAPPER = newMapper();

  private WireJson() {}

  /** The shared, thread-safe mapper. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }


  public static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(4 * 1024 * 1024)
                    .build())
            .build();
    return JsonMapper.builder(factory)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }

  private static final com.fasterxml.jackson.core.type.TypeReference<List<MessageElem>> BODY =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  /** A {@code MsgBody} node as elements (a missing or non-array node gives an empty list). */
  public static List<MessageElem> readBody(JsonNode msgBody) {
    return msgBody == null || !msgBody.isArray() ? new ArrayList<>() : MAPPER.convertValue(msgBody, BODY);
  }

  /** Elements as a {@code MsgBody} node. */
  public static ArrayNode writeBody(List<? extends MessageElem> elements) {
    return MAPPER.valueToTree(elements);
  }
}
