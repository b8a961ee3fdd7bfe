package dev.timbot.emulator.internal.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The console's static files, read once from the classpath ({@code console/}), plus {@code
 * /console/info.json} describing this emulator for the login screen. Everything the page needs is
 * here: no CDN, no web fonts, nothing from the internet (the CSP header enforces it for scripts,
 * styles and fonts).
 */
final class ConsoleAssets extends Handler.Abstract {
  /** Scripts, styles and sockets only from here; images may be any URL a bot sends. */
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data: blob: http: https:; connect-src 'self' ws: wss:; font-src 'none'; "
      + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

  private record Asset(byte[] data, String contentType) {}

  private final Map<String, Asset> assets;

  ConsoleAssets(long sdkAppId, String admin) {
    Asset index = load("index.html", "text/html; charset=utf-8");
    String info = ConsoleJson.mapper().createObjectNode()
        .put("sdkAppId", sdkAppId).put("admin", admin).put("rest", "/v4/<service>/<command>").toString();
    this.assets = Map.of(
        "/", index,
        "/index.html", index,
        "/console/app.js", load("app.js", "text/javascript; charset=utf-8"),
        "/console/app.css", load("app.css", "text/css; charset=utf-8"),
        "/console/info.json", new Asset(info.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8"));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Asset a = assets.get(Request.getPathInContext(request));
    if (a == null) {
      return false;
    }
    boolean head = HttpMethod.HEAD.is(request.getMethod());
    if (!head && !HttpMethod.GET.is(request.getMethod())) {
      response.setStatus(405);
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      callback.succeeded();
      return true;
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, a.data().length);
    // The emulator is restarted often during development; never serve a stale page.
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Content-Security-Policy", CSP);
    if (head) {
      callback.succeeded();
    } else {
      response.write(true, ByteBuffer.wrap(a.data()), callback);
    }
    return true;
  }

  private static Asset load(String name, String contentType) {
    try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
      if (in == null) {
        throw new IllegalStateException("console asset missing from the classpath: console/" + name);
      }
      return new Asset(in.readAllBytes(), contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
