package dev.timbot.internal.callback;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.timbot.internal.json.WireJson;
import dev.timbot.message.MessageElem;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Binds the two message callbacks — the bulk of a bot's traffic — from bytes by hand: top-level
 * fields read straight off the token stream, {@code MsgBody} and the other lists through the
 * shared mapper's own readers. Jackson's record binding buffers every property before calling the
 * constructor; this was half the cost of parsing a callback (issue 15).
 *
 * <p>Only the plain shape is taken: each field at most once, strings as strings, integers as
 * integers in range, lists as arrays, {@code null} where the record's type allows it, nothing after
 * the object. Anything else — a number sent as a string, a float, a duplicate, a field named like a
 * record component, malformed JSON — gives null, and {@link CallbackParser} binds the body with
 * Jackson as before, which decides (and words every refusal) exactly as it always did. For the
 * bodies taken, the record is the one Jackson binds ({@code MessageCallbackReaderTest}).
 */
final class MessageCallbackReader {
  private static final JsonFactory JSON = WireJson.mapper().getFactory();
  private static final ObjectReader ELEMENTS = WireJson.mapper().readerFor(new TypeReference<List<MessageElem>>() {});
  private static final ObjectReader AT_INFO = WireJson.mapper().readerFor(new TypeReference<List<GroupAtInfo>>() {});
  private static final ObjectReader STRINGS = WireJson.mapper().readerFor(new TypeReference<List<String>>() {});

  /** The records' Java names: how Jackson treats them is not this reader's business. */
  private static final Set<String> COMPONENT_NAMES = Set.of(
      "command", "fromAccount", "toAccount", "msgSeq", "msgRandom", "msgTime", "msgKey", "msgId",
      "onlineOnlyFlag", "sendMsgResult", "errorInfo", "unreadMsgNum", "msgBody", "cloudCustomData", "eventTime",
      "groupId", "type", "operatorAccount", "random", "topicId", "groupAtInfo", "atRobotsAccount");

  /** Not the plain shape: Jackson binds the body instead. Thrown without a stack trace. */
  private static final class NotPlain extends Exception {
    private static final NotPlain INSTANCE = new NotPlain();

    private NotPlain() {
      super("not the plain shape", null, false, false);
    }
  }

  private MessageCallbackReader() {}

