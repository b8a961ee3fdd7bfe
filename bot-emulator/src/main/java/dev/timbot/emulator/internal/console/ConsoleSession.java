package dev.timbot.emulator.internal.console;


import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.BotClock;
import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.ConversationSummary;
import dev.timbot.emulator.ImUserListener;
import dev.timbot.emulator.ImUsers;
import dev.timbot.emulator.UserLogin;
import dev.timbot.emulator.ImError;
import dev.timbot.message.Conversation;
import dev.timbot.message.MessageElem;
import dev.timbot.emulator.internal.wire.ElemCodec;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser tab's conversation with the emulator: the console's JSON protocol, independent of
 * the WebSocket plumbing so it can be tested without a socket or a browser.
 *
 * <p>Requests are {@code {"op": ..., "id": ...}} objects; every answer echoes {@code id}. A
 * request the server cannot honour is answered with {@code {"op":"error", "for": op, "reason":
 * ..., "code": ..., "message": ...}}; nothing a client sends can throw out of {@link #onText}.
 * See the package documentation for the full list of operations.
 */
final class ConsoleSession {
  private static final Logger log = LoggerFactory.getLogger(ConsoleSession.class);
  /** Largest request accepted; the biggest legitimate one is a 12 KB message body plus framing. */
  static final int MAX_REQUEST_CHARS = 64 * 1024;
  static final int DEFAULT_HISTORY = 50;
  static final int MAX_HISTORY = 500;
  /** More elements than any client SDK puts in one message. */
  static final int MAX_BODY_ELEMENTS = 20;

  private final ImUsers users;
  private final BotClock clock;
  private final Consumer<String> out;
  private final Runnable closeConnection;

  private String user;
  private AutoCloseable subscription;

  /**
   * @param out sends one text frame to the browser; must be thread-safe (events arrive on the
   *     threads that cause them)
   * @param closeConnection closes the socket (after a kick)
   */
  ConsoleSession(ImUsers users, BotClock clock, Consumer<String> out, Runnable closeConnection) {
    this.users = users;
    this.clock = clock;
    this.out = out;
    this.closeConnection = closeConnection;
  }

  /** The logged-in user, or null. */
  synchronized String user() {
    return user;
  }

  /** Handles one text frame. Never throws. */
  void onText(String text) {
    JsonNode id = null;
    String op = null;
    try {
      if (text.length() > MAX_REQUEST_CHARS) {
        throw new ConsoleRequestException("too_big", "request larger than " + MAX_REQUEST_CHARS + " characters");
      }
      JsonNode req;
      try {
        req = ConsoleJson.mapper().readTree(text);
      } catch (JacksonException e) {
        throw new ConsoleRequestException("bad_json", "request is not JSON");
      }
      if (req == null || !req.isObject()) {
        throw new ConsoleRequestException("bad_json", "request must be a JSON object");
      }
      JsonNode rawId = req.get("id");
      if (rawId != null && rawId.isValueNode() && rawId.asText().length() <= 64) {
        id = rawId;
      }
      op = req.path("op").asText("");
      ObjectNode reply = dispatch(op, req);
      if (reply != null) {
        send(reply, id);
      }
    } catch (ConsoleRequestException e) {
      send(error(op, e.reason, 0, e.getMessage()), id);
    } catch (ImError e) {
      send(error(op, "service", e.errorCode(), e.errorInfo()), id);
    } catch (RuntimeException e) {
      log.warn("console request {} failed", op, e);
      send(error(op, "internal", 0, "internal error"), id);
    }
  }

  /** The protocol is text only; a binary frame gets an error answer, nothing else. */
  void onBinary() {
    send(error(null, "bad_request", 0, "binary frames are not supported; send JSON text"), null);
  }

  /** The socket closed: a user still logged in has dropped ({@code Disconnect}). */
  void onClose() {
    String was = detach();
    if (was != null) {
      try {
        users.disconnect(was);
      } catch (RuntimeException e) {
        log.debug("disconnect of {} failed", was, e);
      }
    }
  }

  private ObjectNode dispatch(String op, JsonNode req) {
    switch (op) {
      case "ping":
        return ConsoleJson.op("pong").put("now", clock.now().getEpochSecond());
      case "login":
        return login(req);
      default:
        break;
    }
    String me = user();
    if (me == null) {
      if (isKnown(op)) {
        throw new ConsoleRequestException("not_logged_in", "log in first");
      }
      throw new ConsoleRequestException("unknown_op", "unknown op: " + abbreviate(op));
    }
    return switch (op) {
      case "logout" -> logout(me);
      case "conversations" -> conversations(me);
      case "history" -> history(me, req);
      case "read" -> read(me, req);
      case "send" -> send(me, req);
      case "recall" -> recall(me, req);
      default -> throw new ConsoleRequestException("unknown_op", "unknown op: " + abbreviate(op));
    };
  }

  private static boolean isKnown(String op) {
    return List.of("logout", "conversations", "history", "read", "send", "recall").contains(op);
  }

  // --- operations ------------------------------------------------------------------------------

  /**
   * The console plays the app server and the SDK at once: it has the emulator issue the user's
   * UserSig, then authenticates this socket with that sig exactly as a client login is checked.
   */
  private ObjectNode login(JsonNode req) {
    String who = requiredText(req, "user");
    String previous = detach();
    if (previous != null) {
      users.logout(previous);
    }
    UserLogin login = users.login(who);
    users.verify(login.userId(), login.userSig());
    AutoCloseable sub = users.subscribe(who, new Events());
    synchronized (this) {
      user = who;
      subscription = sub;
    }
    log.info("console login: {}", who);
    ObjectNode reply = ConsoleJson.op("login");
    reply.put("user", who);
    reply.put("userSig", login.userSig());
    reply.put("sdkAppId", login.sdkAppId());
    reply.put("now", clock.now().getEpochSecond());
    return reply;
  }

  private ObjectNode logout(String me) {
    detach();
    users.logout(me);
    return ConsoleJson.op("logout");
  }

  private ObjectNode conversations(String me) {
    List<ConversationSummary> list = users.conversations(me);
    ObjectNode reply = ConsoleJson.op("conversations");
    ArrayNode items = reply.putArray("items");
    int total = 0;
    for (ConversationSummary s : list) {
      items.add(ConsoleJson.conversation(s));
      total += s.unreadCount();
    }
    reply.put("unreadTotal", total);
    return reply;
  }

  private ObjectNode history(String me, JsonNode req) {
    Conversation c = conversation(req);
    int max = req.path("max").isInt() ? req.path("max").asInt() : DEFAULT_HISTORY;
    max = Math.max(1, Math.min(MAX_HISTORY, max));
    List<ClientMessage> messages = users.history(me, c.conversationId(), max);
    ObjectNode reply = ConsoleJson.op("history");
    reply.put("conversationId", c.conversationId());
    reply.set("messages", ConsoleJson.messages(messages));
    return reply;
  }

  private ObjectNode read(String me, JsonNode req) {
    Conversation c = conversation(req);
    users.markRead(me, c.conversationId());
    return ConsoleJson.op("read").put("conversationId", c.conversationId());
  }

  private ObjectNode send(String me, JsonNode req) {
    Conversation c = conversation(req);
    JsonNode body = req.get("body");
    if (body == null || !body.isArray() || body.isEmpty() || body.size() > MAX_BODY_ELEMENTS) {
      throw new ConsoleRequestException("bad_request", "body must be an array of 1 to " + MAX_BODY_ELEMENTS + " elements");
    }
    for (JsonNode e : body) {
      if (!e.isObject() || !e.path("MsgType").isTextual() || !e.path("MsgContent").isObject()) {
        throw new ConsoleRequestException("bad_request", "each element needs a MsgType string and a MsgContent object");
      }
    }
    List<MessageElem> elems;
    try {
      elems = ElemCodec.read(body, 90010);
    } catch (ImError e) {
      throw new ConsoleRequestException("bad_request", "malformed message element");
    }
    JsonNode ccd = req.get("cloudCustomData");
    String cloudCustomData = ccd != null && ccd.isTextual() ? ccd.asText() : null;
    ClientMessage sent = c.isGroup()
        ? users.sendGroup(me, c.id(), elems, cloudCustomData, List.of())
        : users.sendC2C(me, c.id(), elems, cloudCustomData);
    ObjectNode reply = ConsoleJson.op("sent");
    reply.set("message", ConsoleJson.message(sent));
    return reply;
  }

  private ObjectNode recall(String me, JsonNode req) {
    Conversation c = conversation(req);
    if (c.isGroup()) {
      JsonNode seq = req.get("msgSeq");
      if (seq == null || !seq.canConvertToLong()) {
        throw new ConsoleRequestException("bad_request", "msgSeq (number) is required for a group message");
      }
      users.recallGroup(me, c.id(), seq.asLong());
    } else {
      users.recallC2C(me, c.id(), requiredText(req, "msgKey"));
    }
    return ConsoleJson.op("recall").put("conversationId", c.conversationId());
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** Forgets the login and stops events; returns who was logged in. */
  private String detach() {
    String was;
    AutoCloseable sub;
    synchronized (this) {
      was = user;
      sub = subscription;
      user = null;
      subscription = null;
    }
    if (sub != null) {
      try {
        sub.close();
      } catch (Exception e) {
        log.debug("unsubscribe failed", e);
      }
    }
    return was;
  }

  private static Conversation conversation(JsonNode req) {
    String id = requiredText(req, "conversationId");
    try {
      return Conversation.parse(id);
    } catch (IllegalArgumentException e) {
      throw new ConsoleRequestException("bad_request", "conversationId must be C2C<user> or GROUP<group>");
    }
  }

  private static String requiredText(JsonNode req, String field) {
    JsonNode n = req.get(field);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new ConsoleRequestException("bad_request", field + " (string) is required");
    }
    return n.asText();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  private static ObjectNode error(String forOp, String reason, int code, String message) {
    ObjectNode e = ConsoleJson.op("error");
    if (forOp != null && !forOp.isEmpty()) {
      e.put("for", abbreviate(forOp));
    }
    e.put("reason", reason);
    e.put("code", code);
    e.put("message", message == null ? "" : message);
    return e;
  }

  private void send(ObjectNode reply, JsonNode id) {
    if (id != null) {
      reply.set("id", id);
    }
    out.accept(reply.toString());
  }

  /** Forwards the user's live events; runs on the thread that caused each event. */
  private final class Events implements ImUserListener {
    @Override
    public void onMessage(ClientMessage message) {
      ObjectNode o = ConsoleJson.op("message");
      o.set("message", ConsoleJson.message(message));
      out.accept(o.toString());
    }

    @Override
    public void onRecalled(ClientMessage message) {
      ObjectNode o = ConsoleJson.op("recalled");
      o.set("message", ConsoleJson.message(message));
      out.accept(o.toString());
    }

    @Override
    public void onPeerRead(String peer, long readTime) {
      ObjectNode o = ConsoleJson.op("peerRead");
      o.put("conversationId", "C2C" + peer);
      o.put("peer", peer);
      o.put("readTime", readTime);
      out.accept(o.toString());
    }

    @Override
    public void onKickedOut() {
      // The kick already fired State.StateChange Logout; closing must not add a Disconnect.
      detach();
      out.accept(ConsoleJson.op("kicked").toString());
      closeConnection.run();
    }
  }
}
