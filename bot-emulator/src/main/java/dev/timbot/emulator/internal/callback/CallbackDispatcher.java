package dev.timbot.emulator.internal.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import dev.timbot.spi.BotClock;
import dev.timbot.emulator.internal.wire.CallbackSign;
import dev.timbot.emulator.internal.wire.Wire;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the app's callback URL the way the service does: POST, JSON body, {@code
 * ?SdkAppid=…&CallbackCommand=…&contenttype=json&ClientIP=…&OptPlatform=…} plus {@code
 * Sign}/{@code RequestTime} when a token is set, 2 s timeout, no retries.
 *
 * <p>Before-callbacks run on the caller's thread (the send waits for the verdict, as in the
 * service) and any failure — down, slow, non-200, not JSON — means "deliver normally".
 * After-callbacks run on a small pool, in order per lane (a conversation), behind a bounded
 * queue, so a dead target can neither stall sends nor grow memory without bound.
 */
public final class CallbackDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final int MAX_QUEUED = 10_000;

  private final long sdkAppId;
  private final BotClock clock;
  private final ObjectMapper mapper = Wire.mapper();
  private final OkHttpClient http;
  private final ExecutorService pool;
  private final SerialLanes lanes;
  private volatile String url;
  private volatile String token;
  /** The console's "don't deliver when the before-callback fails" policy (sender gets 80003). */
  private volatile boolean failClosed;
  /** Null = every callback enabled. */
  private volatile Set<String> enabled;

  public CallbackDispatcher(long sdkAppId, BotClock clock, String url, String token, Set<String> enabled) {
    this.sdkAppId = sdkAppId;
    this.clock = clock;
    this.url = url;
    this.token = token;
    this.enabled = enabled == null ? null : Set.copyOf(enabled);
    this.http =
        new OkHttpClient.Builder()
            .callTimeout(TIMEOUT)
            .connectTimeout(TIMEOUT)
            .readTimeout(TIMEOUT)
            .writeTimeout(TIMEOUT)
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .build();
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "emulator-callback-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    this.lanes = new SerialLanes(pool, MAX_QUEUED);
  }

  private final Set<String> unheardBots = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public void configure(String url, String token) {
    unheardBots.clear();
    this.url = url;
    this.token = token;
  }

  /**
   * A message just went to the robot {@code bot}: with no callback URL nobody hears it, which a
   * developer starting their first bot cannot see from either side — so say it loudly, once per
   * robot until a URL is configured.
   */
  public void warnIfNobodyListens(String bot) {
    String u = url;
    if ((u == null || u.isBlank()) && unheardBots.add(bot)) {
      log.warn("\n  !!! A message was sent to the bot {} but the emulator has no callback URL, so no bot hears it."
          + "\n  !!! Start the emulator with --callback-url http://127.0.0.1:8080/tim/callback --callback-token TOKEN"
          + "\n  !!! (the bot's callback.port/path/token), or call LocalIm.setCallback(url, token).", bot);
    }
  }

  /** Enables exactly these commands (null = all). */
  public void setEnabled(Set<String> commands) {
    this.enabled = commands == null ? null : new HashSet<>(commands);
  }

  public void setFailClosed(boolean failClosed) {
    this.failClosed = failClosed;
  }

  /** True when a URL is set and {@code command} is enabled. */
  public boolean isEnabled(String command) {
    Set<String> e = enabled;
    return url != null && !url.isBlank() && (e == null || e.contains(command));
  }

  /** Runs a before-send callback and interprets the answer (§7.5). */
  public BeforeAnswer before(String command, ObjectNode payload, String clientIp, String optPlatform,
      int rangeLow, int rangeHigh) {
    if (!isEnabled(command)) {
      return BeforeAnswer.allow();
    }
    JsonNode answer;
    try {
      answer = post(command, payload, clientIp, optPlatform);
    } catch (IOException | RuntimeException e) {
      // The service's default policy: a failed before-callback delivers the message normally.
      log.debug("{} failed ({})", command, e.toString());
      return failed();
    }
    if (answer == null || !answer.isObject()) {
      return failed();
    }
    int code = answer.path("ErrorCode").asInt(0);
    String info = answer.path("ErrorInfo").asText("");
    if (code == 0) {
      JsonNode body = answer.get("MsgBody");
      JsonNode ccd = answer.get("CloudCustomData");
      return new BeforeAnswer(
          BeforeAnswer.Verdict.ALLOW, 0, info,
          body != null && body.isArray() ? body : null,
          ccd != null && ccd.isTextual() ? ccd.asText() : null);
    }
    if (code == 1) {
      return new BeforeAnswer(BeforeAnswer.Verdict.REJECT, 1, info, null, null);
    }
    if (code == 2) {
      return new BeforeAnswer(BeforeAnswer.Verdict.DROP, 2, info, null, null);
    }
    if (code >= rangeLow && code <= rangeHigh) {
      return new BeforeAnswer(BeforeAnswer.Verdict.REJECT, code, info, null, null);
    }
    return BeforeAnswer.allow();
  }

  private BeforeAnswer failed() {
    return failClosed
        ? new BeforeAnswer(BeforeAnswer.Verdict.REJECT, 80003, "before-send callback failed or timed out", null, null)
        : BeforeAnswer.allow();
  }

  /** Queues an after-event callback on {@code lane}; never blocks. */
  public void after(String lane, String command, ObjectNode payload, String clientIp, String optPlatform) {
    if (!isEnabled(command)) {
      return;
    }
    // Serialize now: the payload must reflect the state at the event, not at delivery.
    byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
    lanes.submit(lane, () -> {
      try {
        post(command, body, clientIp, optPlatform);
      } catch (IOException | RuntimeException e) {
        log.debug("{} callback failed: {}", command, e.toString());
      }
    });
  }

  /** Waits (in real time) until every queued after-callback has been sent or has failed. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return lanes.awaitIdle(timeout.toMillis());
  }

  /** Callbacks queued and not yet sent (for tests and diagnostics). */
  public int pending() {
    return lanes.queued();
  }

  private JsonNode post(String command, ObjectNode payload, String clientIp, String optPlatform)
      throws IOException {
    return post(command, payload.toString().getBytes(StandardCharsets.UTF_8), clientIp, optPlatform);
  }

  private JsonNode post(String command, byte[] body, String clientIp, String optPlatform)
      throws IOException {
    String target = url;
    if (target == null) {
      return null;
    }
    HttpUrl base = HttpUrl.parse(target);
    if (base == null) {
      throw new IOException("callback URL is not a valid http(s) URL");
    }
    HttpUrl.Builder u =
        base.newBuilder()
            .addQueryParameter("SdkAppid", Long.toString(sdkAppId))
            .addQueryParameter("CallbackCommand", command)
            .addQueryParameter("contenttype", "json")
            .addQueryParameter("ClientIP", clientIp == null ? "127.0.0.1" : clientIp)
            .addQueryParameter("OptPlatform", optPlatform == null ? "RESTAPI" : optPlatform);
    String t = token;
    if (t != null && !t.isEmpty()) {
      long requestTime = clock.now().getEpochSecond();
      u.addQueryParameter("Sign", CallbackSign.sign(t, requestTime));
      u.addQueryParameter("RequestTime", Long.toString(requestTime));
    }
    Request req = new Request.Builder().url(u.build()).post(RequestBody.create(body, JSON)).build();
    try (Response resp = http.newCall(req).execute()) {
      if (resp.code() != 200) {
        throw new IOException("callback answered HTTP " + resp.code());
      }
      ResponseBody rb = resp.body();
      String text = rb == null ? "" : rb.string();
      try {
        return mapper.readTree(text);
      } catch (IOException e) {
        throw new IOException("callback answer is not JSON");
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
