package dev.timbot.internal.callback;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.internal.json.WireJson;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns a callback body into a typed {@link CallbackEvent}: {@code CallbackCommand} picks the
 * record class, the shared {@link WireJson} mapper (nesting and size limits, unknown fields
 * ignored, numbers accepted as strings) binds it. Commands timbot does not model become {@link
 * UnknownCallback}; a known command whose fields have the wrong JSON type is rejected.
 */
public final class CallbackParser {
  private static final String COMMAND_FIELD = "CallbackCommand";

  /** Canonical command → record. Several commands share one record (before/after/bot). */
  private static final Map<String, Class<? extends CallbackEvent>> TYPES = types();

  /** Lower-cased command → canonical spelling, so "WithDraw" vs "Withdraw" does not matter. */
  private static final Map<String, String> CANONICAL = canonical();

  private static final ObjectReader TREE_READER =
      WireJson.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Record → a reader binding bytes straight to it (no intermediate tree). */
  private static final Map<Class<? extends CallbackEvent>, ObjectReader> DIRECT = direct();

  private CallbackParser() {}

  private static Map<String, Class<? extends CallbackEvent>> types() {
    Map<String, Class<? extends CallbackEvent>> m = new LinkedHashMap<>();
    m.put(CallbackCommand.C2C_BEFORE_SEND_MSG, C2CMessageCallback.class);
    m.put(CallbackCommand.C2C_AFTER_SEND_MSG, C2CMessageCallback.class);
    m.put(CallbackCommand.BOT_ON_C2C_MESSAGE, C2CMessageCallback.class);
    m.put(CallbackCommand.GROUP_BEFORE_SEND_MSG, GroupMessageCallback.class);
    m.put(CallbackCommand.GROUP_AFTER_SEND_MSG, GroupMessageCallback.class);
    m.put(CallbackCommand.BOT_ON_GROUP_MESSAGE, GroupMessageCallback.class);
    m.put(CallbackCommand.C2C_AFTER_MSG_REPORT, MsgReportCallback.class);
    m.put(CallbackCommand.C2C_AFTER_MSG_WITHDRAW, MsgWithdrawCallback.class);
    m.put(CallbackCommand.GROUP_AFTER_RECALL_MSG, GroupRecallCallback.class);
    m.put(CallbackCommand.GROUP_AFTER_NEW_MEMBER_JOIN, MemberJoinCallback.class);
    m.put(CallbackCommand.GROUP_AFTER_MEMBER_EXIT, MemberExitCallback.class);
    m.put(CallbackCommand.STATE_CHANGE, StateChangeCallback.class);
    m.put(CallbackCommand.SNS_FRIEND_ADD, FriendCallback.class);
    m.put(CallbackCommand.SNS_FRIEND_DELETE, FriendCallback.class);
    m.put(CallbackCommand.SNS_BLACKLIST_ADD, BlacklistCallback.class);
    m.put(CallbackCommand.SNS_BLACKLIST_DELETE, BlacklistCallback.class);
    m.put(CallbackCommand.PROFILE_PORTRAIT_SET, PortraitSetCallback.class);
    return Map.copyOf(m);
  }

