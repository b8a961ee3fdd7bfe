package dev.timbot.emulator;

import dev.timbot.emulator.internal.Emulator;
import dev.timbot.emulator.internal.EmulatorConfig;
import dev.timbot.emulator.internal.EmulatorServer;
import dev.timbot.emulator.internal.api.ApiServices;
import dev.timbot.emulator.internal.console.ConsoleHandler;
import dev.timbot.emulator.internal.media.MediaHandler;
import dev.timbot.emulator.internal.rest.ApiRegistry;
import dev.timbot.emulator.internal.rest.RestHandler;
import dev.timbot.emulator.internal.wire.TlsSigV2;
import dev.timbot.spi.BotClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Tencent IM service: the documented REST API at {@code /v4/<service>/<command>}, the
 * third-party callbacks, media storage and (later) a browser chat console at {@code /}.
 *
 * <pre>{@code
 * try (LocalIm im = LocalIm.builder().callbackUrl("http://127.0.0.1:8080/tim/callback").start()) {
 *   // point a bot at im.baseUrl() with im.sdkAppId(), im.secretKey(), im.admin()
 * }
 * }</pre>
 */
public final class LocalIm implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalIm.class);
  /** 8 KB: the sendmsg / send_group_msg pages' bound (93000 / 80002). */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024;
  private final EmulatorConfig config;
  private final EmulatorServer server;
  private final Emulator emulator;
  private final ImUsers users;

  private LocalIm(EmulatorConfig config) {
    this.config = config;
    this.server = new EmulatorServer(config);
    // Created last: it owns threads, and nothing above may fail after they exist.
    this.emulator = new Emulator(config, this::baseUrl);
    ApiRegistry apis = new ApiRegistry();
    this.users = new ImUsers(emulator, ApiServices.register(emulator, apis));
    server.setHandler(new Handler.Sequence(
        new RestHandler(emulator, apis),
        new MediaHandler(emulator.media, emulator.mediaLinker),
        new ConsoleHandler(server.jetty(), users, config.clock(), config.sdkAppId(), config.admin(),
            config.host(), config.consoleHosts())));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts an emulator on a free port with a random secret and default settings. */
  public static LocalIm start() {
    return builder().start();
  }

  private LocalIm doStart() {
    try {
      server.start();
      // No secrets here: the key and sigs are for the caller to print if it wants to.
      log.info("Tencent IM emulator listening on {} (SDKAppID {}, admin {}){}", baseUrl(),
          config.sdkAppId(), config.admin(), httpsBaseUrl() == null ? "" : ", HTTPS on " + httpsBaseUrl());
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // Already failing; the start error is what matters.
      }
      emulator.close();
      throw new IllegalStateException("emulator failed to start on " + config.host() + ":" + config.port(), e);
    }
    return this;
  }

  /** {@code http://127.0.0.1:<port>}: the REST base URL (use it as the bot's {@code tim.baseUrl}). */
  public String baseUrl() {
    return server.baseUrl();
  }

  /** {@code https://127.0.0.1:<port>}, or null without an HTTPS listener. */
  public String httpsBaseUrl() {
    return server.httpsBaseUrl();
  }

  /** The self-signed certificate (PEM) of the HTTPS listener, or null without one. */
  public Path certificatePem() {
    return server.certificatePem();
  }

  /** Where the browser console is served. */
  public String consoleUrl() {
    return baseUrl() + "/";
  }

  public int port() {
    return server.port();
  }

  public long sdkAppId() {
    return config.sdkAppId();
  }

  /** The app's secret key. Hand it to the bot's configuration; never log it. */
  public String secretKey() {
    return config.secretKey();
  }

  /** The App administrator identifier REST calls must use. */
  public String admin() {
    return config.admin();
  }

  /** A fresh UserSig for {@code userId} (valid one day from the emulator's clock). */
  public String userSig(String userId) {
    return TlsSigV2.generate(config.sdkAppId(), config.secretKey(), userId,
        config.clock().now().getEpochSecond(), Duration.ofDays(1).toSeconds());
  }

  /** A fresh admin UserSig. */
  public String adminUserSig() {
    return userSig(config.admin());
  }

  /** The signed URL of a REST command, as a REST client would build it. */
  public String restUrl(String service, String command) {
    return baseUrl() + "/v4/" + service + "/" + command + "?sdkappid=" + config.sdkAppId()
        + "&identifier=" + config.admin() + "&usersig=" + adminUserSig()
        + "&random=" + ThreadLocalRandom.current().nextLong(0, 0x1_0000_0000L) + "&contenttype=json";
  }

  /** The client side: console logins, user sends, recalls, read reports and live events. */
  public ImUsers users() {
    return users;
  }

  public BotClock clock() {
    return config.clock();
  }

  /** Points callbacks at a new URL (null turns them off) and token, as the console setting does. */
  public void setCallback(String url, String token) {
    emulator.callbacks.configure(url, token);
  }

  /** Points callbacks at a new URL, signed with {@link #callbackToken()}. */
  public void setCallback(String url) {
    setCallback(url, config.callbackToken());
  }

  /**
   * The callback token the emulator signs with unless {@link #setCallback(String, String)} says
   * otherwise: the one given to the builder, else a random one, so an embedded bot can verify
   * every callback (give it this as {@code callback.token}).
   */
  public String callbackToken() {
    return config.callbackToken();
  }

  /** Enables exactly these callback commands (null = all). */
  public void setEnabledCallbacks(Set<String> commands) {
    emulator.callbacks.setEnabled(commands);
  }

  /**
   * Waits (real time) until every after-callback queued so far was delivered or failed — for
   * tests that assert on what the bot received. Returns false on timeout.
   */
  public boolean awaitCallbacks(Duration timeout) throws InterruptedException {
    return emulator.callbacks.awaitIdle(timeout);
  }

  /** After-callbacks queued and not yet sent. */
  public int pendingCallbacks() {
    return emulator.callbacks.pending();
  }

  /** Forgets every account (except the admin), message, group, relation, profile and upload. */
  public void reset() {
    emulator.reset();
  }

  /** Stops the listeners and the callback threads. */
  public void stop() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("emulator failed to stop cleanly", e);
    } finally {
      emulator.close();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Options for {@link LocalIm}; every one has a working default. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private int httpsPort = -1;
    private long sdkAppId = 1400000000L;
    private String secretKey;
    private String admin = "administrator";
    private String callbackUrl;
    private String callbackToken;
    private Set<String> enabledCallbacks;
    private int defaultRateLimit = 200;
    private final Map<String, Integer> rateLimits = new HashMap<>(EmulatorConfig.DOCUMENTED_RATE_LIMITS);
    private int groupMessagesPerSecond = 40;
    private boolean groupRateLimitAsError;
    private boolean requireFriendship;
    private boolean beforeCallbackFailureRejects;
    private Duration clientRecallLimit = Duration.ofMinutes(2);
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private final Set<String> consoleHosts = new LinkedHashSet<>();
    private Path certificateDir;
    private BotClock clock = BotClock.system();

    private Builder() {}

    /** Interface to listen on (default 127.0.0.1; "0.0.0.0" for all). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** HTTP port; 0 (default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Also listen for HTTPS on this port (0 = free port) with a self-signed certificate. */
    public Builder httpsPort(int port) {
      this.httpsPort = port;
      return this;
    }

    public Builder sdkAppId(long sdkAppId) {
      this.sdkAppId = sdkAppId;
      return this;
    }

    /** The app secret; default: 64 random hex characters. */
    public Builder secretKey(String secretKey) {
      this.secretKey = secretKey;
      return this;
    }

    /** The App administrator (default {@code administrator}). */
    public Builder admin(String admin) {
      this.admin = Objects.requireNonNull(admin);
      return this;
    }

    public Builder callbackUrl(String url) {
      this.callbackUrl = url;
      return this;
    }

    /**
     * The callback token: every callback carries {@code Sign = sha256(token + RequestTime)}.
     * Default: a random token (see {@link LocalIm#callbackToken()}).
     */
    public Builder callbackToken(String token) {
      this.callbackToken = token;
      return this;
    }

    /** Enables only these callback commands (default: all). */
    public Builder enableCallbacks(String... commands) {
      this.enabledCallbacks = new LinkedHashSet<>(List.of(commands));
      return this;
    }

    /** Frequency limit for every API without its own (default 200/s). */
    public Builder defaultRateLimit(int perSecond) {
      this.defaultRateLimit = perSecond;
      return this;
    }

    /** Frequency limit of one API, named {@code service/command} or just {@code command}. */
    public Builder rateLimit(String api, int perSecond) {
      this.rateLimits.put(api, perSecond);
      return this;
    }

    /** Per-group message limit (default 40/s). */
    public Builder groupMessagesPerSecond(int perSecond) {
      this.groupMessagesPerSecond = perSecond;
      return this;
    }

    /** Answer over-limit group sends with error 10023 instead of {@code MsgDropReason: MsgFreqCtrl}. */
    public Builder groupRateLimitAsError(boolean asError) {
      this.groupRateLimitAsError = asError;
      return this;
    }

    /** Client sends between non-friends fail with 20009 (off by default, as in the service). */
    public Builder requireFriendship(boolean require) {
      this.requireFriendship = require;
      return this;
    }

    /**
     * When a before-send callback fails (down, timeout, non-200, not JSON), reject the send with
     * 80003 instead of delivering it (the console's non-default policy).
     */
    public Builder beforeCallbackFailureRejects(boolean rejects) {
      this.beforeCallbackFailureRejects = rejects;
      return this;
    }

    /** How long a user may recall their own message (default 2 minutes). */
    public Builder clientRecallLimit(Duration limit) {
      this.clientRecallLimit = Objects.requireNonNull(limit);
      return this;
    }

    /**
     * The largest message ({@code MsgBody} JSON + {@code CloudCustomData}, UTF-8 bytes). Default
     * 8 KB, what the send pages and the error-code page say (93000 "消息包体请不要超过8k"); the
     * limits page says 12 KB.
     */
    public Builder maxMessageBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxMessageBytes must be positive");
      }
      this.maxMessageBytes = bytes;
      return this;
    }

    /**
     * Another host name the browser console may be reached by (a LAN name or address when
     * listening on 0.0.0.0). Requests with any other {@code Host} or {@code Origin} are refused,
     * so a DNS-rebinding page cannot drive the console.
     */
    public Builder consoleHost(String host) {
      this.consoleHosts.add(host.toLowerCase(java.util.Locale.ROOT));
      return this;
    }

    /** Where the HTTPS certificate PEM is written (default: a new temporary directory). */
    public Builder certificateDir(Path dir) {
      this.certificateDir = dir;
      return this;
    }

    /** The clock for message times, dedupe windows, rate limits and sig expiry. */
    public Builder clock(BotClock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public LocalIm start() {
      String key = secretKey != null ? secretKey : EmulatorConfig.randomSecretKey();
      String token = callbackToken != null ? callbackToken : EmulatorConfig.randomSecretKey().substring(0, 32);
      EmulatorConfig config = new EmulatorConfig(host, port, httpsPort, sdkAppId, key, admin,
          callbackUrl, token, enabledCallbacks, defaultRateLimit, Map.copyOf(rateLimits),
          groupMessagesPerSecond, groupRateLimitAsError, requireFriendship, beforeCallbackFailureRejects,
          clientRecallLimit, maxMessageBytes, Set.copyOf(consoleHosts),
          certificateDir, clock);
      return new LocalIm(config).doStart();
    }
  }
}
