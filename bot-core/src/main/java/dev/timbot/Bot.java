package dev.timbot;

import dev.timbot.message.Conversation;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import dev.timbot.spi.ImAdmin;
import dev.timbot.spi.MediaStore;
import dev.timbot.tencent.CallbackEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 * <p>The runtime itself is timbot's internal {@link Engine}; this class is its public face.
 */
public final class Bot implements AutoCloseable {
  private final Engine engine;

  Bot(Engine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
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
    engine.start();
  }

  /** Stops intake, drains lanes and flushes sends (within {@code dispatch.stopTimeout}), emits {@code SDK_NOT_READY}. */
  public void stop() {
    stopAsync().join();
  }

  /** {@link #stop()} without blocking. */
  public CompletableFuture<Void> stopAsync() {
    return engine.stopAsync();
  }

  @Override
  public void close() {
    stop();
  }

  /** Subscribes to an event; closing the returned handle unsubscribes. */
  public <T> AutoCloseable on(BotEvent<T> event, BotEvent.Listener<T> listener) {
    return engine.on(event, listener);
  }

  /** Receives the {@link MatchTrace} of every dispatched message. */
  public AutoCloseable onTrace(Consumer<MatchTrace> listener) {
    return engine.onTrace(listener);
  }

  /**
   * Where callbacks enter the bot when the application serves the callback URL itself ({@link
   * BotBuilder#externalIntake()}).
   *
   * @throws IllegalStateException when the bot runs its own callback server ({@link #callbackUrl()})
   */
  public CallbackEndpoint callbacks() {
    return engine.callbacks();
  }

  /**
   * The local URL of the bot's callback endpoint while it runs (e.g. {@code
   * http://127.0.0.1:8080/tim/callback}); empty with {@link BotBuilder#externalIntake()}.
   */
  public Optional<URI> callbackUrl() {
    return engine.callbackUrl();
  }

  /** The bot's account ({@code bot.account}). */
  public String account() {
    return config().bot().account();
  }

  public BotConfig config() {
    return engine.config();
  }

  /**
   * The IM service's administration calls (accounts, groups, profiles, recalls…), failing with
   * 6013 before start and 6014 after stop. Chat messages are sent with {@link #send}.
   */
  public ImAdmin im() {
    return engine.im();
  }

  public MediaStore mediaStore() {
    return engine.mediaStore();
  }

  public MeterRegistry meterRegistry() {
    return engine.meterRegistry();
  }

  /** True between {@code SDK_READY} and {@code stop()}. */
  public boolean isReady() {
    return engine.isReady();
  }

  /**
   * Sends as the bot, through the outbound interceptors and the conversation's order (for
   * messages that answer nothing: notices, broadcasts).
   */
  public CompletableFuture<SentMessage> send(Conversation to, List<? extends MessageElem> elements) {
    try {
      return engine.send(new Outgoing(to, List.copyOf(elements), null));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  public CompletableFuture<SentMessage> send(Conversation to, String text) {
    return send(to, List.of(TextElem.of(text)));
  }

  /**
   * Sends that failed for good — rejected by the service (e.g. 93000) or still failing when {@code
   * store.retryHorizon} ran out — oldest first, with id, conversation and last error. Each was
   * logged at WARN and raised as a {@code SEND_FAILED} error when it happened.
   */
  public List<DeadLetter> deadLetters() {
    return engine.deadLetters();
  }

  /**
   * A send that failed for good.
   *
   * @param id the send's id in the outbox (for {@link #replayDeadLetter})
   * @param conversation where it was going
   * @param lastError the service's code and message, or why retrying stopped
   * @param attempts attempts made
   * @param recordedAt when the send was recorded
   */
  public record DeadLetter(String id, Conversation conversation, String lastError, int attempts, Instant recordedAt) {}

  /** Sends dead letter {@code id} again (same {@code MsgSeq}/{@code MsgRandom}, a fresh retry horizon). */
  public CompletableFuture<SentMessage> replayDeadLetter(String id) {
    return engine.replayDeadLetter(id);
  }

  /**
   * Waits (in real time, at most {@code timeout}) until no message is queued or being handled, no
   * journaled callback waits, and every send made so far is recorded in the store and handed to
   * the IM service (or waits behind an earlier send, or for a retry's time). For tests and tooling;
   * returns false on timeout.
   */
  public boolean awaitIdle(Duration timeout) {
    return engine.awaitIdle(timeout);
  }

  @Override
  public String toString() {
    return "Bot[" + account() + ", " + engine.state() + "]";
  }

  /**
   * The runtime behind a {@link Bot}, implemented inside timbot and found by {@link BotBuilder}
   * (so the API depends on no implementation package). Not meant to be implemented by users.
   */
  public interface Engine {
    void start();

    CompletableFuture<Void> stopAsync();

    <T> AutoCloseable on(BotEvent<T> event, BotEvent.Listener<T> listener);

    AutoCloseable onTrace(Consumer<MatchTrace> listener);

    CallbackEndpoint callbacks();

    Optional<URI> callbackUrl();

    BotConfig config();

    ImAdmin im();

    MediaStore mediaStore();

    MeterRegistry meterRegistry();

    boolean isReady();

    /** The lifecycle state's name, for {@code toString}. */
    String state();

    CompletableFuture<SentMessage> send(Outgoing outgoing);

    boolean awaitIdle(Duration timeout);

    List<DeadLetter> deadLetters();

    CompletableFuture<SentMessage> replayDeadLetter(String id);
  }
}
