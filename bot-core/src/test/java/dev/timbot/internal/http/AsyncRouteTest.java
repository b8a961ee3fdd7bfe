package dev.timbot.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A route whose answer comes later ({@link HttpRoute#handleAsync}) holds no server thread while it
 * waits, stays in flight until its answer is written, and survives a client that went away.
 */
class AsyncRouteTest {
  final OkHttpClient http = client();
  final HttpHost host = HttpHost.builder().host("127.0.0.1").port(0).maxThreads(8).build();
  final List<CompletableFuture<HttpResponse>> pending = new CopyOnWriteArrayList<>();

  static OkHttpClient client() {
    Dispatcher d = new Dispatcher();
    d.setMaxRequestsPerHost(64);
    return new OkHttpClient.Builder().dispatcher(d).callTimeout(20, TimeUnit.SECONDS).build();
  }

  /** Answers each request with a future the test completes. */
  final HttpRoute later = new HttpRoute() {
    @Override
    public HttpResponse handle(HttpRequest request) {
      throw new AssertionError("the host must call handleAsync");
    }

    @Override
    public CompletableFuture<HttpResponse> handleAsync(HttpRequest request) {
      CompletableFuture<HttpResponse> answer = new CompletableFuture<>();
      pending.add(answer);
      return answer;
    }
  };

  @AfterEach
  void stop() {
    pending.forEach(f -> f.complete(HttpResponse.text(200, "late")));
    host.close();
  }

  String get(String path) throws Exception {
    try (Response r = http.newCall(new Request.Builder().url(host.baseUri() + path).build()).execute()) {
      return r.code() + " " + r.body().string();
    }
  }

  @Test
  void waitingAnswersHoldNoServerThread() throws Exception {
    host.route("/later", later).route("/now", req -> HttpResponse.text(200, "now")).start();
    // More waiting requests than the pool has threads: with a thread parked per request, neither
    // they nor the request after them would be taken.
    List<CompletableFuture<String>> answers = new CopyOnWriteArrayList<>();
    ExecutorService callers = Executors.newFixedThreadPool(20);
    for (int i = 0; i < 20; i++) {
      answers.add(CompletableFuture.supplyAsync(() -> {
        try {
          return get("/later");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, callers));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> pending.size() == 20);
    assertThat(host.inFlight()).isEqualTo(20);
    assertThat(get("/now")).isEqualTo("200 now");
    assertThat(answers).noneMatch(CompletableFuture::isDone);

    for (int i = 0; i < pending.size(); i++) {
      int n = i;
      // Completed from a thread of the test's own, as a store's commit thread does.
      new Thread(() -> pending.get(n).complete(HttpResponse.text(200, "answer " + n))).start();
    }
    for (CompletableFuture<String> a : answers) {
      assertThat(a.get(10, TimeUnit.SECONDS)).startsWith("200 answer ");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> host.inFlight() == 0);
    callers.shutdown();
  }

  @Test
  void aFailedAnswerIsABare500() throws Exception {
    host.route("/later", later).start();
    CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
      try {
        return get("/later");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> pending.size() == 1);
    pending.get(0).completeExceptionally(new IllegalStateException("secret detail"));
    String r = answer.get(10, TimeUnit.SECONDS);
    assertThat(r).startsWith("500").doesNotContain("secret detail");
  }

  @Test
  void aClientGoneBeforeTheAnswerLeavesNothingInFlight() throws Exception {
    host.route("/later", later).route("/now", req -> HttpResponse.text(200, "now")).start();
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket("127.0.0.1", host.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /later HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      await().atMost(Duration.ofSeconds(10)).until(() -> pending.size() == 1);
    } // the client goes away before its answer
    assertThat(host.inFlight()).isEqualTo(1);
    pending.get(0).complete(HttpResponse.text(200, "too late"));
    await().atMost(Duration.ofSeconds(10)).until(() -> host.inFlight() == 0);
    assertThat(get("/now")).isEqualTo("200 now");
  }

  @Test
  void closeWaitsForAnAnswerStillToCome() throws Exception {
    host.route("/later", later).start();
    try (Socket s = new Socket("127.0.0.1", host.port())) {
      s.getOutputStream().write("GET /later HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      await().atMost(Duration.ofSeconds(10)).until(() -> pending.size() == 1);
      Thread answering = new Thread(() -> {
        await().atMost(Duration.ofSeconds(10)).until(() -> !host.isRunning());
        pending.get(0).complete(HttpResponse.text(200, "answered while stopping"));
      });
      CompletableFuture<Void> closed = CompletableFuture.runAsync(host::close);
      answering.start();
      closed.get(10, TimeUnit.SECONDS);
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 200").endsWith("answered while stopping");
    }
  }
}
