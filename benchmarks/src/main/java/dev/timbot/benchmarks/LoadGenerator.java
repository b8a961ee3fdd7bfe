package dev.timbot.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Plays the IM service: POSTs {@code Bot.OnC2CMessage} callbacks from {@code users} senders to a
 * bot's callback URL, either open-loop at a fixed rate (send times are fixed in advance, and
 * latency counts from the planned time, so a late sender cannot hide queueing) or closed-loop
 * with a window of messages awaiting their reply (saturation).
 */
public final class LoadGenerator implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  /** A step is over when nothing arrived for this long (or everything did). */
  static final Duration QUIET = Duration.ofSeconds(2);
  private final OkHttpClient http;
  private final long sdkAppId;
  private final int users;
  private final ReplyObserver observer;
  private final AtomicLong uniq = new AtomicLong(System.currentTimeMillis() % 1_000_000L * 1_000_000L);

  public LoadGenerator(long sdkAppId, int users, ReplyObserver observer) {
    this.sdkAppId = sdkAppId;
    this.users = users;
    this.observer = observer;
    Dispatcher d = new Dispatcher();
    d.setMaxRequests(1024);
    d.setMaxRequestsPerHost(1024);
    this.http = new OkHttpClient.Builder().dispatcher(d).connectionPool(new ConnectionPool(256, 1, TimeUnit.MINUTES))
        .readTimeout(Duration.ofSeconds(10)).build();
  }

  public static String user(int i) {
    return String.format("load_u%03d", i);
  }

  /** Offers {@code rate} messages/s for {@code length}, then waits up to {@code drain} for replies. */
  public StepResult fixedRate(String sutName, String url, String bot, int stepId, int rate, Duration length,
      Duration drain) throws InterruptedException {
    int n = (int) Math.max(1, rate * length.toMillis() / 1000);
    ReplyObserver.Step step = observer.begin(stepId, n, null);
    Outcomes out = new Outcomes();
    long t0 = System.nanoTime() + 5_000_000L;
    double period = 1e9 / rate;
    for (int i = 0; i < n; i++) {
      long planned = t0 + (long) (i * period);
      for (long wait; (wait = planned - System.nanoTime()) > 0; ) {
        LockSupport.parkNanos(wait);
      }
      step.sentAt.set(i, planned);
      post(url, bot, stepId, i, out, null);
    }
    awaitDrain(step, out, n, drain);
    long span = Math.max(1, step.lastArrival - t0);
    return result(sutName, rate, step, out, n, step.received() * 1e9 / span);
  }

  /** Keeps {@code window} messages awaiting replies for {@code length}; throughput = replies / length. */
  public StepResult saturate(String sutName, String url, String bot, int stepId, int window, int maxMessages,
      Duration length, Duration drain) throws InterruptedException {
    Semaphore permits = new Semaphore(window);
    ReplyObserver.Step step = observer.begin(stepId, maxMessages, permits);
    Outcomes out = new Outcomes();
    long t0 = System.nanoTime();
    long end = t0 + length.toNanos();
    int i = 0;
    while (System.nanoTime() < end && i < maxMessages) {
      if (!permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
        continue;
      }
      step.sentAt.set(i, System.nanoTime());
      post(url, bot, stepId, i, out, permits);
      i++;
    }
    int inWindow = step.received();
    double seconds = (System.nanoTime() - t0) / 1e9;
    awaitDrain(step, out, i, drain);
    return result(sutName, 0, step, out, i, inWindow / seconds);
  }

  /**
   * Waits until every message is answered or refused, or no reply came for {@link #QUIET}, or
   * {@code drain} passed. Waiting for an overloaded bot to work off its queue matters: left
   * running, it would steal the CPU from the next step (the bots share the machine).
   */
  private static void awaitDrain(ReplyObserver.Step step, Outcomes out, int sent, Duration drain)
      throws InterruptedException {
    long now = System.nanoTime();
    long deadline = now + drain.toNanos();
    long lastProgressAt = now;
    int last = -1;
    while (true) {
      int done = step.received() + out.refused.get() + out.failed.get();
      now = System.nanoTime();
      if (done >= sent || now > deadline || now - lastProgressAt > QUIET.toNanos()) {
        return;
      }
      if (done != last) {
        last = done;
        lastProgressAt = now;
      }
      Thread.sleep(10);
    }
  }

  private static StepResult result(String sut, int offered, ReplyObserver.Step step, Outcomes out, int sent,
      double achieved) {
    long[] l = step.sorted();
    int lost = Math.max(0, sent - step.received() - out.refused.get() - out.failed.get());
    return new StepResult(sut, offered, sent, step.received(), out.refused.get(), out.failed.get(), lost,
        step.duplicates.get(), achieved, pct(l, 0.50), pct(l, 0.90), pct(l, 0.99),
        l.length == 0 ? Double.NaN : l[l.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, rank)] / 1e6;
  }

  private void post(String url, String bot, int stepId, int index, Outcomes out, Semaphore permits) {
    long id = uniq.incrementAndGet();
    long now = System.currentTimeMillis() / 1000;
    String from = user(index % users);
    String body = "{\"CallbackCommand\":\"Bot.OnC2CMessage\",\"From_Account\":\"" + from + "\",\"To_Account\":\"" + bot
        + "\",\"MsgSeq\":" + id + ",\"MsgRandom\":7,\"MsgTime\":" + now + ",\"MsgKey\":\"" + id + "_7_" + now
        + "\",\"MsgId\":\"144115-" + now + "-" + id + "\",\"OnlineOnlyFlag\":0,\"SendMsgResult\":0,"
        + "\"ErrorInfo\":\"send msg succeed\",\"UnreadMsgNum\":1,\"MsgBody\":[{\"MsgType\":\"TIMTextElem\","
        + "\"MsgContent\":{\"Text\":\"" + ReplyObserver.MARK + stepId + ":" + index + "\"}}],\"EventTime\":"
        + System.currentTimeMillis() + "}";
    Request req = new Request.Builder()
        .url(url + "?SdkAppid=" + sdkAppId + "&CallbackCommand=Bot.OnC2CMessage&contenttype=json"
            + "&ClientIP=127.0.0.1&OptPlatform=RESTAPI")
        .post(RequestBody.create(body, JSON)).build();
    http.newCall(req).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        out.failed.incrementAndGet();
        if (permits != null) {
          permits.release();
        }
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          if (response.code() != 200) {
            out.refused.incrementAndGet();
            if (permits != null) {
              permits.release();
            }
          }
        }
      }
    });
  }

  /** How the callbacks themselves went (replies are counted by the observer). */
  private static final class Outcomes {
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
