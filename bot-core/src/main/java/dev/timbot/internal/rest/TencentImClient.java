package dev.timbot.internal.rest;

import dev.timbot.tencent.TencentIm;
import dev.timbot.tencent.UserSig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImMessages.BatchSendResult;
import dev.timbot.spi.ImAdmin.BlacklistEntry;
import dev.timbot.spi.ImAdmin.GroupHistoryPage;
import dev.timbot.spi.ImAdmin.GroupInfo;
import dev.timbot.spi.ImMessages.GroupMessage;
import dev.timbot.spi.ImMessages.GroupSendResult;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImAdmin.ItemResult;
import dev.timbot.spi.ImAdmin.JoinedGroup;
import dev.timbot.spi.ImAdmin.OnlineStatusResult;
import dev.timbot.spi.ImAdmin.RoamPage;
import dev.timbot.spi.ImAdmin.RoamQuery;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.spi.ImMessages.SendResult;
import dev.timbot.spi.ImAdmin.UserProfile;
import dev.timbot.spi.Store;
import dev.timbot.internal.json.WireJson;
import dev.timbot.internal.sig.AdminSigCache;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * {@link ImClient} over Tencent Cloud IM's REST API (or the local emulator, which speaks the same
 * protocol). Every call is signed with the admin's UserSig (generated, cached and renewed here),
 * rate limited per API, retried with backoff when that is safe, and mapped to the documented
 * answer types; failures are {@link ImException}s with the service's {@code ErrorCode}.
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
public final class TencentImClient implements TencentIm.Client {
  /** The service answers within 3 s; reading must wait longer than that. */
  private static final Duration MIN_READ_TIMEOUT = Duration.ofSeconds(3);
  /** The documented lower limits; every other API allows 200 calls/s. */
  private static final Set<String> SLOW_APIS =
      Set.of(
          "im_open_login_svc/multiaccount_import",
          "im_open_login_svc/account_delete",
          "im_open_login_svc/account_check");

  private final long sdkAppId;
  private final String admin;
  private final HttpUrl baseUrl;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final NetStateTracker netState;
  private final List<RestInterceptor> interceptors;
  private final AccountCalls accounts;
  private final MessageCalls messages;
  private final GroupCalls groups;
  private final RelationCalls relations;
  private volatile boolean closed;

  private TencentImClient(Builder b) {
    this.sdkAppId = b.sdkAppId;
    this.admin = b.admin;
    this.baseUrl = BaseUrls.resolve(b.baseUrl);
    BotClock clock = b.clock;
    Random random = b.random != null ? b.random : new Random();
    ImClientListener listener = new SafeListener(b.listener);
    AdminSigCache sigs = new AdminSigCache(sdkAppId, b.secretKey, admin, b.userSigLifetime, clock);
    Map<String, Integer> rates = Map.copyOf(b.rates);
    int defaultRate = b.defaultRate;
    ToIntFunction<String> ratePerApi =
        api -> rates.getOrDefault(api, SLOW_APIS.contains(api) ? Math.min(100, defaultRate) : defaultRate);
    this.ownsHttp = b.okHttpClient == null;
    this.http = httpClient(b.okHttpClient, b.readTimeout, WireGate.of(clock, b.sharedRate, ratePerApi, listener));
    this.netState = new NetStateTracker(listener);
    this.interceptors =
        List.of(
            new CallEventsInterceptor(clock, listener),
            new SigRetryInterceptor(sigs, listener),
            new RetryInterceptor(
                new RetryPolicy(b.maxAttempts, b.retryBase, b.retryMax),
                clock,
                random,
                listener,
                netState,
                () -> closed),
            new RateLimitInterceptor(clock, listener, b.sharedRate, ratePerApi),
            new OkHttpTransport(http, baseUrl, sdkAppId, admin, sigs, random, b.secretKey));
    RestCaller rest = this::execute;
    this.accounts = new AccountCalls(rest);
    this.messages = new MessageCalls(rest, random, clock);
    this.groups = new GroupCalls(rest, messages);
    this.relations = new RelationCalls(rest);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Calls in flight at most (OkHttp's dispatcher), and idle connections kept. */
  static final int MAX_CALLS = 128;

  private static OkHttpClient httpClient(OkHttpClient shared, Duration readTimeout, WireGate gate) {
    OkHttpClient.Builder b;
    if (shared != null) {
      // newBuilder() shares the caller's connection pool and threads; only timeouts differ.
      b = shared.newBuilder();
    } else {
      Dispatcher dispatcher = new Dispatcher();
      // OkHttp allows 5 concurrent calls per host by default; the service allows 200 calls/s.
      dispatcher.setMaxRequests(MAX_CALLS);
      dispatcher.setMaxRequestsPerHost(MAX_CALLS);
      // As many idle connections as calls may run at once: with fewer, every burst above the idle
      // count opened connections only to close them after (213–1 272 per 10 s at saturation in
      // WrkBench, issue 15; against the service each one is a TLS handshake).
      b =
          new OkHttpClient.Builder()
              .dispatcher(dispatcher)
              .connectionPool(new ConnectionPool(MAX_CALLS, 5, TimeUnit.MINUTES));
    }
    // The rate limit is held where a request is written (after OkHttp's queue), see WireGate.
    return b.addNetworkInterceptor(gate)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(readTimeout)
        .writeTimeout(readTimeout)
        .callTimeout(readTimeout.plusSeconds(10))
        .build();
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

  private CompletableFuture<ObjectNode> execute(RestRequest request) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new ImException(ImErrorCodes.SDK_NOT_LOGGED_IN, "the IM client is closed"));
    }
    return new RealRestChain(interceptors, 0, request).proceed(request);
  }

