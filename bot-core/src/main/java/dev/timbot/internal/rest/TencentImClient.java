package dev.timbot.internal.rest;

import dev.timbot.tencent.TencentIm;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import dev.timbot.spi.Store;
import dev.timbot.internal.sig.AdminSigCache;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * {@link ImClient} over Tencent Cloud IM's REST API (or the local emulator, which speaks the same
 * protocol). Every call is signed with the admin's UserSig (generated, cached and renewed here),
 * rate limited per API, retried with backoff when that is safe, and mapped to the documented
 * answer types ({@link RestImClient}); failures are {@link ImException}s with the service's {@code
 * ErrorCode}. This class is the client's configuration, assembly and lifecycle.
 *
 * <pre>{@code
 * TencentImClient im = TencentImClient.builder()
 *     .sdkAppId(1400000000L).secretKey(key).admin("administrator")
 *     .baseUrl("singapore")           // or "http://127.0.0.1:9000" for the emulator
 *     .build();
 * im.sendMessage(SendMessage.text("bot", "alice", "hi")).join();
 * }</pre>
 *
 * <p>Listener events: {@code onCallEnd} once per call; {@code onRetry} before each repeated
 * attempt; {@code onRateLimitWait} when the client-side limiter (200 calls/s per API by default,
 * 100/s for the account import/delete/check APIs) makes a call wait; {@code onNetStateChange} on
 * changes only — CONNECTED when the service answers (the first answer included), CONNECTING while
 * a call is retried after a transport failure, DISCONNECTED when a call gave up on one.
 *
 * <p>Close it to release its HTTP threads (unless it was given a shared {@link OkHttpClient},
 * which stays the caller's to close).
 */
public final class TencentImClient extends RestImClient implements TencentIm.Client {
  /** The service answers within 3 s; reading must wait longer than that. */
  private static final Duration MIN_READ_TIMEOUT = Duration.ofSeconds(3);

  private final long sdkAppId;
  private final String admin;
  private final HttpUrl baseUrl;
  private final RestHttpClient http;
  private final RestPipeline pipeline;

  private TencentImClient(
      Builder b, HttpUrl baseUrl, Random random, RestHttpClient http, RestPipeline pipeline) {
    super(pipeline, random, b.clock);
    this.sdkAppId = b.sdkAppId;
    this.admin = b.admin;
    this.baseUrl = baseUrl;
    this.http = http;
    this.pipeline = pipeline;
  }

  /** Puts the client together from its settings (a static step: the pipeline precedes super()). */
  private static TencentImClient assemble(Builder b) {
    HttpUrl baseUrl = BaseUrls.resolve(b.baseUrl);
    BotClock clock = b.clock;
    Random random = b.random != null ? b.random : new Random();
    ImClientListener listener = new SafeListener(b.listener);
    AdminSigCache sigs = new AdminSigCache(b.sdkAppId, b.secretKey, b.admin, b.userSigLifetime, clock);
    ApiRateLimits ratePerApi = new ApiRateLimits(b.defaultRate, b.rates);
    RestHttpClient http =
        new RestHttpClient(
            b.okHttpClient, b.readTimeout, WireGate.of(clock, b.sharedRate, ratePerApi, listener));
    NetStateTracker netState = new NetStateTracker(listener);
    RestPipeline pipeline =
        new RestPipeline(
            closed ->
                List.of(
                    new CallEventsInterceptor(clock, listener),
                    new SigRetryInterceptor(sigs, listener),
                    new RetryInterceptor(
                        new RetryPolicy(b.maxAttempts, b.retryBase, b.retryMax),
                        clock,
                        random,
                        listener,
                        netState,
                        closed),
                    new RateLimitInterceptor(clock, listener, b.sharedRate, ratePerApi),
                    new OkHttpTransport(
                        http.client(), baseUrl, b.sdkAppId, b.admin, sigs, random, b.secretKey)));
    return new TencentImClient(b, baseUrl, random, http, pipeline);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The resolved REST base URL, e.g. {@code https://console.tim.qq.com}. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  public long sdkAppId() {
    return sdkAppId;
  }

  /** The administrator account that signs every call ({@code identifier}). */
  public String admin() {
    return admin;
  }

  /**
   * Stops accepting calls (they fail with {@link ImErrorCodes#SDK_NOT_LOGGED_IN}); pending
   * retries give up. Releases the HTTP threads and connections if this client created them.
   */
  @Override
  public void close() {
    pipeline.close();
    http.close();
  }

  @Override
  public String toString() {
    // Never the secret key or a sig.
    return "TencentImClient{sdkAppId=" + sdkAppId + ", admin=" + admin + ", baseUrl=" + baseUrl + "}";
  }

  /** Configuration of a {@link TencentImClient}. {@code sdkAppId}, {@code secretKey} and {@code admin} are required. */
  public static final class Builder {
    private long sdkAppId;
    private String secretKey;
    private String admin;
    private String baseUrl = BaseUrls.DEFAULT;
    private BotClock clock = BotClock.system();
    private OkHttpClient okHttpClient;
    private ImClientListener listener = ImClientListener.NONE;
    private Supplier<Optional<Store.SharedRateLimit>> sharedRate = Optional::empty;
    private int defaultRate = 200;
    private final Map<String, Integer> rates = new HashMap<>();
    private int maxAttempts = RetryPolicy.defaults().maxAttempts();
    private Duration retryBase = RetryPolicy.defaults().baseDelay();
    private Duration retryMax = RetryPolicy.defaults().maxDelay();
    private Duration userSigLifetime = Duration.ofDays(1);
    private Duration readTimeout = Duration.ofSeconds(10);
    private Random random;

    private Builder() {}

    public Builder sdkAppId(long sdkAppId) {
      this.sdkAppId = sdkAppId;
      return this;
    }

    /** The app's secret key (console). Used only to sign UserSigs; never logged. */
    public Builder secretKey(String secretKey) {
      this.secretKey = secretKey;
      return this;
    }

    /** An App administrator account ({@code identifier}). */
    public Builder admin(String admin) {
      this.admin = admin;
      return this;
    }

    /**
     * {@code https://console.tim.qq.com} by default. A region name or code ({@code singapore} /
     * {@code sgp}, {@code seoul} / {@code kr}, {@code tokyo} / {@code jpn}, {@code frankfurt} /
     * {@code ger}, {@code mumbai} / {@code ind}, {@code siliconvalley} / {@code usa}, {@code
     * jakarta} / {@code idn}, {@code china} / {@code cn}) picks that data centre; any {@code
     * http(s)://host:port} URL is used as is (the local emulator).
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** Time for UserSigs, backoff, rate limits and latencies; a {@code VirtualClock} in tests. */
    public Builder clock(BotClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * A shared OkHttp client (its pool and threads are reused; timeouts are set on a derived
     * client). When absent the client creates, and on {@link #close()} releases, its own.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = okHttpClient;
      return this;
    }

    /**
     * The app-wide rate limit shared with other processes, asked on every call; when it gives
     * none, the per-process limits of {@link #rateLimit(int)} apply.
     */
    public Builder sharedRateLimit(Supplier<Optional<Store.SharedRateLimit>> sharedRate) {
      this.sharedRate = Objects.requireNonNull(sharedRate, "sharedRate");
      return this;
    }

    public Builder listener(ImClientListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Calls per second allowed for every API (default 200, the service's limit). The APIs the
     * service limits to 100/s ({@code multiaccount_import}, {@code account_delete}, {@code
     * account_check}) never go above 100 unless set one by one.
     */
    public Builder rateLimit(int callsPerSecond) {
      this.defaultRate = positive(callsPerSecond);
      return this;
    }

    /** Calls per second for one API, named {@code service/command} (e.g. {@code openim/sendmsg}). */
    public Builder rateLimit(String api, int callsPerSecond) {
      rates.put(Objects.requireNonNull(api, "api"), positive(callsPerSecond));
      return this;
    }

    /** Attempts per call, first included (default 4); 1 disables retries. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Backoff between attempts: doubling from {@code base}, capped at {@code max}, jittered. */
    public Builder retryBackoff(Duration base, Duration max) {
      this.retryBase = Objects.requireNonNull(base, "base");
      this.retryMax = Objects.requireNonNull(max, "max");
      return this;
    }

    /** Validity of the admin UserSig (default 1 day); it is renewed after half of it. */
    public Builder userSigLifetime(Duration lifetime) {
      this.userSigLifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    /**
     * How long one HTTP call may take (default 10 s): connecting, waiting for the rate limit, writing
     * the request and reading the answer; must exceed the service's own 3 s timeout.
     */
    public Builder readTimeout(Duration readTimeout) {
      if (readTimeout.compareTo(MIN_READ_TIMEOUT) <= 0) {
        throw new IllegalArgumentException("readTimeout must be longer than the service's 3 s");
      }
      this.readTimeout = readTimeout;
      return this;
    }

    /** Source of MsgSeq/MsgRandom/Random, URL randoms and jitter; seed it for repeatable tests. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public TencentImClient build() {
      if (sdkAppId <= 0) {
        throw new IllegalArgumentException("sdkAppId is required");
      }
      if (secretKey == null || secretKey.isEmpty()) {
        throw new IllegalArgumentException("secretKey is required");
      }
      if (admin == null || admin.isEmpty()) {
        throw new IllegalArgumentException("admin is required");
      }
      new RetryPolicy(maxAttempts, retryBase, retryMax); // validates
      return assemble(this);
    }

    private static int positive(int rate) {
      if (rate <= 0) {
        throw new IllegalArgumentException("a rate limit must be positive: " + rate);
      }
      return rate;
    }
  }
}
