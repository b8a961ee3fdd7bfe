package dev.timbot.emulator.internal.console;


import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.ImUsers;
import dev.timbot.emulator.ImError;
import dev.timbot.message.MessageElem;
import dev.timbot.emulator.internal.wire.ElemCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /console/upload}: the file's raw bytes as the body, its name URL-encoded in {@code
 * X-File-Name}, the logged-in user and UserSig in {@code X-Tim-User} / {@code X-Tim-UserSig}
 * (checked exactly like a client login). Answers {@code {"elem": <TIMImageElem or TIMFileElem>}}
 * with URLs served by this emulator; the page then sends that element over the WebSocket.
 */
final class ConsoleUploadHandler extends Handler.Abstract {
  static final String PATH = "/console/upload";
  /** Same bound as the emulator's media store. */
  static final int MAX_BYTES = 32 * 1024 * 1024;

  private final ImUsers users;
  private final SameOrigin sameOrigin;

  ConsoleUploadHandler(ImUsers users, SameOrigin sameOrigin) {
    this.users = users;
    this.sameOrigin = sameOrigin;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    if (!PATH.equals(Request.getPathInContext(request))) {
      return false;
    }
    if (!HttpMethod.POST.is(request.getMethod())) {
      return answer(response, callback, 405, error("POST the file's bytes"));
    }
    if (!sameOrigin.allows(request)) {
      return answer(response, callback, 403, error("cross-origin upload refused"));
    }
    String user = request.getHeaders().get("X-Tim-User");
    String sig = request.getHeaders().get("X-Tim-UserSig");
    if (user == null || sig == null) {
      return answer(response, callback, 401, error("X-Tim-User and X-Tim-UserSig are required"));
    }
    try {
      users.verify(user, sig);
    } catch (ImError e) {
      return answer(response, callback, 401, error("UserSig refused: " + e.errorCode() + " " + e.errorInfo()));
    }
    long declared = request.getLength();
    if (declared > MAX_BYTES) {
      return answer(response, callback, 413, error("file larger than 32 MB"));
    }
    byte[] data;
    try (InputStream in = Content.Source.asInputStream(request)) {
      data = in.readNBytes(MAX_BYTES + 1);
    }
    if (data.length == 0) {
      return answer(response, callback, 400, error("empty file"));
    }
    if (data.length > MAX_BYTES) {
      return answer(response, callback, 413, error("file larger than 32 MB"));
    }
    String name = fileName(request.getHeaders().get("X-File-Name"));
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    MessageElem elem = users.upload(data, name, type);
    ObjectNode out = ConsoleJson.mapper().createObjectNode();
    out.set("elem", ElemCodec.write(List.of(elem)).get(0));
    return answer(response, callback, 200, out);
  }

  private static String fileName(String header) {
    if (header == null || header.isBlank()) {
      return "file";
    }
    String name;
    try {
      name = URLDecoder.decode(header, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      name = header;
    }
    // A name, not a path: keep what follows the last separator.
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
    return name.isEmpty() ? "file" : name.length() > 200 ? name.substring(0, 200) : name;
  }

  private static ObjectNode error(String message) {
    return ConsoleJson.mapper().createObjectNode().put("error", message);
  }

  private static boolean answer(Response response, Callback callback, int status, ObjectNode body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    Content.Sink.write(response, true, body.toString(), callback);
    return true;
  }
}
