package dev.timbot.internal.http;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Jetty handler of an {@link HttpHost}: find the route, read the body within its limit
 * (asynchronously, so a slow client holds no thread), run the route, write its answer. A route
 * that throws or answers nothing gets a 500, never a dead connection.
 */
final class RouteDispatch extends Handler.Abstract {
  // The host's logger: its lines are about the host, and one log setting should cover them.
  private static final Logger log = LoggerFactory.getLogger(HttpHost.class);

  private final RouteTable routes;
  private final InFlightRequests inFlight;

  RouteDispatch(RouteTable routes, InFlightRequests inFlight) {
    this.routes = routes;
    this.inFlight = inFlight;
  }

  @Override
  public boolean handle(Request request, Response response, Callback jettyCallback) {
    Callback callback = inFlight.track(jettyCallback);
    String path = Request.getPathInContext(request);
    HttpRoute route = path == null ? null : routes.match(path);
    if (route == null) {
      write(response, callback, HttpResponse.text(404, "not found"));
      return true;
    }
    Map<String, String> query;
    try {
      query = QueryString.of(request);
    } catch (RuntimeException e) {
      write(response, callback, HttpResponse.text(400, "malformed query string"));
      return true;
    }
    Map<String, String> headers = new RequestHeaders(request.getHeaders());
    String remote = Request.getRemoteAddr(request);
    String method = request.getMethod();
    int limit = Math.max(0, route.maxBodyBytes());
    long declared = request.getLength();
    if (declared > limit) {
      // Refuse before reading a byte; Jetty closes the connection as the body is left unread.
      write(response, callback, tooLarge(route, new HttpRequest(method, path, query, headers, null, remote)));
      return true;
    }
    new BoundedBodyReader(
            request,
            limit,
            declared,
            new BoundedBodyReader.Outcome() {
              @Override
              public void body(byte[] body) {
                HttpRequest full = new HttpRequest(method, path, query, headers, body, remote);
                invoke(route, full).whenComplete((answer, failure) -> {
                  if (failure != null) {
                    log.error("route failed on {} {}", method, path, failure);
                  }
                  write(response, callback, failure == null ? answer : null);
                });
              }

              @Override
              public void tooLarge() {
                write(response, callback,
                    RouteDispatch.tooLarge(route, new HttpRequest(method, path, query, headers, null, remote)));
              }

              @Override
              public void failed(Throwable failure) {
                // The client went away or timed out mid-body; nobody is left to answer.
                log.debug("request body of {} {} not read: {}", method, path, failure.toString());
                callback.failed(failure);
              }
            })
        .run();
    return true;
  }

  /** The route's answer, maybe later: failed when the route threw, null when it gave none (both answered 500). */
  private static CompletionStage<HttpResponse> invoke(HttpRoute route, HttpRequest request) {
    try {
      CompletionStage<HttpResponse> answer = route.handleAsync(request);
      return answer != null ? answer : CompletableFuture.completedFuture(null);
    } catch (Exception | LinkageError | AssertionError e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static HttpResponse tooLarge(HttpRoute route, HttpRequest head) {
    try {
      return route.bodyTooLarge(head);
    } catch (RuntimeException e) {
      log.error("route failed answering an oversized body on {}", head.path(), e);
      return HttpResponse.text(413, "request body too large");
    }
  }

  private static void write(Response response, Callback callback, HttpResponse answer) {
    // No answer (a route that failed, threw or gave none): a bare 500, the one place it is made.
    HttpResponse r = answer != null ? answer : HttpResponse.text(500, "internal server error");
    try {
      response.setStatus(r.status());
      HttpFields.Mutable h = response.getHeaders();
      if (r.contentType() != null) {
        h.put(HttpHeader.CONTENT_TYPE, r.contentType());
      }
      r.headers().forEach(h::put);
      h.put(HttpHeader.CONTENT_LENGTH, r.body().length);
      response.write(true, ByteBuffer.wrap(r.body()), callback);
    } catch (RuntimeException e) {
      callback.failed(e);
    }
  }
}
