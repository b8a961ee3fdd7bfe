package dev.timbot.emulator.internal.rest;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /}: where the browser console will live. Until then it answers a short page, so the
 * printed console URL already shows the emulator is up.
 */
public final class IndexHandler extends Handler.Abstract {
  private final String page;

  public IndexHandler(long sdkAppId, String admin) {
    this.page = "<!doctype html><meta charset=utf-8><title>timbot emulator</title>"
        + "<h1>timbot Tencent IM emulator</h1><p>SDKAppID " + sdkAppId + ", admin "
        + admin.replace("<", "&lt;") + ". REST at <code>/v4/&lt;service&gt;/&lt;command&gt;</code>."
        + " The chat console is not built yet.</p>";
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (!path.equals("/") && !path.equals("/index.html")) {
      return false;
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
    Content.Sink.write(response, true, page, callback);
    return true;
  }
}
