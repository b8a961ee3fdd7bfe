package dev.timbot;

import java.util.List;

/**
 * A unit of bot behaviour. {@link #configure} registers handlers, decoders and interceptors;
 * {@link #start}/{@link #stop} run in dependency order when the bot starts and stops.
 *
 * <p>Plugins are wired with Guice: fields, setters or (for plugins registered by class) the
 * constructor may {@code @Inject} the {@link dev.timbot.spi.ImAdmin}, {@link
 * dev.timbot.spi.SessionStore}, {@link dev.timbot.spi.BotClock}, {@link dev.timbot.BotConfig}, a {@link
 * dev.timbot.spi.MediaStore}, Micrometer's {@code MeterRegistry}, other plugins, and the plugin's own
 * config record (a type annotated {@link ConfigSection}, bound from its YAML section).
 */
public interface Plugin {

  /**
   * The name used in logs, errors and handler names: the class's simple name, or {@code plugin}
   * for lambdas and anonymous classes.
   */
  default String name() {
    Class<?> c = getClass();
    String n = c.getSimpleName();
    return c.isAnonymousClass() || c.isSynthetic() || n.isEmpty() || n.contains("$$Lambda") ? "plugin" : n;
  }

  /** Registers handlers. Called once, while the bot is built (before {@link #start}). */
  void configure(Handlers on);

  /**
   * Plugins that must start before this one (and stop after it). Plugins this one injects are
   * added automatically.
   */
  default List<Class<? extends Plugin>> dependsOn() {
    return List.of();
  }

  /** Called on {@code bot.start()}, after the account is ready and before messages flow. */
  default void start() throws Exception {}

  /** Called on {@code bot.stop()}, after lanes drained. */
  default void stop() throws Exception {}
}
