package dev.timbot.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.timbot.internal.json.WireJson;

/** Writes a typed callback record as the JSON body the service would send. */
final class Wire {
  private Wire() {}

  static String json(Object callback) {
    try {
      return WireJson.mapper().writeValueAsString(callback);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
