package dev.timbot.plugins.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.message.CustomElem;
import dev.timbot.message.Message;
import dev.timbot.message.MessageJson;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Tencent customer-service plugin's satisfaction rating: the bot sends {@code src 9} (a
 * number menu 1–5 with the session ID), a client that renders it answers {@code src 10} with
 * {@code menuSelected {id, content, sessionId}}; other clients get a "reply 1–5" text and answer
 * with a digit.
 */
final class RatingCard {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private RatingCard() {}

  static CustomElem menu(String sessionId, String head, Instant expiresAt, int effectiveHours) {
    ObjectNode o = JSON.createObjectNode();
    o.put("customerServicePlugin", 0);
    o.put("src", "9");
    ObjectNode menu = o.putObject("menuContent");
    menu.put("head", head);
    menu.put("tail", "");
    menu.put("type", 2); // 2 = number rating
    ArrayNode items = menu.putArray("menu");
    for (int i = 1; i <= 5; i++) {
      items.addObject().put("id", String.valueOf(i)).put("content", String.valueOf(i));
    }
    menu.put("effectiveHour", effectiveHours);
    menu.put("expireTime", expiresAt.getEpochSecond());
    menu.put("allowClientSendRating", true);
    menu.put("sessionId", sessionId);
    // The description carries the prompt: clients that cannot show the card show it as text.
    return new CustomElem(o.toString(), head, null, null);
  }

  /** A rating answer: (sessionId or empty, score 1–5), from src 10 or a bare digit. */
  record Answer(Optional<String> sessionId, int score) {}

  static Optional<Answer> parse(Message message) {
    Optional<CustomElem> custom = message.first(CustomElem.class);
    if (custom.isPresent()) {
      try {
        JsonNode json = JSON.readTree(custom.get().data());
        if (json == null || !"10".equals(json.path("src").asText())) {
          return Optional.empty();
        }
        JsonNode sel = json.path("menuSelected");
        OptionalInt score = score(sel.path("id").asText(sel.path("content").asText("")));
        if (score.isEmpty()) {
          return Optional.empty();
        }
        String sid = sel.path("sessionId").asText("");
        return Optional.of(new Answer(sid.isEmpty() ? Optional.empty() : Optional.of(sid), score.getAsInt()));
      } catch (Exception e) {
        return Optional.empty();
      }
    }
    return score(message.text().trim()).stream().boxed().findFirst()
        .map(s -> new Answer(Optional.empty(), s));
  }

  private static OptionalInt score(String text) {
    String t = text.trim();
    if (t.length() == 1 && t.charAt(0) >= '1' && t.charAt(0) <= '5') {
      return OptionalInt.of(t.charAt(0) - '0');
    }
    // full-width digits １–５
    if (t.length() == 1 && t.charAt(0) >= '\uFF11' && t.charAt(0) <= '\uFF15') {
      return OptionalInt.of(t.charAt(0) - '\uFF10');
    }
    return OptionalInt.empty();
  }
}
