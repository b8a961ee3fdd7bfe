package dev.timbot.internal.dispatch;

import dev.timbot.message.Message;
import java.util.List;
import java.util.Map;

/**
 * What matchers look at: the message, its text with a leading @-mention removed, the command
 * prefixes, and the custom payloads decoded once per message.
 *
 * @param decoded payload type → decoded payload, for decoders that recognised the custom data
 * @param decodeNotes per type, why decoding failed (for the trace)
 */
public record MatchInput(
    Message message,
    String text,
    List<String> commandPrefixes,
    Map<Class<?>, Object> decoded,
    Map<Class<?>, String> decodeNotes) {}
