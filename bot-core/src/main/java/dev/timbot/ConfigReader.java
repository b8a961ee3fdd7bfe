package dev.timbot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The YAML tree with environment overrides applied, and typed getters whose errors name the key.
 * Values read from the environment arrive as strings, so every getter accepts a string form.
 */
final class ConfigReader {
  /** Built-in keys and their environment variables (documented names first, DESIGN.md §4). */
  static final Map<String, String> ENV = new LinkedHashMap<>();

  /** Keys whose values must never be echoed in an error message. */
  private static final Set<String> SECRET_KEYS = Set.of("tim.secretKey", "callback.token");

  static {
    ENV.put("tim.sdkAppId", "TIM_SDKAPPID");
    for (String key :
        List.of(
            "tim.secretKey", "tim.admin", "tim.baseUrl", "tim.rateLimit", "bot.account", "bot.nick", "bot.avatar",
            "callback.host", "callback.port", "callback.path", "callback.token", "callback.allowUnsigned",
            "dispatch.threads", "dispatch.queueCapacity", "dispatch.maxPending", "dispatch.handlerTimeout",
            "dispatch.commandPrefixes", "dispatch.dedupeTtl", "dispatch.sessionTtl",
            "dispatch.stopTimeout", "dispatch.profileCacheTtl", "media.dir",
            "media.publicBaseUrl", "media.path")) {
      ENV.put(key, envName(key));
    }
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final ObjectNode root;

  private ConfigReader(ObjectNode root) {
    this.root = root;
  }

  public static ConfigReader fromFile(Path yaml, Map<String, String> env) {
    if (yaml == null) {
      return fromText("", env);
    }
    try {
      return fromText(Files.readString(yaml), env);
    } catch (IOException e) {
      throw new ConfigException("(file)", "cannot read " + yaml + ": " + e.getMessage(), e);
    }
  }

  public static ConfigReader fromText(String yaml, Map<String, String> env) {
    ObjectNode root;
    try {
      JsonNode parsed = yaml == null || yaml.isBlank() ? null : YAML.readTree(yaml);
      if (parsed == null || parsed.isMissingNode() || parsed.isNull()) {
        root = JsonNodeFactory.instance.objectNode();
      } else if (parsed.isObject()) {
        root = (ObjectNode) parsed;
      } else {
        throw new ConfigException("(root)", "the YAML document must be a mapping of sections");
      }
    } catch (IOException e) {
      // Jackson's message may quote the offending line, which could hold a secret: keep only
      // the location.
      String where =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                  && jpe.getLocation() != null
              ? " at line " + jpe.getLocation().getLineNr()
              : "";
      throw new ConfigException("(file)", "not valid YAML" + where);
    }
    for (Map.Entry<String, String> e : ENV.entrySet()) {
      String value = env.get(e.getValue());
      if (value != null) {
        set(root, e.getKey(), value);
      }
    }
    return new ConfigReader(root);
  }

  /** camelCase dotted key → UPPER_SNAKE: {@code dispatch.handlerTimeout} → DISPATCH_HANDLER_TIMEOUT. */
  static String envName(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static void set(ObjectNode root, String key, String value) {
    String[] parts = key.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null || !child.isObject()) {
        child = node.putObject(parts[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], TextNode.valueOf(value));
  }

  public ConfigReader with(String key, String value) {
    ObjectNode copy = root.deepCopy();
    set(copy, key, value);
    return new ConfigReader(copy);
  }

  /** Fails unless {@code section} is absent or a mapping (a list where keys belong is a mistake). */
  public void requireMapping(String section) {
    JsonNode v = node(section);
    if (v != null && !v.isObject()) {
      throw new ConfigException(section, "expected a mapping of keys, not a " + v.getNodeType());
    }
  }

  public JsonNode node(String key) {
    JsonNode node = root;
    for (String part : key.split("\\.")) {
      node = node == null ? null : node.get(part);
    }
    return node == null || node.isNull() ? null : node;
  }

  private String shown(String key, JsonNode value) {
    return SECRET_KEYS.contains(key) ? "(hidden)" : "'" + value.asText() + "'";
  }

  public String string(String key, String def) {
    JsonNode v = node(key);
    if (v == null) {
      return def;
    }
    if (!v.isValueNode()) {
      throw new ConfigException(key, "expected a single value, not a " + v.getNodeType());
    }
    String s = v.asText().trim();
    return s.isEmpty() ? def : s;
  }

  public long longValue(String key, long def) {
    JsonNode v = node(key);
    if (v == null || v.asText().isBlank()) {
      return def;
    }
    try {
      long n = v.isNumber() ? v.longValue() : Long.parseLong(v.asText().trim());
      if (v.isNumber() && !v.canConvertToExactIntegral()) {
        throw new NumberFormatException();
      }
      if (n <= 0) {
        throw new ConfigException(key, "must be a positive integer, got " + shown(key, v));
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected an integer, got " + shown(key, v));
    }
  }

  public int intValue(String key, int def, int min, int max) {
    JsonNode v = node(key);
    if (v == null || v.asText().isBlank()) {
      return def;
    }
    int n;
    try {
      n = v.isIntegralNumber() ? v.intValue() : Integer.parseInt(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "expected an integer, got " + shown(key, v));
    }
    if (n < min || n > max) {
      throw new ConfigException(key, "must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  /** {@code true} / {@code false} (any letter case), YAML booleans or the environment's text. */
  public boolean bool(String key, boolean def) {
    JsonNode v = node(key);
    if (v == null || v.asText().isBlank()) {
      return def;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    String s = v.asText().trim();
    if (s.equalsIgnoreCase("true")) {
      return true;
    }
    if (s.equalsIgnoreCase("false")) {
      return false;
    }
    throw new ConfigException(key, "expected true or false, got " + shown(key, v));
  }

  /** Accepts {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1d}, ISO {@code PT30S}, or seconds. */
  public Duration duration(String key, Duration def) {
    JsonNode v = node(key);
    if (v == null || v.asText().isBlank()) {
      return def;
    }
    String s = v.asText().trim();
    Duration d;
    try {
      d = Durations.parse(s);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, e.getMessage());
    }
    if (d.isNegative() || d.isZero()) {
      throw new ConfigException(key, "must be a positive duration, got '" + s + "'");
    }
    return d;
  }

  /** A YAML list, or a comma-separated string (the environment form). */
  public List<String> stringList(String key, List<String> def) {
    JsonNode v = node(key);
    if (v == null) {
      return def;
    }
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode item : (ArrayNode) v) {
        if (!item.isValueNode() || item.asText().isEmpty()) {
          throw new ConfigException(key, "expected a list of non-empty strings");
        }
        out.add(item.asText());
      }
    } else if (v.isValueNode()) {
      for (String part : v.asText().split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    } else {
      throw new ConfigException(key, "expected a list of strings");
    }
    if (out.isEmpty()) {
      throw new ConfigException(key, "must not be empty");
    }
    return out;
  }

  public void require(String key) {
    JsonNode v = node(key);
    if (v == null || v.asText().isBlank() || (v.isNumber() && v.longValue() == 0)) {
      String env = ENV.get(key);
      throw new ConfigException(
          key,
          "required; set it in the YAML file" + (env == null ? "" : " or the " + env + " environment variable"));
    }
  }

  /** Binds a section to a type; errors name {@code section.field}. */
  public <T> T bind(String section, Class<T> type) {
    JsonNode node = node(section);
    if (node == null) {
      node = JsonNodeFactory.instance.objectNode();
    }
    if (!node.isObject()) {
      throw new ConfigException(section, "expected a mapping of keys, not a " + node.getNodeType());
    }
    if (type.isRecord()) {
      // Checked before binding: Jackson reports a missing primitive before an unknown key, and
      // the misspelt key is the useful message.
      java.util.Set<String> known = new java.util.LinkedHashSet<>();
      for (java.lang.reflect.RecordComponent rc : type.getRecordComponents()) {
        com.fasterxml.jackson.annotation.JsonProperty jp =
            rc.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        known.add(jp != null && !jp.value().isEmpty() ? jp.value() : rc.getName());
      }
      for (java.util.Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!known.contains(field)) {
          throw new ConfigException(section + "." + field, "unknown key; known keys: " + known);
        }
      }
    }
    try {
      return YAML.copy()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .treeToValue(node, type);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          section + "." + e.getPropertyName(),
          "unknown key; known keys: " + e.getKnownPropertyIds());
    } catch (JsonMappingException e) {
      String path = section;
      for (JsonMappingException.Reference ref : e.getPath()) {
        path += ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]";
      }
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      // A record's compact constructor that throws surfaces here: its message is the useful one.
      String problem = root != e ? root.getMessage() : e.getOriginalMessage();
      if (problem != null && problem.startsWith("Cannot map `null`")) {
        problem = "required (it has no default)";
      }
      throw new ConfigException(path, "invalid " + type.getSimpleName() + ": " + problem, e);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(section, "invalid " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
