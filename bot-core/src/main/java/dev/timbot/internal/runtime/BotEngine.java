package dev.timbot.internal.runtime;

import dev.timbot.internal.outbox.DurableOutbox;
import dev.timbot.message.Conversation;
import java.util.List;

import dev.timbot.Bot;
import dev.timbot.BotConfig;
import dev.timbot.BotEvent;
import dev.timbot.MatchTrace;
import dev.timbot.Outgoing;
import dev.timbot.SentMessage;
import dev.timbot.internal.callback.CallbackReceiver;
import dev.timbot.internal.callback.CallbackResponse;
import dev.timbot.internal.dispatch.LaneExecutor;
import dev.timbot.spi.ImAdmin;
import dev.timbot.spi.MediaStore;
import dev.timbot.tencent.CallbackEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** The runtime behind a {@link Bot}: the parts {@link BotAssembler} built, behind the API's face. */
final class BotEngine implements Bot.Engine {
  private static final CallbackEndpoint.Response OK =
      new CallbackEndpoint.Response(200, CallbackResponse.JSON, CallbackResponse.OK_BODY);
  private final BotConfig config;
  private final EventBus events;
  private final LaneExecutor lanes;
  private final Lifecycle lifecycle;
  private final ImAdmin im;
  private final DurableOutbox outbox;
  private final MediaStore media;
  private final MeterRegistry meters;
  private final java.util.function.Supplier<CallbackReceiver> endpoint;
  private final Memo<CallbackEndpoint> adapter;

  BotEngine(BotConfig config, EventBus events, LaneExecutor lanes, Lifecycle lifecycle, ImAdmin im, DurableOutbox outbox,
      MediaStore media, MeterRegistry meters, java.util.function.Supplier<CallbackReceiver> endpoint) {
    this.config = config;
    this.events = events;
    this.lanes = lanes;
    this.lifecycle = lifecycle;
    this.im = im;
    this.outbox = outbox;
    this.media = media;
    this.meters = meters;
    this.endpoint = endpoint;
    // One adapter per bot, made at first use: the test kit and harnesses call callbacks() per request.
    this.adapter = endpoint == null ? null : Memo.of(() -> {
      CallbackReceiver receiver = endpoint.get();
      return (query, body) -> {
        CallbackResponse r = receiver.handle(query, body);
        // The acknowledgement is one constant: no copy of it per callback.
        return r == CallbackResponse.ok() ? OK : new CallbackEndpoint.Response(r.status(), r.contentType(), r.body());
      };
    });
  }

  @Override
  public void start() {
    lifecycle.start();
  }

  @Override
  public CompletableFuture<Void> stopAsync() {
    return lifecycle.stop();
  }

  @Override
  public <T> AutoCloseable on(BotEvent<T> event, BotEvent.Listener<T> listener) {
    return events.on(event, listener);
  }

  @Override
  public AutoCloseable onTrace(Consumer<MatchTrace> listener) {
    return events.onTrace(listener);
  }

  @Override
  public CallbackEndpoint callbacks() {
    if (endpoint == null) {
      throw new IllegalStateException(
          "this bot serves callbacks itself at callback.path; build it with externalIntake() to feed them");
    }
    return adapter.get();
  }

  @Override
  public Optional<URI> callbackUrl() {
    return Optional.ofNullable(lifecycle.intake().url());
  }

  @Override
  public BotConfig config() {
    return config;
  }

  @Override
  public ImAdmin im() {
    return im;
  }

  @Override
  public MediaStore mediaStore() {
    return media;
  }

  @Override
  public MeterRegistry meterRegistry() {
    return meters;
  }

  @Override
  public boolean isReady() {
    return lifecycle.state() == Lifecycle.State.READY;
  }

  @Override
  public String state() {
    return lifecycle.state().name();
  }

  @Override
  public CompletableFuture<SentMessage> send(Outgoing outgoing) {
    return outbox.send(outgoing);
  }

  @Override
  public boolean awaitIdle(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    try {
      // Idle means the lanes, the journal and the outbox at once: a replayed callback may still be
      // in the journal while the lanes are empty, and a reply may still be recorded after its
      // handler returned.
      long passes = lifecycle.durability().journalPasses();
      while (true) {
        lanes.whenIdle().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (lifecycle.durability().idleSince(passes) && lanes.pending() == 0) {
          return true;
        }
        if (System.nanoTime() - end >= 0) {
          return false;
        }
        Thread.sleep(1);
      }
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
  public List<Bot.DeadLetter> deadLetters() {
    return outbox.deadLetters(10_000).stream()
        .map(e -> new Bot.DeadLetter(e.id(), Conversation.parse(e.conversationId()), e.lastError(), e.attempts(),
            e.createdAt()))
        .toList();
  }

  @Override
  public CompletableFuture<SentMessage> replayDeadLetter(String id) {
    return outbox.replay(id);
  }
}
