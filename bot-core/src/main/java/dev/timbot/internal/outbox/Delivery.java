package dev.timbot.internal.outbox;

import dev.timbot.spi.BotClock;
import dev.timbot.SentMessage;
import dev.timbot.message.Message;
import dev.timbot.spi.ImMessages.GroupMessage;
import dev.timbot.spi.ImClient;
import dev.timbot.spi.ImException.ImErrorCodes;
import dev.timbot.spi.ImException;
import dev.timbot.spi.ImAdmin.RoamPage;
import dev.timbot.spi.ImAdmin.RoamQuery;
import dev.timbot.spi.ImMessages.SendMessage;
import dev.timbot.internal.rest.Failures;
import dev.timbot.internal.rest.RetryInterceptor;
import dev.timbot.internal.rest.TransportException;
import dev.timbot.Outgoing;
import dev.timbot.spi.Store.OutboxStore;
import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one recorded send: every attempt carries the entry's {@code MsgSeq}/{@code MsgRandom},
 * so the service's 120 s dedupe turns a retry after a lost answer into a no-op. Transport failures,
 * the service's transient codes and rate-limit codes are retried on the {@link RetrySchedule};
 * a retry later than the service's dedupe window first looks in the history ({@code
 * admin_getroammsg}, or {@code group_msg_get_simple} for a group) for the entry's {@code MsgRandom}. Anything else, or the horizon passing, makes the entry a dead letter:
 * logged at WARN with its id and conversation, kept in the store, and the send's future fails
 * (the outbox turns that into a {@code SEND_FAILED} event).
 */
final class Delivery {
  private static final Logger log = LoggerFactory.getLogger(Delivery.class);
  /** Pages of history read to find an earlier attempt. */
  private static final int ROAM_PAGES = 10;

  private final Supplier<OutboxStore> store;
  private final ImClient im;
  private final String self;
  private final BotClock clock;
  private final RetrySchedule schedule;
  private final Random random;
  private final Runnable onDeadLetter;
  private final GroupHistorySearch groupHistory;

  Delivery(Supplier<OutboxStore> store, ImClient im, String self, BotClock clock, RetrySchedule schedule, Random random,
      Runnable onDeadLetter) {
    this.store = store;
    this.im = im;
    this.self = self;
    this.clock = clock;
    this.schedule = schedule;
    this.random = random;
    this.onDeadLetter = onDeadLetter;
    this.groupHistory = new GroupHistorySearch(im, self);
  }

  /**
   * Sends {@code out} as entry {@code e} until confirmed, dead, or the client closes.
   *
   * @param settled true once no handler can make this send again ({@link #confirmed})
   */
  CompletableFuture<SentMessage> deliver(Entry e, Outgoing out, BooleanSupplier settled) {
    CompletableFuture<SentMessage> result = new CompletableFuture<>();
    attempt(e, out, result, settled);
    return result;
  }

  /**
   * Marks a confirmed send done, kept for {@code keep} so a handler run again after a crash finds
   * it; or, once no handler can make it again ({@code settled}: made outside a journaled handler,
   * or its journal entry is finished), lets the store forget it at once ({@link OutboxStore#forget}).
   */
  static void confirmed(OutboxStore store, String id, Duration keep, BooleanSupplier settled) {
    if (settled.getAsBoolean()) {
      store.forget(id, keep);
    } else {
      store.done(id, keep);
    }
  }

  private void attempt(Entry e, Outgoing out, CompletableFuture<SentMessage> result, BooleanSupplier settled) {
    CompletableFuture<SentMessage> sent;
    try {
      sent = landedEarlier(e, out).thenCompose(found -> found != null
          ? CompletableFuture.completedFuture(found)
          : transmit(e, out));
    } catch (RuntimeException ex) {
      sent = CompletableFuture.failedFuture(ex);
    }
    sent.whenComplete((ok, error) -> {
      if (error == null) {
        confirmed(store.get(), e.id(), schedule.keepDone(), settled);
        result.complete(ok);
        return;
      }
      Throwable cause = Failures.unwrap(error);
      int code = cause instanceof ImException ie ? ie.errorCode() : 0;
      String why = cause instanceof TransportException ? cause.getMessage() : code + " " + cause.getMessage();
      int attempts = e.attempts() + 1;
      if (code == ImErrorCodes.SDK_NOT_LOGGED_IN || code == ImErrorCodes.SDK_NOT_INITIALIZED) {
        // The bot is stopping: the entry stays pending for the next start.
        store.get().update(e.withState(State.PENDING, attempts, clock.now(), why));
        result.completeExceptionally(cause);
        return;
      }
      if (!retryable(cause, code)) {
        dead(e, attempts, why, code, cause, result);
        return;
      }
      Duration delay = schedule.delay(attempts, ImErrorCodes.isRateLimit(code), random);
      Instant next = clock.now().plus(delay);
      if (next.isAfter(e.createdAt().plus(schedule.horizon()))) {
        dead(e, attempts, "gave up after " + attempts + " attempts in " + schedule.horizon() + ": " + why, code, cause,
            result);
        return;
      }
      Entry retry = e.withState(State.PENDING, attempts, next, why);
      store.get().update(retry);
      if (attempts == 1) {
        // Once per send: an outage would otherwise log every backoff of every waiting reply.
        log.info("send {} to {} failed ({}); retrying for up to {}", e.id(), e.conversationId(), why,
            schedule.horizon());
      } else {
        log.debug("send {} to {} failed ({}), attempt {} in {} ms", e.id(), e.conversationId(), why, attempts + 1,
            delay.toMillis());
      }
      clock.schedule(delay, () -> attempt(retry, out, result, settled));
    });
  }

