package dev.timbot.emulator.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile callback requests from the documented examples, deterministically (seeded):
 * dropped and nulled fields, wrong JSON types, out-of-range numbers, huge and odd strings,
 * malformed message bodies, command mismatches, broken JSON and bad authentication.
 */
final class HostileCallbacks {
  /** One request: the command for the URL, whether to sign it correctly, and the raw body. */
  record Hostile(String label, String queryCommand, Auth auth, byte[] body) {}

  enum Auth { SIGNED, BAD_SIGN, STALE, UNSIGNED, WRONG_APP }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Random random;
  private final List<ObjectNode> bases = new ArrayList<>();

  HostileCallbacks(long seed, JsonNode documented, String botAccount) {
    this.random = new Random(seed);
    for (Iterator<String> it = documented.fieldNames(); it.hasNext(); ) {
      ObjectNode base = documented.get(it.next()).deepCopy();
      // Aim the messages at the bot so that they reach the dispatcher, not only the parser.
      if (base.has("To_Account")) {
        base.put("To_Account", botAccount);
      }
      if (base.has("AtRobots_Account")) {
        base.putArray("AtRobots_Account").add(botAccount);
      }
      bases.add(base);
    }
  }

  List<Hostile> generate(int count) {
    List<Hostile> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(next(i));
    }
    return out;
  }

  private Hostile next(int i) {
    ObjectNode body = bases.get(random.nextInt(bases.size())).deepCopy();
    String command = body.path("CallbackCommand").asText();
    switch (i % 12) {
      case 0, 1, 2 -> {
        String field = pickField(body);
        body.set(field, hostileValue());
        return json("value:" + field, command, body);
      }
      case 3 -> {
        String field = pickField(body);
        body.remove(field);
        return json("drop:" + field, command, body);
      }
      case 4 -> {
        String field = pickField(body);
        body.putNull(field);
        return json("null:" + field, command, body);
      }
      case 5 -> {
        body.set("MsgBody", hostileBody());
        return json("body", command, body);
      }
      case 6 -> {
        for (String f : List.of("MsgTime", "LastReadTime", "EventTime", "MsgSeq", "Random", "MsgRandom")) {
          if (body.has(f)) {
            body.set(f, pick(F.numberNode(Long.MAX_VALUE), F.numberNode(-1L), F.numberNode(Long.MIN_VALUE),
                F.numberNode(1e308), F.textNode("99999999999999999999999"), F.numberNode(4294967296L)));
          }
        }
        return json("numbers", command, body);
      }
      case 7 -> {
        String other = bases.get(random.nextInt(bases.size())).path("CallbackCommand").asText();
        String q = pick("X.Unknown", other, command.toLowerCase(), " " + command, command + "\u0000", "");
        return json("command:" + q.strip(), q, body);
      }
      case 8 -> {
        return raw("raw", command, pick(
            "", "{", "[]", "null", "\"text\"", "{\"CallbackCommand\":", "{}", "{\"a\":1}{\"b\":2}",
            "{\"MsgBody\":" + "[".repeat(200) + "]".repeat(200) + "}",
            "{\"From_Account\":\"a\",\"From_Account\":{\"x\":1}}").getBytes(StandardCharsets.UTF_8));
      }
      case 9 -> {
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        return raw("bytes", command, pick(bad, new byte[] {0, 0, 0, 0}, big(300_000)));
      }
      case 10 -> {
        Auth auth = pick(Auth.BAD_SIGN, Auth.STALE, Auth.UNSIGNED, Auth.WRONG_APP);
        return new Hostile("auth:" + auth, command, auth, bytes(body));
      }
      default -> {
        // Several mutations at once.
        for (int k = 0; k < 3; k++) {
          String field = pickField(body);
          body.set(field, hostileValue());
        }
        return json("multi", command, body);
      }
    }
  }

  private Hostile json(String label, String command, ObjectNode body) {
    return new Hostile(label, command, Auth.SIGNED, bytes(body));
  }

  private static Hostile raw(String label, String command, byte[] body) {
    return new Hostile(label, command, Auth.SIGNED, body);
  }

  private String pickField(ObjectNode body) {
    List<String> names = new ArrayList<>();
    body.fieldNames().forEachRemaining(names::add);
    return names.get(random.nextInt(names.size()));
  }

  private JsonNode hostileValue() {
    ArrayNode nested = F.arrayNode();
    ArrayNode cursor = nested;
    for (int d = 0; d < 30; d++) {
      cursor = cursor.addArray();
    }
    return pick(F.nullNode(), F.textNode(""), F.textNode("   "), F.numberNode(0), F.numberNode(-1),
        F.numberNode(Long.MAX_VALUE), F.numberNode(3.5), F.booleanNode(true), F.arrayNode(),
        F.objectNode(), F.arrayNode().addNull(), F.textNode("\u0000\u202e\ud83d\ude00"),
        F.textNode("x".repeat(100_000)), F.textNode("😀".repeat(2000)), F.textNode("/help"),
        F.textNode("@RBT#fuzz"), F.textNode("../../etc/passwd"), F.textNode("${jndi:ldap://x}"), nested,
        F.objectNode().put("MsgType", "TIMTextElem"));
  }

  private JsonNode hostileBody() {
    ArrayNode many = F.arrayNode();
    for (int k = 0; k < 2000; k++) {
      many.addObject().put("MsgType", "TIMTextElem").putObject("MsgContent").put("Text", "t" + k);
    }
    return pick(F.arrayNode(), F.arrayNode().addObject(), F.textNode("TIMTextElem"), many,
        array("{\"MsgType\":\"TIMTextElem\"}"),
        array("{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":null}}"),
        array("{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":7}}"),
        array("{\"MsgType\":\"TIMImageElem\",\"MsgContent\":{\"ImageInfoArray\":\"x\"}}"),
        array("{\"MsgType\":\"TIMImageElem\",\"MsgContent\":{\"ImageInfoArray\":[{\"Type\":1,\"Width\":-5,\"URL\":\"javascript:x\"}]}}"),
        array("{\"MsgType\":\"TIMCustomElem\",\"MsgContent\":{\"Data\":\"{\\\"businessID\\\":1e999}\"}}"),
        array("{\"MsgType\":\"TIMCustomElem\",\"MsgContent\":{\"Data\":" + "[".repeat(60) + "]".repeat(60) + "}}"),
        array("{\"MsgType\":\"TIMLocationElem\",\"MsgContent\":{\"Latitude\":\"north\"}}"),
        array("{\"MsgType\":\"TIMSoundElem\",\"MsgContent\":{\"Second\":99999999999}}"),
        array("{\"MsgType\":\"TIMNoSuchElem\",\"MsgContent\":{}}"),
        array("{\"MsgType\":null,\"MsgContent\":null}"), array("null"));
  }

  private static JsonNode array(String element) {
    try {
      return JSON.readTree("[" + element + "]");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] big(int size) {
    String pad = "y".repeat(size);
    return ("{\"CallbackCommand\":\"C2C.CallbackAfterMsgReport\",\"Report_Account\":\"" + pad + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }
}
