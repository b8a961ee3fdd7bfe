package dev.timbot;

import dev.timbot.spi.MediaStore;
import dev.timbot.spi.ImAdmin;
import dev.timbot.spi.ImClient;
import dev.timbot.internal.rest.ImClientListener;
import dev.timbot.internal.dispatch.LaneExecutor;
import dev.timbot.internal.runtime.EventBus;
import dev.timbot.internal.runtime.Inbox;
import dev.timbot.internal.runtime.Lifecycle;
import dev.timbot.internal.runtime.Outbox;
import dev.timbot.message.Conversation;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import dev.timbot.internal.callback.CallbackSink;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A bot: one IM account, its plugins, and the runtime that feeds them messages.
 *
 * <pre>
 * Bot bot = Bot.builder().config(BotConfig.load(Path.of("bot.yaml"))).plugin(new EchoPlugin()).build();
 * bot.on(BotEvent.SDK_READY, e -&gt; log.info("ready as {}", e.account()));
 * bot.start();
 * </pre>
 *
 * <p>Everything runs on the bot's internal components; this class only exposes them.
 */
public final class Bot implements AutoCloseable {
  private final BotConfig config;
  private final EventBus events;
  private final Inbox inbox;
  private final LaneExecutor lanes;
  private final Lifecycle lifecycle;
  private final ImClient im;
  private final Outbox outbox;
  private final MediaStore media;
  private final MeterRegistry meters;
  private final ImClientListener imListener;

  Bot(BotConfig config, EventBus events, Inbox inbox, LaneExecutor lanes, Lifecycle lifecycle, ImClient im,
      Outbox outbox, MediaStore media, MeterRegistry meters, ImClientListener imListener) {
    this.config = config;
    this.events = events;
    this.inbox = inbox;
    this.lanes = lanes;
    this.lifecycle = lifecycle;
    this.im = im;
    this.outbox = outbox;
    this.media = media;
    this.meters = meters;
    this.imListener = imListener;
  }

  public static BotBuilder builder() {
    return new BotBuilder();
  }

  /**
   * Logs in and starts handling messages; emits {@code SDK_READY}. Fails with a {@link
   * ConfigException} naming the key when configuration is missing, an {@link
   * dev.timbot.spi.ImException} when the service refuses, or an {@link IllegalStateException}
   * naming the plugin that failed to start.
   */
  public void start() {
    lifecycle.start();
  }

  /** Stops intake, drains lanes and flushes sends (within {@code dispatch.stopTimeout}), emits {@code SDK_NOT_READY}. */
  public void stop() {
    stopAsync().join();
  }

  /** {@link #stop()} without blocking. */
  public CompletableFuture<Void> stopAsync() {
    return lifecycle.stop();
  }

  @Override
  public void close() {
    stop();
  }

  /** Subscribes to an event; closing the returned handle unsubscribes. */
  public <T> AutoCloseable on(BotEvent<T> event, BotEvent.Listener<T> listener) {
    return events.on(event, listener);
  }

  /** Receives the {@link MatchTrace} of every dispatched message. */
  public AutoCloseable onTrace(Consumer<MatchTrace> listener) {
    return events.onTrace(listener);
  }

  /**
   * Where callbacks enter the bot. The bot's own callback server feeds it; an application with
   * its own receiver, or one receiver shared by several bots, passes each parsed callback here.
   */
  public CallbackSink callbackSink() {
    return inbox::accept;
  }

  /**
   * Reports REST metrics and reachability ({@code NET_STATE_CHANGE}). The built-in client is
   * given it automatically; attach it to a client you build yourself.
   */
  public ImClientListener imClientListener() {
    return imListener;
  }

  /**
   * The local URL of the bot's callback endpoint while it runs (e.g. {@code
   * http://127.0.0.1:8080/tim/callback}); empty with {@link BotBuilder#externalIntake()}.
   */
  public java.util.Optional<java.net.URI> callbackUrl() {
    return java.util.Optional.ofNullable(lifecycle.intake().url());
  }

  /** The bot's account ({@code bot.account}). */
  public String account() {
    return config.bot().account();
  }

  public BotConfig config() {
    return config;
  }

  /** The IM client as plugins see it: failing with 6013 before start and 6014 after stop. */
  public ImAdmin im() {
    return im;
  }

  public MediaStore mediaStore() {
    return media;
  }

  public MeterRegistry meterRegistry() {
    return meters;
  }

  /** True between {@code SDK_READY} and {@code stop()}. */
  public boolean isReady() {
    return lifecycle.state() == Lifecycle.State.READY;
  }

  /** Sends as the bot, through the outbound interceptors (for messages not answering anything). */
  public CompletableFuture<SentMessage> send(Conversation to, List<? extends MessageElem> elements) {
    try {
      return outbox.send(new Outgoing(to, List.copyOf(elements), null));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  public CompletableFuture<SentMessage> send(Conversation to, String text) {
    return send(to, List.of(TextElem.of(text)));
  }

  /**
   * Waits (in real time, at most {@code timeout}) until no message is queued or being handled.
   * For tests and tooling; returns false on timeout.
   */
  public boolean awaitIdle(Duration timeout) {
    try {
      lanes.whenIdle().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "Bot[" + account() + ", " + lifecycle.state() + "]";
  }
}
