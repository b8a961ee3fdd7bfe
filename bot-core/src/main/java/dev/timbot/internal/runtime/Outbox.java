package dev.timbot.internal.runtime;

import dev.timbot.internal.rest.Failures;
import dev.timbot.BotEvent.BotError;
import dev.timbot.SentMessage;
import dev.timbot.spi.ImMessages.GroupMessage;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.Interceptor;
import dev.timbot.Outgoing;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every send of the bot: through the outbound interceptors, then the {@link ImClient} (which
 * rate-limits and retries idempotently). Sends in flight are tracked so {@code stop()} can flush
 * them; failures are reported as {@code ERROR} as well as failing the returned future.
 */
public final class Outbox {
  private final ImClient im;
  private final String self;
  private final List<Interceptor<Outgoing, CompletableFuture<SentMessage>>> interceptors;
  private final BotMetrics metrics;
  private final EventBus events;
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  /** The last send per conversation; the next one starts when it completes. */
  private final ConcurrentHashMap<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

  public Outbox(ImClient im, String self, List<Interceptor<Outgoing, CompletableFuture<SentMessage>>> interceptors, BotMetrics metrics, EventBus events) {
    this.im = im;
    this.self = self;
    this.interceptors = List.copyOf(interceptors);
    this.metrics = metrics;
    this.events = events;
  }

  /**
   * Sends after every earlier send to the same conversation has finished, so a user sees replies
   * in the order the bot made them (concurrent REST calls could otherwise overtake each other).
   */
  public CompletableFuture<SentMessage> send(Outgoing outgoing) {
    String key = outgoing.to().conversationId();
    CompletableFuture<SentMessage> tracked = new CompletableFuture<>();
    inFlight.add(tracked);
    CompletableFuture<?> previous = tails.put(key, tracked);
    Runnable start = () -> {
      CompletableFuture<SentMessage> result;
      try {
        result = new Chain(0, outgoing).proceed(outgoing);
        if (result == null) {
          result = CompletableFuture.failedFuture(new IllegalStateException("an outbound interceptor returned null"));
        }
      } catch (Exception e) {
        result = CompletableFuture.failedFuture(e);
      }
      result.whenComplete((sent, error) -> {
        tails.remove(key, tracked);
        if (error != null) {
          tracked.completeExceptionally(error);
        } else {
          tracked.complete(sent);
        }
      });
    };
    if (previous == null || previous.isDone()) {
      start.run();
    } else {
      previous.whenComplete((v, e) -> start.run());
    }
    boolean group = outgoing.to().isGroup();
    return tracked.whenComplete(
        (sent, error) -> {
          inFlight.remove(tracked);
          metrics.send(group, error == null);
          if (error != null) {
            Throwable cause = Failures.unwrap(error);
            int code = cause instanceof ImException ie ? ie.errorCode() : 0;
            events.error(BotError.Kind.SEND_FAILED, code,
                "send to " + outgoing.to() + " failed: " + cause.getMessage(), cause, null, "outbox");
          }
        });
  }

  /** Completes when every send started so far has finished. */
  public CompletableFuture<Void> flush() {
    return CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
        .handle((v, e) -> null);
  }

  public int inFlight() {
    return inFlight.size();
  }

  private CompletableFuture<SentMessage> transmit(Outgoing out) {
    if (out.to().isGroup()) {
      GroupMessage gm =
          GroupMessage.builder().groupId(out.to().id()).from(self).elements(out.elements())
              .cloudCustomData(out.cloudCustomData()).build();
      return im.sendGroupMessage(gm).thenApply(r -> {
        if (r.dropped()) {
          // The service accepted the call but dropped the message (group rate limit).
          throw new ImException(ImErrorCodes.GROUP_RATE_LIMIT, "message dropped: " + r.msgDropReason());
        }
        return new SentMessage(out.to(), null, r.msgSeq(), r.msgTime(), out.elements());
      });
    }
    SendMessage sm =
        SendMessage.builder().from(self).to(out.to().id()).elements(out.elements())
            .cloudCustomData(out.cloudCustomData()).build();
    return im.sendMessage(sm)
        .thenApply(r -> new SentMessage(out.to(), r.msgKey(), r.msgSeq(), r.msgTime(), out.elements()));
  }

  private final class Chain implements Interceptor.Chain<Outgoing, CompletableFuture<SentMessage>> {
    private final int index;
    private final Outgoing outgoing;

    Chain(int index, Outgoing outgoing) {
      this.index = index;
      this.outgoing = outgoing;
    }

    @Override
    public Outgoing input() {
      return outgoing;
    }

    @Override
    public CompletableFuture<SentMessage> proceed(Outgoing next) throws Exception {
      if (index >= interceptors.size()) {
        return transmit(next);
      }
      return interceptors.get(index).intercept(new Chain(index + 1, next));
    }
  }
}
