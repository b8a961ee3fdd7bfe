package dev.timbot.plugins.faq.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.timbot.message.MessageElem;
import dev.timbot.message.MessageJson;
import dev.timbot.message.TextElem;
import dev.timbot.plugins.faq.KbError;
import dev.timbot.plugins.faq.KbLoadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the YAML KB format:
 *
 * <pre>
 * synonyms_file: shop-synonyms.txt      # optional, relative to the KB file
 * synonyms: ["退款, 退钱"]                # optional inline Solr-format rules
 * entries:
 *   - id: order-status
 *     questions: [我的订单到哪了, Where is my order?]
 *     answer: 在“我的订单”里可以看到物流。      # or a list of wire-format elements
 *     keywords: [物流, tracking]
 *     related: [shipping-time]
 * </pre>
 *
 * <p>It walks the token stream instead of binding to classes so that every error carries the
 * line of the offending field (Jackson's {@link JsonLocation}), not just "invalid file".
 */
public final class YamlKbReader {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private YamlKbReader() {}

  public static KbLoadResult read(String text, String source, Path file) {
    List<KbError> errors = new ArrayList<>();
    List<EntryDraft> drafts = new ArrayList<>();
    List<String> synonyms = new ArrayList<>();
    List<Path> sources = new ArrayList<>();
    if (file != null) {
      sources.add(file);
    }
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return new KbLoadResult.Failed(List.of(new KbError(source, 0, 0, "file is empty")));
      }
      if (first == JsonToken.START_ARRAY) {
        readEntries(p, source, drafts, errors);
      } else if (first == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          int line = line(p);
          p.nextToken();
          switch (field) {
            case "entries" -> {
              if (p.currentToken() != JsonToken.START_ARRAY) {
                errors.add(new KbError(source, line, 0, "'entries' must be a list"));
                p.skipChildren();
              } else {
                readEntries(p, source, drafts, errors);
              }
            }
            case "synonyms" -> synonyms.addAll(strings(YAML.readTree(p), source, line, field, errors));
            case "synonyms_file" -> {
              for (String name : strings(YAML.readTree(p), source, line, field, errors)) {
                Path syn = file == null ? Path.of(name) : file.resolveSibling(name);
                try {
                  synonyms.addAll(Files.readAllLines(syn, StandardCharsets.UTF_8));
                  sources.add(syn);
                } catch (IOException e) {
                  errors.add(new KbError(source, line, 0, "cannot read synonyms file " + syn + ": " + e));
                }
              }
            }
            default -> {
              errors.add(new KbError(source, line, 0,
                  "unknown top-level field '" + field + "' (expected entries, synonyms, synonyms_file)"));
              p.skipChildren();
            }
          }
        }
      } else {
        errors.add(new KbError(source, line(p), 0, "expected a list of entries or a mapping with 'entries'"));
      }
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      errors.add(new KbError(source, loc == null ? 0 : loc.getLineNr(),
          loc == null ? 0 : loc.getColumnNr(), "YAML syntax: " + e.getOriginalMessage()));
      return new KbLoadResult.Failed(errors);
    } catch (IOException e) {
      errors.add(new KbError(source, 0, 0, "cannot read: " + e));
      return new KbLoadResult.Failed(errors);
    }
    return KbValidator.finish(source, drafts, errors, synonyms, sources);
  }

  private static void readEntries(JsonParser p, String source, List<EntryDraft> drafts, List<KbError> errors)
      throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      int line = line(p);
      if (t != JsonToken.START_OBJECT) {
        errors.add(new KbError(source, line, 0, "an entry must be a mapping with id, questions, answer"));
        p.skipChildren();
        continue;
      }
      drafts.add(readEntry(p, source, line, errors));
    }
  }

  private static EntryDraft readEntry(JsonParser p, String source, int entryLine, List<KbError> errors)
      throws IOException {
    EntryDraft d = new EntryDraft(entryLine);
    Set<String> seen = new HashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      int line = line(p);
      p.nextToken();
      JsonNode value = YAML.readTree(p);
      if (!seen.add(field)) {
        errors.add(new KbError(source, line, 0, "field '" + field + "' appears twice in one entry"));
        continue;
      }
      switch (field) {
        case "id" -> {
          if (value == null || !value.isValueNode() || value.isNull()) {
            errors.add(new KbError(source, line, 0, "'id' must be a string"));
          } else {
            d.id = value.asText().trim();
          }
        }
        case "questions", "question" -> addNonBlank(value, source, line, field, d.questions, errors);
        case "keywords" -> addNonBlank(value, source, line, field, d.keywords, errors);
        case "related" -> {
          d.relatedLine = line;
          addNonBlank(value, source, line, field, d.related, errors);
        }
        case "answer" -> readAnswer(value, source, line, d.answer, errors);
        default -> errors.add(new KbError(source, line, 0,
            "unknown field '" + field + "' (expected id, questions, answer, keywords, related)"));
      }
    }
    return d;
  }

  private static void readAnswer(
      JsonNode value, String source, int line, List<MessageElem> out, List<KbError> errors) {
    if (value != null && value.isTextual()) {
      if (value.asText().isBlank()) {
        errors.add(new KbError(source, line, 0, "'answer' is blank"));
      } else {
        out.add(TextElem.of(value.asText().strip()));
      }
      return;
    }
    if (value == null || !value.isArray() || value.isEmpty()) {
      errors.add(new KbError(source, line, 0,
          "'answer' must be text or a non-empty list of message elements"));
      return;
    }
    for (JsonNode item : value) {
      if (item.isTextual()) {
        out.add(TextElem.of(item.asText()));
        continue;
      }
      if (!item.isObject() || !item.hasNonNull("MsgType") || !item.has("MsgContent")) {
        errors.add(new KbError(source, line, 0,
            "answer element must be text or {MsgType: ..., MsgContent: {...}}"));
        continue;
      }
      try {
        out.add(JSON.convertValue(item, MessageElem.class));
      } catch (IllegalArgumentException e) {
        errors.add(new KbError(source, line, 0, "bad answer element: " + e.getMessage()));
      }
    }
  }

  /** A scalar or a list of scalars, blanks dropped; anything else is an error. */
  private static List<String> strings(
      JsonNode value, String source, int line, String field, List<KbError> errors) {
    List<String> out = new ArrayList<>();
    addNonBlank(value, source, line, field, out, errors);
    return out;
  }

  private static void addNonBlank(
      JsonNode value, String source, int line, String field, List<String> out, List<KbError> errors) {
    if (value == null || value.isNull()) {
      return;
    }
    if (value.isValueNode()) {
      if (!value.asText().isBlank()) {
        out.add(value.asText().strip());
      }
      return;
    }
    if (!value.isArray()) {
      errors.add(new KbError(source, line, 0, "'" + field + "' must be a string or a list of strings"));
      return;
    }
    for (JsonNode item : value) {
      if (!item.isValueNode() || item.isNull()) {
        errors.add(new KbError(source, line, 0, "'" + field + "' items must be strings"));
      } else if (!item.asText().isBlank()) {
        out.add(item.asText().strip());
      }
    }
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