  private static Map<Class<? extends CallbackEvent>, ObjectReader> direct() {
    Map<Class<? extends CallbackEvent>, ObjectReader> m = new HashMap<>();
    for (Class<? extends CallbackEvent> type : TYPES.values()) {
      m.put(type, WireJson.mapper().readerFor(type).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    }
    return Map.copyOf(m);
  }

  /**
   * Parses a callback body: {@link #readObject}, {@link #resolveCommand} and {@link #bind} in one.
   * When the query names a modelled command, the body is bound straight from its bytes to the
   * record (one pass, no tree); that result is taken only if the body's own {@code
   * CallbackCommand} is that command, spelled canonically. Anything else — other spellings, no
   * command in the query, a body that does not bind — takes the tree path, which decides and
   * words every refusal exactly as before.
   */
  public static CallbackEvent parse(String queryCommand, byte[] body) throws CallbackRejected {
    String fromQuery = blankToNull(queryCommand);
    if (fromQuery != null && body != null && body.length > 0) {
      String canonical = canonicalCommand(fromQuery);
      Class<? extends CallbackEvent> type = TYPES.get(canonical);
      if (type != null) {
        try {
          CallbackEvent event = DIRECT.get(type).readValue(body);
          if (event != null && canonical.equals(event.command())) {
            return event;
          }
        } catch (IOException | RuntimeException e) {
          // fall through: the tree path reports what is wrong with the body
        }
      }
    }
    ObjectNode node = readObject(body);
    return bind(resolveCommand(queryCommand, node), node);
  }

  private static Map<String, String> canonical() {
    Map<String, String> m = new HashMap<>();
    for (String command : TYPES.keySet()) {
      m.put(command.toLowerCase(Locale.ROOT), command);
    }
    return Map.copyOf(m);
  }

  /** True if {@code command} (any letter case) parses into a typed record. */
  public static boolean isKnown(String command) {
    return command != null && CANONICAL.containsKey(command.toLowerCase(Locale.ROOT));
  }

  /** The documented spelling of a known command; other commands are returned trimmed. */
  public static String canonicalCommand(String command) {
    if (command == null) {
      return null;
    }
    String trimmed = command.trim();
    return CANONICAL.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
  }

  /** Reads the body as one JSON object. */
  public static ObjectNode readObject(byte[] body) throws CallbackRejected {
    if (body == null || body.length == 0) {
      throw new CallbackRejected(400, "empty_body", "request body is empty");
    }
    JsonNode node;
    try {
      node = TREE_READER.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new CallbackRejected(400, "json_limits", "JSON nesting or size limit exceeded");
    } catch (JsonProcessingException e) {
      throw new CallbackRejected(400, "malformed_json", "malformed JSON" + at(e.getLocation()));
    } catch (IOException e) {
      // e.g. CharConversionException for invalid UTF-8/32 bytes
      throw new CallbackRejected(400, "malformed_json", "malformed JSON");
    }
    if (node == null || node.isMissingNode()) {
      throw new CallbackRejected(400, "empty_body", "request body is empty");
    }
    if (!node.isObject()) {
      throw new CallbackRejected(400, "not_an_object", "request body is not a JSON object");
    }
    return (ObjectNode) node;
  }

  /**
   * The command of a request: the query's {@code CallbackCommand}, or the body's when the query
   * has none. Both present and different is an error; neither present is an error.
   */
  public static String resolveCommand(String queryCommand, ObjectNode body)
      throws CallbackRejected {
    String fromQuery = blankToNull(queryCommand);
    JsonNode bodyNode = body.get(COMMAND_FIELD);
    String fromBody = null;
    if (bodyNode != null && !bodyNode.isNull()) {
      if (!bodyNode.isTextual()) {
        throw new CallbackRejected(400, "bad_payload", "CallbackCommand must be a string");
      }
      fromBody = blankToNull(bodyNode.asText());
    }
    if (fromQuery == null && fromBody == null) {
      throw new CallbackRejected(400, "missing_command", "CallbackCommand is missing");
    }
    if (fromQuery != null
        && fromBody != null
        && !canonicalCommand(fromQuery).equalsIgnoreCase(canonicalCommand(fromBody))) {
      throw new CallbackRejected(
          400, "command_mismatch", "CallbackCommand differs between URL and body");
    }
    return canonicalCommand(fromQuery != null ? fromQuery : fromBody);
  }

  /**
   * Binds {@code body} to the record of {@code command}. The body's {@code CallbackCommand} is
   * set to the canonical command first, so a body without one still yields a complete record.
   * Takes ownership of {@code body} (the receiver parses a fresh node per request).
   */
  public static CallbackEvent bind(String command, ObjectNode body) throws CallbackRejected {
    String canonical = canonicalCommand(command);
    Class<? extends CallbackEvent> type = TYPES.get(canonical);
    if (type == null) {
      return new UnknownCallback(canonical, body);
    }
    body.put(COMMAND_FIELD, canonical);
    try {
      return WireJson.mapper().treeToValue(body, type);
    } catch (JsonMappingException e) {
      throw new CallbackRejected(400, "bad_payload", "wrong type for " + path(e));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new CallbackRejected(400, "bad_payload", "payload does not fit " + canonical);
    }
  }

  private static String path(JsonMappingException e) {
    StringJoiner joined = new StringJoiner(".");
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        joined.add(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        joined.add("[" + ref.getIndex() + "]");
      }
    }
    String p = joined.toString();
    return p.isEmpty() ? "the body" : p;
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 0) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
