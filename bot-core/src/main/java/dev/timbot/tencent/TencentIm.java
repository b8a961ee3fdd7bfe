package dev.timbot.tencent;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImClient;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;

/**
 * The Tencent IM REST client, for tools and bots that build their own (a bot builds one from
 * {@code tim.*} by itself): signed with an admin UserSig renewed before expiry, rate-limited to
 * the documented quotas, retried with backoff on the transient codes, {@code MsgRandom}/{@code
 * MsgSeq} chosen once so retries are deduplicated, {@code usersig} never logged.
 *
 * <pre>
 * try (TencentIm.Client im = TencentIm.client().sdkAppId(1400000000).secretKey(key).build()) {
 *   im.importAccount("alice", "Alice", null).join();
 * }
 * </pre>
 */
public final class TencentIm {
  private TencentIm() {}

  public static ClientBuilder client() {
    return new ClientBuilder();
  }

  /** A REST client that holds connections and threads: close it when done. */
  public interface Client extends ImClient, AutoCloseable {
    @Override
    void close();
  }

  /** What a client is built from. */
  public static final class ClientBuilder {
    long sdkAppId;
    String secretKey;
    String admin = "administrator";
    String baseUrl = "https://console.tim.qq.com";
    BotClock clock = BotClock.system();
    int rateLimit;
    BiConsumer<String, Integer> onRetry = (api, code) -> {};

    ClientBuilder() {}

    public ClientBuilder sdkAppId(long sdkAppId) {
      this.sdkAppId = sdkAppId;
      return this;
    }

    public ClientBuilder secretKey(String secretKey) {
      this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
      return this;
    }

    /** The admin account calls are made as ({@code administrator} by default). */
    public ClientBuilder admin(String admin) {
      this.admin = Objects.requireNonNull(admin, "admin");
      return this;
    }

    /** A region name ({@code singapore}, {@code seoul}, …) or any base URL (an emulator's). */
    public ClientBuilder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    public ClientBuilder clock(BotClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Calls per second for every API, instead of the documented quotas (200/s, 100/s for three
     * APIs). For load tests against an emulator whose limit is raised too.
     */
    public ClientBuilder rateLimit(int callsPerSecond) {
      if (callsPerSecond <= 0) {
        throw new IllegalArgumentException("rateLimit must be positive");
      }
      this.rateLimit = callsPerSecond;
      return this;
    }

    /** Told of each retry: the API ({@code service/command}) and the code retried (0 = transport). */
    public ClientBuilder onRetry(BiConsumer<String, Integer> onRetry) {
      this.onRetry = Objects.requireNonNull(onRetry, "onRetry");
      return this;
    }

    public long sdkAppId() {
      return sdkAppId;
    }

    public String secretKey() {
      return secretKey;
    }

    public String admin() {
      return admin;
    }

    public String baseUrl() {
      return baseUrl;
    }

    public BotClock clock() {
      return clock;
    }

    /** 0 for the documented quotas. */
    public int rateLimit() {
      return rateLimit;
    }

    public BiConsumer<String, Integer> onRetry() {
      return onRetry;
    }

    public Client build() {
      if (sdkAppId <= 0 || secretKey == null) {
        throw new IllegalStateException("sdkAppId and secretKey are required");
      }
      return ServiceLoader.load(Factory.class, TencentIm.class.getClassLoader()).findFirst()
          .orElseThrow(() -> new IllegalStateException("no Tencent IM client on the classpath"))
          .build(this);
    }
  }

  /** Builds the client; timbot's own is found with {@link ServiceLoader}. Not for users. */
  public interface Factory {
    Client build(ClientBuilder settings);
  }
}
