package dev.timbot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bot's configuration: YAML with environment-variable overrides (DESIGN.md §4), plus free
 * sections for plugins, bound to their typed config records with {@link #section}.
 *
 * <pre>
 * tim:      { sdkAppId: 1400000000, secretKey: ..., admin: administrator, baseUrl: https://console.tim.qq.com }
 * bot:      { account: "@RBT#echo", nick: Echo, avatar: https://... }
 * callback: { host: 0.0.0.0, port: 8080, path: /tim/callback, token: ..., allowUnsigned: false }
 * dispatch: { threads: 8, queueCapacity: 256, maxPending: 100000, handlerTimeout: 30s, commandPrefixes: ["/"],
 *             dedupeTtl: 10m, sessionTtl: 30m, stopTimeout: 10s }
 * media:    { dir: ./media, publicBaseUrl: https://bot.example.com/media }
 * store:    { url: file:./data/timbot, maxBacklog: 100000, maxInFlight: 1000, retryHorizon: 10m }
 * faq:      { threshold: 0.8 }          # a plugin section
 * </pre>
 *
 * <p>Every built-in key can be overridden by an environment variable: the documented ones
 * ({@code TIM_SDKAPPID}, {@code TIM_SECRET_KEY}, {@code TIM_ADMIN}, {@code TIM_BASE_URL}, {@code
 * BOT_ACCOUNT}, {@code CALLBACK_HOST}, {@code CALLBACK_PORT}, {@code CALLBACK_PATH}, {@code
 * CALLBACK_TOKEN}, {@code CALLBACK_ALLOW_UNSIGNED}) and, for the rest, the key in upper snake case ({@code
 * dispatch.handlerTimeout} → {@code DISPATCH_HANDLER_TIMEOUT}).
 *
 * <p>Loading checks types (a bad value names its key); required keys are checked by {@link
 * Bot#start()}, because which ones are required depends on how the bot is built. Secrets never
 * appear in {@link #toString()}.
 */
public final class BotConfig {
  private final Tim tim;
  private final Account bot;
  private final Callback callback;
  private final Dispatch dispatch;
  private final Media media;
  private final Storage store;
  private final ConfigReader reader;

  private BotConfig(ConfigReader reader) {
    this.reader = reader;
    for (String section : List.of("tim", "bot", "callback", "dispatch", "media", "store")) {
      reader.requireMapping(section);
    }
    this.tim =
        new Tim(
            reader.longValue("tim.sdkAppId", 0),
            reader.string("tim.secretKey", null),
            reader.string("tim.admin", "administrator"),
            reader.string("tim.baseUrl", "https://console.tim.qq.com"),
            reader.intValue("tim.rateLimit", 0, 0, 1_000_000));
    this.bot =
        new Account(
            reader.string("bot.account", null),
            reader.string("bot.nick", null),
            reader.string("bot.avatar", null));
    this.callback =
        new Callback(
            reader.string("callback.host", "0.0.0.0"),
            reader.intValue("callback.port", 8080, 0, 65535),
            reader.string("callback.path", "/tim/callback"),
            reader.string("callback.token", null),
            reader.bool("callback.allowUnsigned", false));
    this.dispatch =
        new Dispatch(
            reader.intValue(
                "dispatch.threads", Math.max(4, 2 * Runtime.getRuntime().availableProcessors()),
                1, 1024),
            reader.intValue("dispatch.queueCapacity", 256, 1, 1_000_000),
            reader.intValue("dispatch.maxPending", 100_000, 1, 100_000_000),
            reader.duration("dispatch.handlerTimeout", Duration.ofSeconds(30)),
            reader.stringList("dispatch.commandPrefixes", List.of("/")),
            reader.duration("dispatch.dedupeTtl", Duration.ofMinutes(10)),
            reader.duration("dispatch.sessionTtl", Duration.ofMinutes(30)),
            reader.duration("dispatch.stopTimeout", Duration.ofSeconds(10)),
            reader.duration("dispatch.profileCacheTtl", Duration.ofMinutes(5)));
    this.media =
        new Media(
            reader.string("media.dir", "media"),
            reader.string("media.publicBaseUrl", null),
            reader.string("media.path", "/timbot/media"));
    this.store =
        new Storage(
            reader.string("store.url", "file:./data/timbot"),
            reader.intValue("store.maxBacklog", 100_000, 1, 1_000_000_000),
            reader.intValue("store.maxInFlight", 1_000, 1, 1_000_000),
            reader.duration("store.retryHorizon", Duration.ofMinutes(10)));
  }

  /** Reads a YAML file, then applies overrides from the process environment. */
  public static BotConfig load(Path yaml) {
    return load(yaml, System.getenv());
  }

  /** Reads a YAML file (which may be absent when {@code yaml} is null), then {@code env}. */
  public static BotConfig load(Path yaml, Map<String, String> env) {
    return new BotConfig(ConfigReader.fromFile(yaml, env));
  }

  /** Configuration from the process environment only. */
  public static BotConfig fromEnv() {
    return load(null, System.getenv());
  }

  /** Configuration from YAML text and the given environment (handy in tests). */
  public static BotConfig parse(String yaml, Map<String, String> env) {
    return new BotConfig(ConfigReader.fromText(yaml, env));
  }

  /** Configuration from YAML text, ignoring the environment. */
  public static BotConfig parse(String yaml) {
    return parse(yaml, Map.of());
  }

  /** A minimal configuration for a bot account (tests, or an {@code ImClient} supplied in code). */
  public static BotConfig forAccount(String account) {
    return parse("bot:\n  account: \"" + account.replace("\"", "\\\"") + "\"\n");
  }

  public Tim tim() {
    return tim;
  }

  public Account bot() {
    return bot;
  }

  public Callback callback() {
    return callback;
  }

  public Dispatch dispatch() {
    return dispatch;
  }

  public Media media() {
    return media;
  }

  public Storage store() {
    return store;
  }

  /**
   * Binds the YAML section {@code name} to {@code type} (usually a record). A missing section
   * binds an empty object, so the record's defaults apply; a bad field or a constructor that
   * throws gives a {@link ConfigException} naming {@code name.field}.
   */
  public <T> T section(String name, Class<T> type) {
    return reader.bind(name, type);
  }

  /**
   * The raw section as JSON text ({@code {}} when absent), for plugins that read their section
   * themselves. Contains secrets if the section does: do not log.
   */
  public String rawSection(String name) {
    JsonNode node = reader.node(name);
    return node == null ? "{}" : node.toString();
  }

  /**
   * Parses a duration as written in configuration: {@code 500ms}, {@code 30s}, {@code 2m}
   * or ISO-8601 ({@code PT30S}); fails with an IllegalArgumentException naming the text.
   */
  public static Duration duration(String text) {
    return Durations.parse(text);
  }

  /** As {@link #duration(String)}, or {@code fallback} when {@code text} is null or blank. */
  public static Duration duration(String text, Duration fallback) {
    return Durations.parse(text, fallback);
  }

  /** A copy with a changed built-in key, e.g. {@code with("dispatch.handlerTimeout", "1s")}. */
  public BotConfig with(String key, String value) {
    return new BotConfig(reader.with(key, value));
  }

  /** Fails with a {@link ConfigException} naming the first missing key among {@code keys}. */
  public void require(String... keys) {
    for (String key : keys) {
      reader.require(key);
    }
  }

  @Override
  public String toString() {
    return "BotConfig{tim=" + tim + ", bot=" + bot + ", callback=" + callback + ", dispatch="
        + dispatch + ", media=" + media + "}";
  }


  /**
   * {@code tim.*}: the app and its administrator. The secret key is never printed. {@code
   * rateLimit} ({@code TIM_RATE_LIMIT}) replaces the documented per-API quotas (200/s, 100/s)
   * with one calls-per-second figure, for load tests against an emulator whose limit is raised
   * too; 0 keeps the documented quotas.
   */
  public record Tim(long sdkAppId, String secretKey, String admin, String baseUrl, int rateLimit) {
    @Override
    public String toString() {
      return "Tim[sdkAppId=" + sdkAppId + ", secretKey=" + (secretKey == null ? "null" : "***")
          + ", admin=" + admin + ", baseUrl=" + baseUrl + ", rateLimit=" + rateLimit + "]";
    }
  }

  /** {@code bot.*}: the account the bot logs in as, and its profile. */
  public record Account(String account, String nick, String avatar) {
    /** True for {@code @RBT#} robot accounts, which are created with {@code create_robot}. */
    public boolean isRobot() {
      return account != null && account.startsWith("@RBT#");
    }
  }

  /** {@code callback.*}: where the callback receiver listens. The token is never printed. */
  /**
   * {@code callback.*}: where the bot listens for the service's callbacks.
   *
   * @param token the console's callback token ("开启鉴权"); every callback's {@code Sign} is checked
   * @param allowUnsigned without a token the bot refuses to start unless this is true (then it
   *     warns at every start): an unsigned receiver accepts forged callbacks from anyone
   */
  public record Callback(String host, int port, String path, String token, boolean allowUnsigned) {
    public Callback(String host, int port, String path, String token) {
      this(host, port, path, token, false);
    }

    @Override
    public String toString() {
      return "Callback[host=" + host + ", port=" + port + ", path=" + path + ", token="
          + (token == null ? "null" : "***") + ", allowUnsigned=" + allowUnsigned + "]";
    }
  }

  /**
   * {@code dispatch.*}: lanes and timeouts.
   *
   * @param threads handler threads shared by all conversations
   * @param queueCapacity messages waiting per conversation; beyond it new messages are rejected
   *     and reported (see {@link BotEvent.BotError.Kind#QUEUE_FULL})
   * @param maxPending messages queued or running across all conversations; beyond it new
   *     messages are rejected and reported the same way
   * @param handlerTimeout default per-handler timeout
   * @param commandPrefixes prefixes that start a command ({@code /help})
   * @param dedupeTtl how long a message key is remembered to drop redeliveries; the embedded store
   *     ({@code file:}) keeps an index of the live keys on the heap, ≈ 32 B per key and two keys per
   *     message: ≈ 4 MB for 10 min at 100 msg/s, ≈ 64 MB at 2 000 msg/s
   * @param sessionTtl how long an idle conversation's session lives
   * @param stopTimeout how long {@link Bot#stop()} waits for lanes and sends
   * @param profileCacheTtl how long sender profiles are cached
   */
  public record Dispatch(
      int threads,
      int queueCapacity,
      int maxPending,
      Duration handlerTimeout,
      List<String> commandPrefixes,
      Duration dedupeTtl,
      Duration sessionTtl,
      Duration stopTimeout,
      Duration profileCacheTtl) {
    public Dispatch {
      commandPrefixes = List.copyOf(Objects.requireNonNull(commandPrefixes));
    }
  }

  /**
   * {@code media.*}: where the default media store keeps files and the public URL they are
   * served under. When {@code publicBaseUrl} is unset it is derived from {@code callback.*}.
   */
  public record Media(String dir, String publicBaseUrl, String path) {}

  /**
   * {@code store.*} (DESIGN.md §6): where the bot keeps its promises — the inbox journal, dedupe
   * window, outbox and dead letters.
   *
   * @param url {@code file:DIR} (default {@code file:./data/timbot}, the embedded store; {@code
   *     file:DIR?fsync=everysec} forces it to disk once a second instead of at every commit, so a
   *     power cut may lose the last second: RELIABILITY.md "Power cuts"), {@code memory:} (nothing survives a restart; tests), or
   *     a backend's URL; environment {@code TIMBOT_STORE}
   * @param maxBacklog journaled callbacks not yet handled beyond which the receiver refuses new
   *     ones with HTTP 503 and {@code timbot.inbox.refused}: the service does not redeliver an
   *     acknowledged callback, so refusing is the honest answer when the disk budget is spent
   * @param maxInFlight callbacks and sends held on the heap at once; the rest waits in the store
   * @param retryHorizon how long a send is retried before it becomes a dead letter
   */
  public record Storage(String url, int maxBacklog, int maxInFlight, Duration retryHorizon) {}
}