  private static boolean retryable(Throwable cause, int code) {
    return cause instanceof TransportException
        || RetryInterceptor.isTransient(code)
        || ImErrorCodes.isRateLimit(code)
        || code == ImErrorCodes.GROUP_RATE_LIMIT;
  }

  private void dead(Entry e, int attempts, String why, int code, Throwable cause,
      CompletableFuture<SentMessage> result) {
    store.get().update(e.withState(State.DEAD, attempts, null, why));
    log.warn("send {} to {} is a dead letter ({}); list and replay it from the outbox", e.id(), e.conversationId(), why);
    onDeadLetter.run();
    result.completeExceptionally(new ImException(code == 0 ? ImErrorCodes.NETWORK_ERROR : code,
        "send " + e.id() + " to " + e.conversationId() + " failed for good: " + why, cause));
  }

  private CompletableFuture<SentMessage> transmit(Entry e, Outgoing out) {
    if (out.to().isGroup()) {
      GroupMessage gm = GroupMessage.builder().groupId(out.to().id()).from(self).elements(out.elements())
          .cloudCustomData(out.cloudCustomData()).random(e.msgRandom()).build();
      return im.sendGroupMessage(gm).thenApply(r -> {
        if (r.dropped()) {
          // The service accepted the call but dropped the message (group rate limit).
          throw new ImException(ImErrorCodes.GROUP_RATE_LIMIT, "message dropped: " + r.msgDropReason());
        }
        return new SentMessage(out.to(), null, r.msgSeq(), r.msgTime(), out.elements());
      });
    }
    SendMessage sm = SendMessage.builder().from(self).to(out.to().id()).elements(out.elements())
        .cloudCustomData(out.cloudCustomData()).msgSeq(e.msgSeq()).msgRandom(e.msgRandom()).build();
    return im.sendMessage(sm)
        .thenApply(r -> new SentMessage(out.to(), r.msgKey(), r.msgSeq(), r.msgTime(), out.elements()));
  }

  /**
   * For a send retried past the service's dedupe window: the earlier attempt as found in the
   * history (same sender and {@code MsgRandom}), or null — {@code admin_getroammsg} for C2C,
   * {@code group_msg_get_simple} for a group.
   */
  private CompletableFuture<SentMessage> landedEarlier(Entry e, Outgoing out) {
    Instant windowEnd = e.createdAt().plus(schedule.serviceDedupeWindow()).minusSeconds(10);
    if (e.attempts() == 0 || clock.now().isBefore(windowEnd)) {
      return CompletableFuture.completedFuture(null);
    }
    if (out.to().isGroup()) {
      return groupHistory.find(out.to().id(), e, e.createdAt().minusSeconds(60))
          .thenApply(m -> m == null ? null : found(e, out, m));
    }
    RoamQuery q = RoamQuery.of(self, out.to().id(), 100, e.createdAt().minusSeconds(60), clock.now().plusSeconds(60));
    return search(q, e, out, ROAM_PAGES);
  }

  private SentMessage found(Entry e, Outgoing out, Message m) {
    log.info("send {} to {} had landed before (found in the history); not sent again", e.id(), e.conversationId());
    return new SentMessage(out.to(), m.msgKey(), m.msgSeq(), m.time(), out.elements());
  }

  private CompletableFuture<SentMessage> search(RoamQuery q, Entry e, Outgoing out, int pagesLeft) {
    return im.getRoamMessages(q).thenCompose((RoamPage page) -> {
      for (var m : page.messages()) {
        if (m.message().msgRandom() == e.msgRandom() && self.equals(m.message().from())) {
          return CompletableFuture.completedFuture(found(e, out, m.message()));
        }
      }
      if (page.complete() || pagesLeft <= 1 || page.messages().isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      return search(q.next(page), e, out, pagesLeft - 1);
    });
  }
}
