package dev.timbot.plugins.autoreply;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reads the auto-reply YAML; every error names the file, line and column. */
public final class AutoReplyConfigs {
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private AutoReplyConfigs() {}

  /**
   * Parses {@code yaml}. The document is either the section itself or a file with an {@code
   * autoreply:} key at the top.
   */
  public static AutoReplyConfig parse(String yaml, String source) throws ConfigException {
    try {
      JsonNode root = YAML.readTree(yaml);
      if (root == null || root.isMissingNode() || root.isNull()) {
        return AutoReplyConfig.empty();
      }
      // Bind from the original text so line numbers point into the user's file.
      AutoReplyConfig config = root.has("autoreply")
          ? YAML.readerFor(AutoReplyConfig.class).at("/autoreply").readValue(yaml)
          : YAML.readValue(yaml, AutoReplyConfig.class);
      return config == null ? AutoReplyConfig.empty() : config;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      int line = loc == null ? 0 : loc.getLineNr();
      String where = loc == null ? source : source + ":" + line + ":" + loc.getColumnNr();
      throw new ConfigException(where + ": " + rootMessage(e), line, e);
    }
  }

  /** The innermost message (an invalid regex, a missing reply) rather than Jackson's wrapper text. */
  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  /** The plugin's section of the bot configuration, given as JSON text. */
  static JsonNode section(String json) throws ConfigException {
    try {
      return YAML.readTree(json); // JSON is YAML
    } catch (java.io.IOException e) {
      throw new ConfigException("autoreply: " + e.getMessage(), 0, e);
    }
  }
}
