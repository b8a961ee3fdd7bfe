package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console over real HTTP and WebSocket connections: assets, the socket's limits and origin
 * check, uploads, and the {@code State.StateChange} callbacks a console login and close fire.
 */
class ConsoleServerTest {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  CallbackCapture callbacks;
  LocalIm im;

  @BeforeEach
  void start() throws Exception {
    callbacks = new CallbackCapture();
    im = LocalIm.builder().callbackUrl(callbacks.url()).start();
  }

  @AfterEach
  void stop() throws Exception {
    im.stop();
    callbacks.close();
  }

  /** A WebSocket client that queues every text message it receives. */
  static final class Ws implements WebSocket.Listener {
    final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    static Ws open(LocalIm im, String origin) {
      Ws ws = new Ws();
      WebSocket.Builder b = HTTP.newWebSocketBuilder();
      if (origin != null) {
        b.header("Origin", origin);
      }
      ws.socket = b.buildAsync(URI.create(im.baseUrl().replace("http", "ws") + "/console/ws"), ws).join();
      return ws;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(Rest.JSON.readTree(partial.toString()));
        } catch (java.io.IOException e) {
          throw new AssertionError("server sent invalid JSON: " + partial, e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }

    JsonNode request(String json) throws InterruptedException {
      socket.sendText(json.replace('\'', '"'), true).join();
      return next();
    }

    JsonNode next() throws InterruptedException {
      JsonNode f = frames.poll(5, TimeUnit.SECONDS);
      assertThat(f).as("a frame within 5 s").isNotNull();
      return f;
    }

    /** Skips frames until one of {@code op}. */
    JsonNode next(String op) throws InterruptedException {
      while (true) {
        JsonNode f = next();
        if (op.equals(f.path("op").asText())) {
          return f;
        }
      }
    }
  }

