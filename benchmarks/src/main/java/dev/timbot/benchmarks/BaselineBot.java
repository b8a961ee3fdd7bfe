package dev.timbot.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.tencent.UserSig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Fields;

/**
 * The hand-written echo bot the framework is compared with: one Jetty handler that checks
 * {@code SdkAppid}, parses the body with Jackson, answers OK, and posts the echo to {@code
 * sendmsg} with OkHttp. No dedupe, lanes, handler chain, retries, rate limiting or metrics — the
 * least work an echo bot can do, so the ratio to it is the framework's whole overhead.
 *
 * <p>OkHttp gets the same limits as timbot's REST client (128 concurrent calls, 32 pooled
 * connections) so transport tuning is not what differs.
 */
public final class BaselineBot implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final byte[] OK = "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}"
      .getBytes(StandardCharsets.UTF_8);

  private final ObjectMapper mapper = new ObjectMapper();
  private final String sdkAppId;
  private final String account;
  private final String sendUrl;
  private final OkHttpClient http;
  private final Server server;
  private final ServerConnector connector;
  final AtomicLong sendFailures = new AtomicLong();

  public BaselineBot(long sdkAppId, String secretKey, String admin, String baseUrl, String account) {
    this.sdkAppId = Long.toString(sdkAppId);
    this.account = account;
    String sig = UserSig.generate(sdkAppId, secretKey, admin, Duration.ofDays(1), Instant.now());
    this.sendUrl = baseUrl + "/v4/openim/sendmsg?sdkappid=" + sdkAppId + "&identifier=" + admin + "&usersig=" + sig
        + "&contenttype=json&random=";
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(128);
    dispatcher.setMaxRequestsPerHost(128);
    this.http = new OkHttpClient.Builder().dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES)).build();
    this.server = new Server();
    this.connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
          Callback callback) throws Exception {
        Fields q = org.eclipse.jetty.server.Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        if (!BaselineBot.this.sdkAppId.equals(q.getValue("SdkAppid"))) {
          response.setStatus(403);
          callback.succeeded();
          return true;
        }
        JsonNode cb;
        try (InputStream in = org.eclipse.jetty.server.Request.asInputStream(request)) {
          cb = mapper.readTree(in);
        }
        onCallback(cb);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, java.nio.ByteBuffer.wrap(OK), callback);
        return true;
      }
    });
  }

  public BaselineBot start() throws Exception {
    server.start();
    return this;
  }

  public String callbackUrl() {
    return "http://127.0.0.1:" + connector.getLocalPort() + "/tim/callback";
  }

  private void onCallback(JsonNode cb) {
    String command = cb.path("CallbackCommand").asText();
    if (!command.equals("Bot.OnC2CMessage") && !command.equals("C2C.CallbackAfterSendMsg")) {
      return;
    }
    String from = cb.path("From_Account").asText();
    if (from.equals(account) || !account.equals(cb.path("To_Account").asText())) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode elem : cb.path("MsgBody")) {
      if ("TIMTextElem".equals(elem.path("MsgType").asText())) {
        text.append(elem.path("MsgContent").path("Text").asText());
      }
    }
    if (text.length() > 0) {
      send(from, "You said: " + text);
    }
  }

  private void send(String to, String text) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    ObjectNode body = mapper.createObjectNode();
    body.put("SyncOtherMachine", 2);
    body.put("From_Account", account);
    body.put("To_Account", to);
    body.put("MsgRandom", r.nextLong(0, 0x1_0000_0000L));
    body.putArray("MsgBody").addObject().put("MsgType", "TIMTextElem").putObject("MsgContent").put("Text", text);
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Request req = new Request.Builder().url(sendUrl + r.nextLong(0, 0x1_0000_0000L))
        .post(RequestBody.create(bytes, JSON)).build();
    http.newCall(req).enqueue(new okhttp3.Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        sendFailures.incrementAndGet();
      }

      @Override
      public void onResponse(Call call, Response response) throws IOException {
        try (response) {
          JsonNode answer = mapper.readTree(response.body().byteStream());
          if (answer.path("ErrorCode").asInt(-1) != 0) {
            sendFailures.incrementAndGet();
          }
        }
      }
    });
  }

  @Override
  public void close() throws Exception {
    server.stop();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
