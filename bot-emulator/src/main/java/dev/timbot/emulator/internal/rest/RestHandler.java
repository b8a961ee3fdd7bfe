package dev.timbot.emulator.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.ImError;
import dev.timbot.emulator.internal.wire.Wire;
import dev.timbot.emulator.internal.wire.TlsSigV2;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v4/<service>/<command>?sdkappid=…&identifier=…&usersig=…&random=…&contenttype=json}:
 * checks the URL parameters and the admin's UserSig as the service does, applies the per-API
 * frequency limit, parses the JSON body and runs the command. Always HTTP 200; every failure is
 * the documented {@code {"ActionStatus":"FAIL","ErrorInfo":…,"ErrorCode":…}} envelope.
 */
public final class RestHandler extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(RestHandler.class);
  /** Far above the 12 KB message bound; anything larger is not a real request. */
  private static final int MAX_BODY = 1024 * 1024;

  private final Emulator em;
  private final ApiRegistry apis;

  public RestHandler(Emulator em, ApiRegistry apis) {
    this.em = em;
    this.apis = apis;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (!path.startsWith("/v4/")) {
      return false;
    }
    String[] parts = path.substring(4).split("/");
    String service = parts.length > 0 ? parts[0] : "";
    String command = parts.length > 1 ? parts[1] : "";
    ObjectNode out;
    try {
      out = envelope(service, call(request, parts, service, command));
    } catch (ImError e) {
      out = failure(service, e.errorCode(), e.errorInfo());
    } catch (RuntimeException e) {
      // The path is the caller's: clipped and stripped of control characters before logging.
      log.warn("internal error in {}/{}", clip(service), clip(command), e);
      out = failure(service, 70500, "internal server error");
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    Content.Sink.write(response, true, out.toString(), callback);
    return true;
  }

  private ObjectNode call(Request request, String[] parts, String service, String command) {
    if (!HttpMethod.POST.is(request.getMethod())) {
      throw new ImError(60002, "HTTP method must be POST");
    }
    if (parts.length != 2 || service.isEmpty() || command.isEmpty()) {
      throw new ImError(60002, "URL must be /v4/<service>/<command>");
    }
    Fields q = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    String identifier = authenticate(q);
    String random = q.getValue("random");
    if (random != null && !random.matches("\\d{1,10}")) {
      throw new ImError(60002, "random must be a 32-bit unsigned integer");
    }
    String contentType = q.getValue("contenttype");
    if (!"json".equals(contentType)) {
      throw new ImError(60002, "contenttype must be json");
    }
    Optional<RestApi> api = apis.find(service, command);
    if (api.isEmpty()) {
      throw new ImError(60009, "unknown API " + service + "/" + command);
    }
    String name = service + "/" + command;
    if (!em.limiter.tryAcquire("api:" + name, em.config.rateLimitOf(name))) {
      throw new ImError(60007, "REST API call frequency exceeds the limit");
    }
    Body body = new Body(readBody(request));
    String clientIp = Request.getRemoteAddr(request);
    return api.get().call(new RestCall(service, command, identifier, clientIp, body));
  }

  /** The admin identifier, after checking sdkappid, identifier and usersig (§2.2). */
  private String authenticate(Fields q) {
    String appId = q.getValue("sdkappid");
    if (appId == null || appId.isEmpty()) {
      throw new ImError(60012, "sdkappid is missing");
    }
    if (!appId.equals(Long.toString(em.config.sdkAppId()))) {
      throw new ImError(70020, "SDKAppID not found");
    }
    String identifier = q.getValue("identifier");
    if (identifier == null || identifier.isEmpty()) {
      throw new ImError(60004, "identifier is missing");
    }
    String sig = q.getValue("usersig");
    // The error names the reason only; the sig itself is never echoed.
    TlsSigV2.verify(sig, em.config.sdkAppId(), identifier, em.config.secretKey(), em.nowSeconds());
    if (!identifier.equals(em.config.admin())) {
      throw new ImError(60010, "identifier is not an App administrator");
    }
    return identifier;
  }

  private static ObjectNode readBody(Request request) {
    byte[] bytes;
    try (InputStream in = Content.Source.asInputStream(request)) {
      bytes = in.readNBytes(MAX_BODY + 1);
    } catch (IOException e) {
      throw new ImError(60008, "could not read the request body");
    }
    if (bytes.length > MAX_BODY) {
      throw new ImError(93000, "request body too long");
    }
    if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      throw new ImError(90001, "request body is empty; send {} for APIs without parameters");
    }
    JsonNode node;
    try {
      node = Wire.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new ImError(60003, "request body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new ImError(60003, "request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  private static String clip(String s) {
    String printable = s.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 64 ? printable : printable.substring(0, 64) + "…";
  }

  private static boolean hasErrorDisplay(String service) {
    return "sns".equals(service) || "profile".equals(service);
  }

  private static ObjectNode envelope(String service, ObjectNode result) {
    ObjectNode out = Wire.mapper().createObjectNode();
    out.put("ActionStatus", "OK");
    out.put("ErrorInfo", "");
    out.put("ErrorCode", 0);
    if (hasErrorDisplay(service)) {
      out.put("ErrorDisplay", "");
    }
    if (result != null) {
      out.setAll(result);
    }
    return out;
  }

  static ObjectNode failure(String service, int code, String info) {
    ObjectNode out = Wire.mapper().createObjectNode();
    out.put("ActionStatus", "FAIL");
    out.put("ErrorInfo", info == null ? "" : info);
    out.put("ErrorCode", code);
    if (hasErrorDisplay(service)) {
      out.put("ErrorDisplay", "");
    }
    return out;
  }
}