  /** The callback, or null when the body is not of the plain shape. */
  static C2CMessageCallback c2c(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String command = null, from = null, to = null, key = null, id = null, errorInfo = null, cloud = null;
      long seq = 0, random = 0, time = 0;
      Integer online = null, result = null, unread = null;
      Long eventTime = null;
      List<MessageElem> elements = null;
      Seen seen = new Seen();
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "CallbackCommand" -> {
            seen.mark(0);
            command = text(p, v);
          }
          case "From_Account" -> {
            seen.mark(1);
            from = text(p, v);
          }
          case "To_Account" -> {
            seen.mark(2);
            to = text(p, v);
          }
          case "MsgSeq" -> {
            seen.mark(3);
            seq = primitiveLong(p, v);
          }
          case "MsgRandom" -> {
            seen.mark(4);
            random = primitiveLong(p, v);
          }
          case "MsgTime" -> {
            seen.mark(5);
            time = primitiveLong(p, v);
          }
          case "MsgKey" -> {
            seen.mark(6);
            key = text(p, v);
          }
          case "MsgId" -> {
            seen.mark(7);
            id = text(p, v);
          }
          case "OnlineOnlyFlag" -> {
            seen.mark(8);
            online = integer(p, v);
          }
          case "SendMsgResult" -> {
            seen.mark(9);
            result = integer(p, v);
          }
          case "ErrorInfo" -> {
            seen.mark(10);
            errorInfo = text(p, v);
          }
          case "UnreadMsgNum" -> {
            seen.mark(11);
            unread = integer(p, v);
          }
          case "MsgBody" -> {
            seen.mark(12);
            elements = list(p, v, ELEMENTS);
          }
          case "CloudCustomData" -> {
            seen.mark(13);
            cloud = text(p, v);
          }
          case "EventTime" -> {
            seen.mark(14);
            eventTime = boxedLong(p, v);
          }
          default -> skip(p, name);
        }
      }
      end(p);
      return new C2CMessageCallback(command, from, to, seq, random, time, key, id, online, result, errorInfo,
          unread, elements, cloud, eventTime);
    } catch (NotPlain | IOException | RuntimeException e) {
      return null;
    }
  }

  /** The callback, or null when the body is not of the plain shape. */
  static GroupMessageCallback group(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String command = null, groupId = null, type = null, from = null, operator = null, cloud = null, topic = null;
      long random = 0, seq = 0, time = 0;
      Integer online = null;
      Long eventTime = null;
      List<MessageElem> elements = null;
      List<GroupAtInfo> atInfo = null;
      List<String> atRobots = null;
      Seen seen = new Seen();
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "CallbackCommand" -> {
            seen.mark(0);
            command = text(p, v);
          }
          case "GroupId" -> {
            seen.mark(1);
            groupId = text(p, v);
          }
          case "Type" -> {
            seen.mark(2);
            type = text(p, v);
          }
          case "From_Account" -> {
            seen.mark(3);
            from = text(p, v);
          }
          case "Operator_Account" -> {
            seen.mark(4);
            operator = text(p, v);
          }
          case "Random" -> {
            seen.mark(5);
            random = primitiveLong(p, v);
          }
          case "MsgSeq" -> {
            seen.mark(6);
            seq = primitiveLong(p, v);
          }
          case "MsgTime" -> {
            seen.mark(7);
            time = primitiveLong(p, v);
          }
          case "OnlineOnlyFlag" -> {
            seen.mark(8);
            online = integer(p, v);
          }
          case "MsgBody" -> {
            seen.mark(9);
            elements = list(p, v, ELEMENTS);
          }
          case "CloudCustomData" -> {
            seen.mark(10);
            cloud = text(p, v);
          }
          case "TopicId" -> {
            seen.mark(11);
            topic = text(p, v);
          }
          case "GroupAtInfo" -> {
            seen.mark(12);
            atInfo = list(p, v, AT_INFO);
          }
          // The alias shares the property: either spelling, once.
          case "AtRobots_Account", "AtRobotAccount" -> {
            seen.mark(13);
            atRobots = list(p, v, STRINGS);
          }
          case "EventTime" -> {
            seen.mark(14);
            eventTime = boxedLong(p, v);
          }
          default -> skip(p, name);
        }
      }
      end(p);
      return new GroupMessageCallback(command, groupId, type, from, operator, random, seq, time, online, elements,
          cloud, topic, atInfo, atRobots, eventTime);
    } catch (NotPlain | IOException | RuntimeException e) {
      return null;
    }
  }

  /** Which fields were read, so that a repeated one is left to Jackson. */
  private static final class Seen {
    private int bits;

    void mark(int field) throws NotPlain {
      int bit = 1 << field;
      if ((bits & bit) != 0) {
        throw NotPlain.INSTANCE;
      }
      bits |= bit;
    }
  }

  private static String text(JsonParser p, JsonToken v) throws IOException, NotPlain {
    if (v == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    throw NotPlain.INSTANCE;
  }

  private static long primitiveLong(JsonParser p, JsonToken v) throws IOException, NotPlain {
    if (v == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType n = p.getNumberType();
      if (n == JsonParser.NumberType.INT || n == JsonParser.NumberType.LONG) {
        return p.getLongValue();
      }
    }
    throw NotPlain.INSTANCE;
  }

  private static Long boxedLong(JsonParser p, JsonToken v) throws IOException, NotPlain {
    return v == JsonToken.VALUE_NULL ? null : primitiveLong(p, v);
  }

  private static Integer integer(JsonParser p, JsonToken v) throws IOException, NotPlain {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      return p.getIntValue();
    }
    throw NotPlain.INSTANCE;
  }

  private static <T> List<T> list(JsonParser p, JsonToken v, ObjectReader reader)
      throws IOException, NotPlain {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v == JsonToken.START_ARRAY) {
      return reader.readValue(p);
    }
    throw NotPlain.INSTANCE;
  }

  /** A field the record does not have: ignored, as Jackson ignores it. */
  private static void skip(JsonParser p, String name) throws IOException, NotPlain {
    if (COMPONENT_NAMES.contains(name)) {
      throw NotPlain.INSTANCE;
    }
    p.skipChildren();
  }

  /** The object ended, and nothing follows it. */
  private static void end(JsonParser p) throws IOException, NotPlain {
    if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
      throw NotPlain.INSTANCE;
    }
  }
}
