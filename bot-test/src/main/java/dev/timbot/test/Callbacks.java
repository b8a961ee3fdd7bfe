package dev.timbot.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What the service derives from a callback for its URL: the command, and the {@code Sign}. */
public final class Callbacks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Callbacks() {}

  /** The body's {@code CallbackCommand}, which the service repeats in the URL. */
  public static String commandOf(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return node == null ? "" : node.path("CallbackCommand").asText("");
    } catch (java.io.IOException e) {
      return ""; // a deliberately broken body: the bot's answer is what the test is about
    }
  }

  /** The documented {@code Sign}: lowercase hex SHA-256 of the token followed by the request time. */
  public static String sign(String token, long requestTime) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((token + requestTime).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
