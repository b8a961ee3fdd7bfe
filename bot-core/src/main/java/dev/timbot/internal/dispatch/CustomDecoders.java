package dev.timbot.internal.dispatch;

import dev.timbot.Handlers.CustomDecoder;
import dev.timbot.message.CustomElem;
import dev.timbot.message.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plugins' custom decoders by payload type: which typed sub-protocols a custom element may
 * carry, and the once-per-message decoding that typed {@code custom(Type.class, ...)} handlers
 * match on. Filled while plugins configure, read-only once the registry is frozen.
 */
public final class CustomDecoders {
  private final Map<Class<?>, List<CustomDecoder<?>>> byType = new LinkedHashMap<>();

  void add(Class<?> type, CustomDecoder<?> decoder) {
    byType.computeIfAbsent(type, k -> new ArrayList<>()).add(decoder);
  }

  /** Whether {@code type} has at least one decoder. */
  boolean has(Class<?> type) {
    return byType.containsKey(type);
  }

  public boolean isEmpty() {
    return byType.isEmpty();
  }

  /**
   * Decodes the message's first custom element with every registered decoder: per type, the first
   * decoder that recognises the data wins ({@code decoded}); {@code notes} says why a type was not
   * decoded, for the trace.
   */
  public void decode(Message message, Map<Class<?>, Object> decoded, Map<Class<?>, String> notes) {
    Optional<CustomElem> custom = message.first(CustomElem.class);
    if (custom.isEmpty()) {
      return;
    }
    for (Map.Entry<Class<?>, List<CustomDecoder<?>>> e : byType.entrySet()) {
      for (CustomDecoder<?> decoder : e.getValue()) {
        try {
          Optional<?> result = decoder.decode(custom.get());
          if (result != null && result.isPresent()) {
            decoded.put(e.getKey(), result.get());
            notes.remove(e.getKey());
            break;
          }
          notes.putIfAbsent(e.getKey(), "decoder declined the data");
        } catch (Exception ex) {
          // Undecodable data is not an error: it falls through to plain custom handlers.
          notes.put(e.getKey(), "decoder failed: " + ex.getClass().getSimpleName()
              + (ex.getMessage() == null ? "" : " " + firstLine(ex.getMessage())));
        }
      }
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
