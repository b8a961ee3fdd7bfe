package dev.timbot.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits between the bot and the emulator's REST API on loopback and injects faults into {@code
 * sendmsg}: HTTP 500 without forwarding (an outage), or forwarding and then answering 500 (the
 * message lands, its answer is lost). Everything else passes through unchanged.
 */
public final class FaultProxy implements AutoCloseable {
  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String target;
  private volatile long outageUntil;
  private volatile long dropAnswersUntil;
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger dropped = new AtomicInteger();
  /** When (nanoTime) each {@code sendmsg} reached the emulator, and when the emulator accepted one. */
  final java.util.Queue<Long> sendAttempts = new java.util.concurrent.ConcurrentLinkedQueue<>();
  final java.util.Queue<Long> sendsAccepted = new java.util.concurrent.ConcurrentLinkedQueue<>();
  /** {@code sendmsg} calls the emulator refused for its rate limit (60007); the bot retries those. */
  final AtomicInteger limitRefusals = new AtomicInteger();

  public FaultProxy(String targetBaseUrl) throws IOException {
    this.target = targetBaseUrl.endsWith("/") ? targetBaseUrl.substring(0, targetBaseUrl.length() - 1) : targetBaseUrl;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    // A thread per request in flight: with a fixed few, requests queued in the proxy while the
    // threads waited for the emulator, and reached it (and the counts here) in bunches.
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fault-proxy");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every {@code sendmsg} fails with HTTP 500 for {@code d}, without reaching the emulator. */
  public void outage(Duration d) {
    outageUntil = System.nanoTime() + d.toNanos();
  }

  /** Every {@code sendmsg} reaches the emulator for {@code d}, but the bot gets HTTP 500 back. */
  public void dropAnswers(Duration d) {
    dropAnswersUntil = System.nanoTime() + d.toNanos();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      boolean send = path.endsWith("/sendmsg") || path.endsWith("/batchsendmsg");
      long now = System.nanoTime();
      if (send && now - outageUntil < 0) {
        failed.incrementAndGet();
        reply(ex, 500, "outage injected by the reliability suite");
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpResponse<byte[]> answer;
      try {
        answer = client.send(HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reply(ex, 502, "interrupted");
        return;
      }
      if (path.endsWith("/sendmsg")) {
        String answerText = new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8);
        sendAttempts.add(now);
        if (answerText.contains("\"ErrorCode\":0")) {
          sendsAccepted.add(now);
        } else if (answerText.contains("60007")) {
          limitRefusals.incrementAndGet();
        }
      }
      if (send && now - dropAnswersUntil < 0) {
        dropped.incrementAndGet();
        reply(ex, 500, "answer dropped by the reliability suite");
        return;
      }
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  private static void reply(HttpExchange ex, int status, String text) throws IOException {
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
