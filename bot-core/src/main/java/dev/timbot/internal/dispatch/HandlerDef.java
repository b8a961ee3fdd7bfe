package dev.timbot.internal.dispatch;

import dev.timbot.HandlerOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * One registered handler: how it matches, how it is invoked, and its options. Mutable only while
 * its plugin configures; the registry freezes the table before the bot starts.
 */
public final class HandlerDef implements HandlerOptions {
  /** Which conversations a handler accepts. */
  public enum Scope {
    ANY,
    C2C,
    GROUP
  }

  /** Runs the user's handler with the context built for this match. */
  @FunctionalInterface
  public interface Invoker {
    void invoke(dev.timbot.Context ctx, Match match) throws Exception;
  }

  private final String plugin;
  private final String kind;
  private final Matcher matcher;
  private final MatchHint hint;
  private final Invoker invoker;
  private final int order;
  private final int tier;
  private String name;
  private int priority = DEFAULT_PRIORITY;
  private boolean block;
  private Scope scope = Scope.ANY;
  private boolean allGroupMessages;
  private boolean observer;
  private Duration timeout;
  private boolean frozen;

  HandlerDef(String plugin, String kind, int order, MatchHint hint, Matcher matcher, Invoker invoker) {
    this.plugin = plugin;
    this.kind = kind;
    this.order = order;
    this.hint = hint;
    this.matcher = matcher;
    this.invoker = invoker;
    this.name = plugin + ":" + kind + "#" + order;
    this.tier = tierOf(kind);
    // A matched command is the answer to the message (NoneBot's on_command does the same).
    this.block = tier == COMMANDS;
  }

  static final int COMMANDS = 0;
  static final int SPECIFIC = 1;
  static final int CATCH_ALL = 2;

  /**
   * Within one priority: commands, then specific matchers (keyword, regex, predicates, typed
   * custom), then per-type catch-alls, so {@code /help} never also reaches an echo handler.
   */
  private static int tierOf(String kind) {
    if (kind.startsWith("command:")) {
      return COMMANDS;
    }
    return switch (kind) {
      case "message", "text", "image", "file", "sound", "video", "face", "location", "custom" -> CATCH_ALL;
      default -> SPECIFIC;
    };
  }

  /** Commands 0, specific matchers 1, catch-alls 2: the order within one priority. */
  public int tier() {
    return tier;
  }

  private void check() {
    if (frozen) {
      throw new IllegalStateException("handler options can only be set while the plugin configures");
    }
  }

  @Override
  public HandlerOptions priority(int priority) {
    check();
    this.priority = priority;
    return this;
  }

  @Override
  public HandlerOptions block() {
    check();
    this.block = true;
    return this;
  }

  @Override
  public HandlerOptions c2cOnly() {
    check();
    this.scope = Scope.C2C;
    return this;
  }

  @Override
  public HandlerOptions groupOnly() {
    check();
    this.scope = Scope.GROUP;
    return this;
  }

  @Override
  public HandlerOptions allGroupMessages() {
    check();
    this.allGroupMessages = true;
    return this;
  }

  @Override
  public HandlerOptions observer() {
    check();
    this.observer = true;
    this.allGroupMessages = true;
    return this;
  }

  @Override
  public HandlerOptions timeout(Duration timeout) {
    check();
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  @Override
  public HandlerOptions name(String name) {
    check();
    this.name = Objects.requireNonNull(name, "name");
    return this;
  }

  void freeze() {
    frozen = true;
  }

  public String plugin() {
    return plugin;
  }

  public String kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public int order() {
    return order;
  }

  public int priority() {
    return priority;
  }

  public boolean blocks() {
    return block;
  }

  public Scope scope() {
    return scope;
  }

  public boolean wantsAllGroupMessages() {
    return allGroupMessages;
  }

  public boolean isObserver() {
    return observer;
  }

  /** This handler's timeout, or null for the configured default. */
  public Duration timeout() {
    return timeout;
  }

  public Matcher matcher() {
    return matcher;
  }

  /** What the dispatch plan may assume about {@link #matcher()}. */
  public MatchHint hint() {
    return hint;
  }

  public Invoker invoker() {
    return invoker;
  }
}
