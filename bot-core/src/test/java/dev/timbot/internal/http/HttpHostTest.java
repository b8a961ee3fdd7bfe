package dev.timbot.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpHostTest {
  final OkHttpClient http = new OkHttpClient.Builder().callTimeout(10, TimeUnit.SECONDS).build();
  final HttpHost host = HttpHost.builder().host("127.0.0.1").port(0).build();

  @AfterEach
  void stop() {
    host.close();
  }

  String get(String pathAndQuery) throws IOException {
    try (Response r = http.newCall(new Request.Builder().url(host.baseUri() + pathAndQuery).build()).execute()) {
      return r.code() + " " + r.body().string();
    }
  }

  @Test
  void routesByLongestPrefixOnAFreePort() throws Exception {
    host.route("/", req -> HttpResponse.text(200, "root " + req.path()))
        .route("/media", req -> HttpResponse.text(200, "media " + req.path()))
        .route("/media/thumbs/", req -> HttpResponse.text(200, "thumbs " + req.path()))
        .start();
    assertThat(host.port()).isPositive();
    assertThat(get("/media/a.png")).isEqualTo("200 media /media/a.png");
    assertThat(get("/media")).isEqualTo("200 media /media");
    assertThat(get("/media/thumbs/b.png")).isEqualTo("200 thumbs /media/thumbs/b.png");
    assertThat(get("/mediax")).isEqualTo("200 root /mediax");
    assertThat(host.removeRoute("/media")).isTrue();
    assertThat(get("/media/a.png")).isEqualTo("200 root /media/a.png");
  }

  @Test
  void unknownPathIs404AndRoutesCanBeAddedWhileRunning() throws Exception {
    host.start();
    assertThat(get("/nothing")).startsWith("404");
    host.route("/late", req -> HttpResponse.text(200, "late"));
    assertThat(get("/late")).isEqualTo("200 late");
  }

  @Test
  void routeSeesMethodQueryHeadersAndBody() throws Exception {
    AtomicReference<HttpRequest> seen = new AtomicReference<>();
    host.route("/echo", req -> {
      seen.set(req);
      return new HttpResponse(201, "application/octet-stream", req.body(), Map.of("X-Seen", "yes"));
    }).start();
    byte[] payload = "hello \u4f60\u597d".getBytes(StandardCharsets.UTF_8);
    Request request =
        new Request.Builder()
            .url(host.baseUri() + "/echo/x?a=1&b=%E4%BD%A0&a=2")
            .header("X-Custom", "v")
            .post(RequestBody.create(payload, MediaType.get("text/plain")))
            .build();
    try (Response r = http.newCall(request).execute()) {
      assertThat(r.code()).isEqualTo(201);
      assertThat(r.header("X-Seen")).isEqualTo("yes");
      assertThat(r.header("Server")).isNull();
      assertThat(r.body().bytes()).isEqualTo(payload);
    }
    HttpRequest req = seen.get();
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.path()).isEqualTo("/echo/x");
    assertThat(req.query()).containsEntry("a", "1").containsEntry("b", "\u4f60");
    assertThat(req.header("x-custom")).isEqualTo("v");
    assertThat(req.remoteAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void failingRouteIsABare500WithoutStackTrace() throws Exception {
    host.route("/boom", req -> {
      throw new IllegalStateException("secret internals");
    }).start();
    String answer = get("/boom");
    assertThat(answer).startsWith("500").doesNotContain("secret internals").doesNotContain("Exception");
    // The server survives.
    host.route("/ok", req -> HttpResponse.text(200, "ok"));
    assertThat(get("/ok")).isEqualTo("200 ok");
  }

  @Test
  void perRouteBodyLimit() throws Exception {
    host.route("/small", new HttpRoute() {
      @Override
      public HttpResponse handle(HttpRequest request) {
        return HttpResponse.text(200, "got " + request.body().length);
      }

      @Override
      public int maxBodyBytes() {
        return 16;
      }
    }).start();
    Request ok = new Request.Builder().url(host.baseUri() + "/small")
        .post(RequestBody.create(new byte[16], MediaType.get("application/octet-stream"))).build();
    try (Response r = http.newCall(ok).execute()) {
      assertThat(r.body().string()).isEqualTo("got 16");
    }
    Request big = new Request.Builder().url(host.baseUri() + "/small")
        .post(RequestBody.create(new byte[17], MediaType.get("application/octet-stream"))).build();
    try (Response r = http.newCall(big).execute()) {
      assertThat(r.code()).isEqualTo(413);
    }
  }

  @Test
  void portInUseFailsClearly() {
    host.start();
    HttpHost second = HttpHost.builder().host("127.0.0.1").port(host.port()).build();
    assertThatThrownBy(second::start).isInstanceOf(UncheckedIOException.class);
    second.close();
  }

  @Test
  void closeLetsARequestInFlightFinish() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    host.route("/slow", req -> {
      entered.countDown();
      release.await(5, TimeUnit.SECONDS);
      return HttpResponse.text(200, "done");
    }).start();
    java.util.concurrent.CompletableFuture<String> answer =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return get("/slow");
          } catch (IOException e) {
            return "failed " + e;
          }
        });
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    Thread closer = new Thread(host::close);
    closer.start();
    Thread.sleep(100);
    release.countDown();
    assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("200 done");
    closer.join(5_000);
    assertThat(host.isRunning()).isFalse();
  }

  @Test
  void closeIsIdempotentAndFinal() {
    host.start();
    assertThat(host.isRunning()).isTrue();
    host.close();
    host.close();
    assertThat(host.isRunning()).isFalse();
    assertThatThrownBy(host::start).isInstanceOf(IllegalStateException.class);
  }
}
