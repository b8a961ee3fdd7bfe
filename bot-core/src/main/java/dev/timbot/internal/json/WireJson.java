package dev.timbot.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.timbot.message.MessageElem;

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

  /** The module that (de)serializes {@link MessageElem} in the {@code MsgType/MsgContent} shape. */
  public static SimpleModule module() {
    SimpleModule module = new SimpleModule("timbot-wire");
    module.addSerializer(MessageElem.class, new MessageElemSerializer());
    module.addDeserializer(MessageElem.class, new MessageElemDeserializer());
    return module;
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
        .addModule(module())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
  }
}
