package dev.timbot.internal.runtime;

import dev.timbot.spi.BotClock;
import dev.timbot.BotConfig;
import dev.timbot.BotEvent;
import dev.timbot.BotEvent.BotError;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImAdmin.ProfileTags;
import dev.timbot.internal.dispatch.LaneExecutor;
import dev.timbot.Plugin;
import dev.timbot.internal.callback.CallbackSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start and stop, in the order DESIGN.md §1 gives for "login": obtain the IM client, make sure the
 * account exists ({@code account_import}, or {@code create_robot} for {@code @RBT#} accounts), set
 * nick/avatar, check the REST API answers, start plugins in dependency order, open intake, emit
 * {@code SDK_READY}. Stop reverses it: close intake, drain lanes and flush sends within {@code
 * dispatch.stopTimeout} (on the bot's clock), stop plugins, emit {@code SDK_NOT_READY}.
 */
public final class Lifecycle {
  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

  /** The bot's states; only READY accepts callbacks. */
  public enum State {
    NEW,
    STARTING,
    READY,
    STOPPING,
    STOPPED
  }

  private final BotConfig config;
  private final Supplier<ImClient> clientFactory;
  private final List<Plugin> plugins;
  private final EventBus events;
  private final LaneExecutor lanes;
  private final Durability durability;
  private final BotClock clock;
  private final Intake intake;
  private final Supplier<CallbackSink> sink;
  private final boolean ownsClient;
  private final List<Plugin> started = new ArrayList<>();
  private volatile State state = State.NEW;
  private volatile ImClient client;
  private CompletableFuture<Void> stopping;

  public Lifecycle(BotConfig config, Supplier<ImClient> clientFactory, List<Plugin> plugins, EventBus events,
      LaneExecutor lanes, Durability durability, BotClock clock, Intake intake, Supplier<CallbackSink> sink,
      boolean ownsClient) {
    this.ownsClient = ownsClient;
    this.config = config;
    this.clientFactory = clientFactory;
    this.plugins = List.copyOf(plugins);
    this.events = events;
    this.lanes = lanes;
    this.durability = durability;
    this.clock = clock;
    this.intake = intake;
    this.sink = sink;
  }

  Durability durability() {
    return durability;
  }

  public Intake intake() {
    return intake;
  }

  public State state() {
    return state;
  }

  public GuardedImClient.Gate gate() {
    switch (state) {
      case NEW:
        return GuardedImClient.Gate.NOT_STARTED;
      case STOPPED:
        return GuardedImClient.Gate.CLOSED;
      default:
        return client == null ? GuardedImClient.Gate.NOT_STARTED : GuardedImClient.Gate.OPEN;
    }
  }

  /** The real client (null before start). */
  public ImClient client() {
    return client;
  }

  public void start() {
    synchronized (this) {
      if (state != State.NEW) {
        throw new IllegalStateException("start() can be called once; the bot is " + state);
      }
      state = State.STARTING;
    }
    String account = config.bot().account();
    try {
      config.require("bot.account");
      client = clientFactory.get();
      ensureAccount(account);
      for (Plugin p : plugins) {
        try {
          p.start();
        } catch (Exception | LinkageError e) {
          throw new IllegalStateException(
              "plugin " + p.name() + " (" + p.getClass().getName() + ") failed to start: " + e, e);
        }
        started.add(p);
      }
      // The store before intake: what the last process journaled is replayed first.
      durability.start();
      // READY first: a callback the receiver acknowledges the moment intake opens must be kept.
      state = State.READY;
      intake.start(sink.get());
    } catch (Exception e) {
      log.error("start failed: {}", e.getMessage());
      stopPlugins();
      intake.stop();
      durability.stopIntake();
      lanes.shutdown();
      durability.close();
      closeOwnedClient();
      state = State.STOPPED;
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("start failed: " + e.getMessage(), e);
    }
    log.info("bot {} ready", account);
    events.emit(BotEvent.SDK_READY, new BotEvent.Ready(account));
  }

  private void ensureAccount(String account) {
    BotConfig.Account bot = config.bot();
    if (bot.isRobot()) {
      join(client.createRobot(account, bot.nick(), bot.avatar()));
    } else {
      join(client.importAccount(account, bot.nick(), bot.avatar()));
    }
    // account_import only sets nick/avatar on creation; portrait_set updates an existing account.
    Map<String, Object> tags = new LinkedHashMap<>();
    if (bot.nick() != null) {
      tags.put(ProfileTags.NICK, bot.nick());
    }
    if (bot.avatar() != null) {
      tags.put(ProfileTags.IMAGE, bot.avatar());
    }
    if (!tags.isEmpty()) {
      join(client.setProfile(account, tags));
    }
    // The REST API answers and sees the account: the bot can send as it.
    Map<String, Boolean> check = join(client.checkAccounts(List.of(account)));
    if (!Boolean.TRUE.equals(check.get(account))) {
      throw new ImException(ImErrorCodes.ACCOUNT_NOT_FOUND, "account " + account + " is not imported after import");
    }
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  public synchronized CompletableFuture<Void> stop() {
    if (stopping != null) {
      return stopping;
    }
    if (state == State.NEW || state == State.STOPPED) {
      state = State.STOPPED;
      lanes.shutdown();
      durability.close();
      stopping = CompletableFuture.completedFuture(null);
      return stopping;
    }
    if (state == State.STARTING) {
      throw new IllegalStateException("stop() during start()");
    }
    state = State.STOPPING;
    intake.stop();
    durability.stopIntake();
    Duration deadline = config.dispatch().stopTimeout();
    CompletableFuture<Boolean> timeUp = new CompletableFuture<>();
    BotClock.Timer timer = clock.schedule(deadline, () -> timeUp.complete(false));
    CompletableFuture<Boolean> drained =
        lanes.whenIdle().thenCompose(v -> durability.outbox().flush()).thenApply(v -> true);
    stopping =
        drained.applyToEither(timeUp, clean -> clean)
            // Finish on a fresh thread: the one completing the drain may be a lane thread that
            // shutting the pool down would interrupt.
            .thenAcceptAsync(clean -> finishStop(clean, timer, deadline));
    return stopping;
  }

  private void finishStop(boolean clean, BotClock.Timer timer, Duration deadline) {
    timer.cancel();
    if (!clean) {
      String what = lanes.pending() + " messages in lanes, " + durability.outbox().inFlight()
          + " sends in flight (both kept in the store for the next start)";
      log.warn("stop deadline of {} passed with {}", deadline, what);
      events.error(BotError.Kind.STOP_DEADLINE, 0, "stop deadline of " + deadline + " passed with " + what,
          null, null, "lifecycle");
    }
    stopPlugins();
    lanes.shutdown();
    closeOwnedClient();
    durability.close();
    state = State.STOPPED;
    log.info("bot {} stopped", config.bot().account());
    events.emit(BotEvent.SDK_NOT_READY, new BotEvent.NotReady(config.bot().account(), clean));
  }

  /** Closes the client if the bot built it (a client passed to the builder belongs to the caller). */
  private void closeOwnedClient() {
    if (ownsClient && client instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing the IM client failed", e);
      }
    }
  }

  private void stopPlugins() {
    for (int i = started.size() - 1; i >= 0; i--) {
      Plugin p = started.get(i);
      try {
        p.stop();
      } catch (Exception | LinkageError e) {
        log.warn("plugin {} failed to stop", p.name(), e);
      }
    }
    started.clear();
  }
}