  /**
   * Runs {@code call} and completes with its own failure (an {@link ImException}), not wrapped in
   * a {@code CompletionException}, so {@code exceptionally(e -> ...)} sees the service's code.
   */
  private static <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> out = new CompletableFuture<>();
    CompletableFuture<T> f;
    try {
      f = call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    f.whenComplete((v, e) -> Failures.complete(out, v, e));
    return out;
  }

  // --- accounts ------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> importAccount(String userId, String nick, String faceUrl) {
    return run(() -> accounts.importAccount(userId, nick, faceUrl));
  }

  @Override
  public CompletableFuture<List<String>> importAccounts(List<String> userIds) {
    return run(() -> accounts.importAccounts(userIds));
  }

  @Override
  public CompletableFuture<Map<String, Boolean>> checkAccounts(List<String> userIds) {
    return run(() -> accounts.checkAccounts(userIds));
  }

  @Override
  public CompletableFuture<Void> createRobot(String userId, String nick, String faceUrl) {
    return run(() -> accounts.createRobot(userId, nick, faceUrl));
  }

  @Override
  public CompletableFuture<List<String>> getAllRobots() {
    return run(accounts::getAllRobots);
  }

  @Override
  public CompletableFuture<OnlineStatusResult> queryOnlineStatus(List<String> userIds) {
    return run(() -> accounts.queryOnlineStatus(userIds));
  }

  // --- C2C messages --------------------------------------------------------------------------

  @Override
  public CompletableFuture<SendResult> sendMessage(SendMessage message) {
    return run(() -> messages.send(message));
  }

  @Override
  public CompletableFuture<BatchSendResult> batchSendMessage(List<String> to, SendMessage template) {
    return run(() -> messages.batchSend(to, template));
  }

  @Override
  public CompletableFuture<Void> withdrawMessage(String from, String to, String msgKey) {
    return run(() -> messages.withdraw(from, to, msgKey));
  }

  @Override
  public CompletableFuture<Void> setMessagesRead(String reporter, String peer, Instant readTime) {
    return run(() -> messages.setRead(reporter, peer, readTime));
  }

  @Override
  public CompletableFuture<RoamPage> getRoamMessages(RoamQuery query) {
    return run(() -> messages.roam(query));
  }

  // --- groups --------------------------------------------------------------------------------

  @Override
  public CompletableFuture<String> createGroup(
      String type, String name, String owner, List<String> members, String groupId) {
    return run(() -> groups.create(type, name, owner, members, groupId));
  }

  @Override
  public CompletableFuture<GroupSendResult> sendGroupMessage(GroupMessage message) {
    return run(() -> groups.send(message));
  }

  @Override
  public CompletableFuture<List<ItemResult>> recallGroupMessages(String groupId, List<Long> msgSeqs) {
    return run(() -> groups.recall(groupId, msgSeqs));
  }

  @Override
  public CompletableFuture<List<JoinedGroup>> getJoinedGroups(String account) {
    return run(() -> groups.joined(account));
  }

  @Override
  public CompletableFuture<GroupHistoryPage> getGroupHistory(String groupId, Long upToSeq, int count) {
    return run(() -> groups.history(groupId, upToSeq, count));
  }

  @Override
  public CompletableFuture<List<GroupInfo>> getGroupInfo(List<String> groupIds) {
    return run(() -> groups.info(groupIds));
  }

  @Override
  public CompletableFuture<List<ItemResult>> addGroupMembers(
      String groupId, List<String> accounts, boolean silent) {
    return run(() -> groups.addMembers(groupId, accounts, silent));
  }

  @Override
  public CompletableFuture<Void> deleteGroupMembers(
      String groupId, List<String> accounts, String reason, boolean silent) {
    return run(() -> groups.deleteMembers(groupId, accounts, reason, silent));
  }

  // --- relationships and profiles ------------------------------------------------------------

  @Override
  public CompletableFuture<List<ItemResult>> addFriends(String from, List<String> to, boolean bothWays) {
    return run(() -> relations.addFriends(from, to, bothWays));
  }

  @Override
  public CompletableFuture<List<ItemResult>> deleteFriends(
      String from, List<String> to, boolean bothWays) {
    return run(() -> relations.deleteFriends(from, to, bothWays));
  }

  @Override
  public CompletableFuture<List<String>> getFriends(String from) {
    return run(() -> relations.getFriends(from));
  }

  @Override
  public CompletableFuture<List<ItemResult>> addToBlacklist(String from, List<String> to) {
    return run(() -> relations.addToBlacklist(from, to));
  }

  @Override
  public CompletableFuture<List<ItemResult>> removeFromBlacklist(String from, List<String> to) {
    return run(() -> relations.removeFromBlacklist(from, to));
  }

  @Override
  public CompletableFuture<List<BlacklistEntry>> getBlacklist(String from) {
    return run(() -> relations.getBlacklist(from));
  }

  @Override
  public CompletableFuture<List<UserProfile>> getProfiles(List<String> accounts, List<String> tags) {
    return run(() -> relations.getProfiles(accounts, tags));
  }

  @Override
  public CompletableFuture<Void> setProfile(String account, Map<String, Object> tags) {
    return run(() -> relations.setProfile(account, tags));
  }

  // --- anything else -------------------------------------------------------------------------

  @Override
  public CompletableFuture<String> call(String service, String command, String bodyJson) {
    return run(
        () -> {
          JsonNode tree;
          try {
            tree = bodyJson == null ? WireJson.mapper().createObjectNode() : WireJson.mapper().readTree(bodyJson);
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a REST body must be JSON: " + e.getOriginalMessage(), e);
          }
          if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a REST body must be a JSON object, got " + tree.getNodeType());
          }
          return execute(RestRequest.of(service, command, object)).thenApply(JsonNode::toString);
        });
  }

  /**
   * Stops accepting calls (they fail with {@link ImErrorCodes#SDK_NOT_LOGGED_IN}); pending
   * retries give up. Releases the HTTP threads and connections if this client created them.
   */
  @Override
  public void close() {
    closed = true;
    if (ownsHttp) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
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

    /** HTTP read/write timeout (default 10 s); must exceed the service's own 3 s timeout. */
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
      return new TencentImClient(this);
    }

    private static int positive(int rate) {
      if (rate <= 0) {
        throw new IllegalArgumentException("a rate limit must be positive: " + rate);
      }
      return rate;
    }
  }
}
