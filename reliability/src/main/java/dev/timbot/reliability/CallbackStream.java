package dev.timbot.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the IM service's side of the callback URL: signed {@code Bot.OnC2CMessage} callbacks
 * (message {@code n} from user {@code u<n % users>}, text {@code m<n>}) at a fixed rate, and
 * remembers which ones the bot acknowledged (HTTP 200 with {@code ActionStatus OK}) — the service
 * does not redeliver those, so each is a promise to answer.
 */
public final class CallbackStream {
  private static final int MAX_CONCURRENT = 256;

  private final URI url;
  private final long sdkAppId;
  private final String token;
  private final String bot;
  private final int users;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Semaphore window = new Semaphore(MAX_CONCURRENT);
  /** Acknowledged messages by number, with the body, for redelivery. */
  final ConcurrentSkipListMap<Integer, byte[]> acknowledged = new ConcurrentSkipListMap<>();
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger sent = new AtomicInteger();
  /** When each message was first sent and acknowledged (nanoTime), to judge reply order. */
  final java.util.concurrent.ConcurrentHashMap<Integer, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
  final java.util.concurrent.ConcurrentHashMap<Integer, Long> ackedAt = new java.util.concurrent.ConcurrentHashMap<>();
  private int next;
  private final List<Long> ackLatencies = java.util.Collections.synchronizedList(new ArrayList<>());

  public CallbackStream(URI url, long sdkAppId, String token, String bot, int users) {
    this.url = url;
    this.sdkAppId = sdkAppId;
    this.token = token;
    this.bot = bot;
    this.users = users;
  }

  public static String user(int n, int users) {
    return "u" + (n % users);
  }

  /** Sends messages {@code from}, {@code from+1} … at {@code perSecond} for {@code duration}; returns the next number. */
  public int stream(int from, int perSecond, Duration duration) throws InterruptedException {
    long start = System.nanoTime();
    long count = duration.toMillis() * perSecond / 1000;
    int n = from;
    for (long i = 0; i < count; i++, n++) {
      long due = start + i * 1_000_000_000L / perSecond;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      post(n, body(n));
    }
    return n;
  }

  /** Sends the next messages (after those sent by earlier calls) at {@code perSecond} for {@code duration}. */
  public void next(int perSecond, Duration duration) throws InterruptedException {
    int from;
    synchronized (this) {
      from = next;
      next += (int) (duration.toMillis() * perSecond / 1000);
    }
    stream(from, perSecond, duration);
  }

  /** {@link #next} in a background thread (so a fault can be injected meanwhile). */
  public Thread inBackground(int perSecond, Duration duration) {
    Thread t = new Thread(() -> {
      try {
        next(perSecond, duration);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "callback-stream");
    t.start();
    return t;
  }

  /** Sends the last {@code k} acknowledged callbacks again (as a service would after a lost answer). */
  public int redeliverLast(int k) throws InterruptedException {
    List<Map.Entry<Integer, byte[]>> last = new ArrayList<>(acknowledged.descendingMap().entrySet()).subList(0,
        Math.min(k, acknowledged.size()));
    for (Map.Entry<Integer, byte[]> e : last) {
      post(-1, e.getValue());
    }
    return last.size();
  }

  /** Waits for answers to every callback sent so far. */
  public void drain() throws InterruptedException {
    window.acquire(MAX_CONCURRENT);
    window.release(MAX_CONCURRENT);
  }

  /** Acknowledgement latencies in ms, sorted. */
  public long[] ackLatenciesMs() {
    synchronized (ackLatencies) {
      return ackLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }
  }

  private void post(int n, byte[] body) throws InterruptedException {
    window.acquire();
    long now = System.currentTimeMillis() / 1000;
    URI signed = URI.create(url + "?SdkAppid=" + sdkAppId + "&CallbackCommand=Bot.OnC2CMessage&contenttype=json"
        + "&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=" + now + "&Sign=" + sign(token, now));
    long t0 = System.nanoTime();
    sent.incrementAndGet();
    if (n >= 0) {
      sentAt.putIfAbsent(n, t0);
    }
    CompletableFuture<HttpResponse<String>> f = http.sendAsync(HttpRequest.newBuilder(signed)
        .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    f.whenComplete((r, e) -> {
      window.release();
      if (e == null && r.statusCode() == 200 && r.body().contains("\"OK\"")) {
        ackLatencies.add((System.nanoTime() - t0) / 1_000_000);
        if (n >= 0) {
          acknowledged.put(n, body);
          ackedAt.putIfAbsent(n, System.nanoTime());
        }
      } else {
        refused.incrementAndGet();
      }
    });
  }

  byte[] body(int n) {
    long now = System.currentTimeMillis() / 1000;
    String from = user(n, users);
    String json = "{\"CallbackCommand\":\"Bot.OnC2CMessage\",\"From_Account\":\"" + from + "\",\"To_Account\":\"" + bot
        + "\",\"MsgSeq\":" + (n + 1) + ",\"MsgRandom\":" + (7_000_000 + n) + ",\"MsgTime\":" + now
        + ",\"MsgKey\":\"" + (n + 1) + "_" + (7_000_000 + n) + "_" + now + "\",\"MsgId\":\"144115-" + now + "-" + n
        + "\",\"OnlineOnlyFlag\":0,\"SendMsgResult\":0,\"ErrorInfo\":\"send msg succeed\",\"UnreadMsgNum\":1,"
        + "\"MsgBody\":[{\"MsgType\":\"TIMTextElem\",\"MsgContent\":{\"Text\":\"m" + n + "\"}}],"
        + "\"CloudCustomData\":\"\",\"EventTime\":" + now * 1000 + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** The service's {@code Sign}: hex SHA-256 of token + RequestTime. */
  static String sign(String token, long requestTime) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest((token + requestTime).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