  @Test
  void servesThePageAndItsAssetsWithoutExternalReferences() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    assertThat(page.body()).contains("data-testid=\"login-user\"").contains("/console/app.js");
    for (String asset : new String[] {"/", "/console/app.js", "/console/app.css"}) {
      String body = get(asset).body();
      // Nothing from the internet: no absolute URLs to other hosts, no @import, no web fonts.
      assertThat(body).doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("@import")
          .doesNotContain("@font-face").doesNotContain("cdn");
    }
    assertThat(get("/console/app.js").headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    JsonNode info = Rest.JSON.readTree(get("/console/info.json").body());
    assertThat(info.path("sdkAppId").asLong()).isEqualTo(im.sdkAppId());
    assertThat(info.path("admin").asText()).isEqualTo(im.admin());
    assertThat(get("/console/nope.js").statusCode()).isEqualTo(404);
    HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(im.baseUrl() + "/"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void socketProtocolLimitsAndStateChangeCallbacks() throws Exception {
    Ws ws = Ws.open(im, im.baseUrl());
    assertThat(ws.request("{'op':'ping','id':1}").path("op").asText()).isEqualTo("pong");
    assertThat(ws.request("garbage").path("reason").asText()).isEqualTo("bad_json");

    JsonNode login = ws.request("{'op':'login','user':'alice'}");
    assertThat(login.path("userSig").asText()).isNotEmpty();
    CallbackCapture.Received in = callbacks.await("State.StateChange");
    assertThat(in.body().at("/Info/Action").asText()).isEqualTo("Login");
    assertThat(in.body().at("/Info/To_Account").asText()).isEqualTo("alice");
    assertThat(in.body().at("/Info/Reason").asText()).isEqualTo("Register");

    // A request over the protocol limit is answered; the socket stays usable.
    String big = "{'op':'ping','pad':'" + "x".repeat(100_000) + "'}";
    assertThat(ws.request(big).path("reason").asText()).isEqualTo("too_big");
    assertThat(ws.request("{'op':'ping'}").path("op").asText()).isEqualTo("pong");

    // Logout fires Logout/Unregister.
    assertThat(ws.request("{'op':'logout'}").path("op").asText()).isEqualTo("logout");
    CallbackCapture.Received out = callbacks.await("State.StateChange", 2);
    assertThat(out.body().at("/Info/Action").asText()).isEqualTo("Logout");
    assertThat(out.body().at("/Info/Reason").asText()).isEqualTo("Unregister");

    // A frame over Jetty's cap closes that socket (1009), and only that socket.
    ws.request("{'op':'login','user':'alice'}");
    ws.socket.sendText("x".repeat(2 * 1024 * 1024), true);
    assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isIn(1009, -1);
    CallbackCapture.Received dropped = callbacks.await("State.StateChange", 4);
    assertThat(dropped.body().at("/Info/Action").asText()).isEqualTo("Disconnect");
    assertThat(dropped.body().at("/Info/Reason").asText()).isEqualTo("LinkClose");

    Ws again = Ws.open(im, null);
    assertThat(again.request("{'op':'ping'}").path("op").asText()).isEqualTo("pong");
    again.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  @Test
  void crossOriginSocketsAreRefused() {
    assertThatThrownBy(() -> Ws.open(im, "http://evil.example"))
        .isInstanceOf(CompletionException.class);
    Ws sameHost = Ws.open(im, im.baseUrl());
    sameHost.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  @Test
  void uploadNeedsAValidSigAndAnswersWorkingElements() throws Exception {
    String sig = im.users().login("alice").userSig();

    assertThat(upload(null, null, "a.txt", "text/plain", "hi".getBytes()).statusCode()).isEqualTo(401);
    assertThat(upload("alice", "bogus", "a.txt", "text/plain", "hi".getBytes()).statusCode()).isEqualTo(401);
    assertThat(upload("alice", im.userSig("bob"), "a.txt", "text/plain", "hi".getBytes()).statusCode())
        .isEqualTo(401);
    assertThat(upload("alice", sig, "a.txt", "text/plain", new byte[0]).statusCode()).isEqualTo(400);

    HttpResponse<String> file = upload("alice", sig, "../报告 1.txt", "text/plain", "hello".getBytes());
    assertThat(file.statusCode()).isEqualTo(200);
    JsonNode f = Rest.JSON.readTree(file.body()).path("elem");
    assertThat(f.path("MsgType").asText()).isEqualTo("TIMFileElem");
    assertThat(f.at("/MsgContent/FileName").asText()).isEqualTo("报告 1.txt");
    assertThat(f.at("/MsgContent/FileSize").asLong()).isEqualTo(5);
    HttpResponse<String> download = HTTP.send(HttpRequest.newBuilder(URI.create(f.at("/MsgContent/Url").asText()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(download.body()).isEqualTo("hello");

    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB), "png", png);
    HttpResponse<String> image = upload("alice", sig, "pic.png", "image/png", png.toByteArray());
    JsonNode i = Rest.JSON.readTree(image.body()).path("elem");
    assertThat(i.path("MsgType").asText()).isEqualTo("TIMImageElem");
    JsonNode infos = i.at("/MsgContent/ImageInfoArray");
    assertThat(infos).hasSize(3);
    for (JsonNode info : infos) {
      HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(info.path("URL").asText())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("image/");
    }

    HttpResponse<String> crossSite = HTTP.send(HttpRequest.newBuilder(URI.create(im.baseUrl() + "/console/upload"))
        .header("X-Tim-User", "alice").header("X-Tim-UserSig", sig).header("Origin", "http://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(crossSite.statusCode()).isEqualTo(403);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(im.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> upload(String user, String sig, String name, String type, byte[] data)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(im.baseUrl() + "/console/upload"))
        .header("Content-Type", type)
        .header("X-File-Name", URLEncoder.encode(name, StandardCharsets.UTF_8))
        .POST(HttpRequest.BodyPublishers.ofByteArray(data));
    if (user != null) {
      b.header("X-Tim-User", user).header("X-Tim-UserSig", sig);
    }
    // A client of its own per upload: a refused upload (401, 400) is answered before its body is
    // read, and the server then closes that connection; a shared client could pick it for the next
    // request just as it closes ("header parser received no bytes", seen once under load).
    HttpClient once = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return once.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
