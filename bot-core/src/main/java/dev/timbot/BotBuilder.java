package dev.timbot;

import dev.timbot.spi.BotClock;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.MediaStore;
import dev.timbot.spi.SessionStore;
import dev.timbot.spi.BotClock.VirtualClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Builds a {@link Bot}. Only the configuration is needed; everything else has a production
 * default (the Tencent REST client and callback server built from config, the system clock, an
 * in-memory session store, a file media store, a simple meter registry).
 */
public final class BotBuilder {
  private BotConfig config;
  private final List<Object> plugins = new ArrayList<>();
  private final List<Binding<?>> bindings = new ArrayList<>();
  private ImClient imClient;
  private BotClock clock;
  private MeterRegistry meterRegistry;
  private SessionStore sessionStore;
  private MediaStore mediaStore;
  private boolean externalIntake;

  BotBuilder() {}

  public BotBuilder config(BotConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  /** Adds a plugin instance (members are injected). */
  public BotBuilder plugin(Plugin plugin) {
    plugins.add(Objects.requireNonNull(plugin, "plugin"));
    return this;
  }

  /** Adds a plugin the runtime constructs (constructor injection). */
  public BotBuilder plugin(Class<? extends Plugin> pluginClass) {
    plugins.add(Objects.requireNonNull(pluginClass, "pluginClass"));
    return this;
  }

  /**
   * Makes {@code instance} injectable as {@code type} into every plugin (an application's own
   * services: a repository, an HTTP client, a feature-flag source).
   */
  public <T> BotBuilder bind(Class<T> type, T instance) {
    bindings.add(new Binding<>(Objects.requireNonNull(type, "type"), Objects.requireNonNull(instance, "instance")));
    return this;
  }

  /** Uses this IM client instead of building the Tencent REST client from {@code tim.*}. */
  public BotBuilder imClient(ImClient imClient) {
    this.imClient = Objects.requireNonNull(imClient, "imClient");
    return this;
  }

  /** The source of all time (timeouts, TTLs, cooldowns); {@link VirtualClock} in tests. */
  public BotBuilder clock(BotClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  public BotBuilder meterRegistry(MeterRegistry meterRegistry) {
    this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
    return this;
  }

  public BotBuilder sessionStore(SessionStore sessionStore) {
    this.sessionStore = Objects.requireNonNull(sessionStore, "sessionStore");
    return this;
  }

  public BotBuilder mediaStore(MediaStore mediaStore) {
    this.mediaStore = Objects.requireNonNull(mediaStore, "mediaStore");
    return this;
  }

  /**
   * Do not start a callback server: the application passes each callback request to {@link
   * Bot#callbacks()} itself (its own HTTP server, a receiver shared by several bots, tests).
   */
  public BotBuilder externalIntake() {
    this.externalIntake = true;
    return this;
  }

  /**
   * Wires plugins and the runtime. Fails on invalid plugin config (naming the key), a plugin
   * that cannot be created, or a dependency cycle. Missing connection settings are reported by
   * {@link Bot#start()}.
   */
  public Bot build() {
    Settings settings = new Settings(config != null ? config : BotConfig.fromEnv(), List.copyOf(plugins),
        List.copyOf(bindings), imClient, clock != null ? clock : BotClock.system(), meterRegistry, sessionStore,
        mediaStore, externalIntake);
    Assembler assembler = ServiceLoader.load(Assembler.class, BotBuilder.class.getClassLoader()).findFirst()
        .orElseThrow(() -> new IllegalStateException("no timbot runtime on the classpath (bot-core is incomplete)"));
    return new Bot(assembler.assemble(settings));
  }

  /** An object the application makes injectable into plugins. */
  public record Binding<T>(Class<T> type, T instance) {}

  /**
   * What was asked of the builder.
   *
   * @param plugins each a {@link Plugin} instance or a {@code Class<? extends Plugin>}
   * @param imClient null for the Tencent REST client from {@code tim.*}
   * @param meterRegistry null for a simple in-memory registry
   * @param sessionStore null for the configured store
   * @param mediaStore null for files under {@code media.dir}
   */
  public record Settings(BotConfig config, List<Object> plugins, List<Binding<?>> bindings, ImClient imClient,
      BotClock clock, MeterRegistry meterRegistry, SessionStore sessionStore, MediaStore mediaStore,
      boolean externalIntake) {}

  /**
   * Builds the runtime from {@link Settings}; timbot's own implementation is found with {@link
   * ServiceLoader}. Not meant to be implemented by users.
   */
  public interface Assembler {
    Bot.Engine assemble(Settings settings);
  }
}
