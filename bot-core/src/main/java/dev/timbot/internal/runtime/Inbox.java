package dev.timbot.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbot.spi.BotClock;
import dev.timbot.BotEvent;
import dev.timbot.BotEvent.BotError;
import dev.timbot.MatchTrace.Routing;
import dev.timbot.internal.dispatch.HandlerRegistry;
import dev.timbot.internal.dispatch.LaneExecutor;
import dev.timbot.internal.session.AskRegistry;
import dev.timbot.message.Conversation;
import dev.timbot.message.Message;
import dev.timbot.internal.callback.AccountPair;
import dev.timbot.internal.json.WireJson;
import dev.timbot.internal.callback.BlacklistCallback;
import dev.timbot.internal.callback.C2CMessageCallback;
import dev.timbot.internal.callback.CallbackCommand;
import dev.timbot.internal.callback.CallbackEvent;
import dev.timbot.internal.callback.FriendCallback;
import dev.timbot.internal.callback.GroupMessageCallback;
import dev.timbot.internal.callback.GroupRecallCallback;
import dev.timbot.internal.callback.MemberAccount;
import dev.timbot.internal.callback.MemberExitCallback;
import dev.timbot.internal.callback.MemberJoinCallback;
import dev.timbot.internal.callback.MsgReportCallback;
import dev.timbot.internal.callback.MsgWithdrawCallback;
import dev.timbot.internal.callback.PortraitSetCallback;
import dev.timbot.internal.callback.ReceivedCallback;
import dev.timbot.internal.callback.StateChangeCallback;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import dev.timbot.internal.inbox.JournalPump;
import dev.timbot.internal.outbox.Origin;
import dev.timbot.internal.callback.LogThrottle;
import dev.timbot.spi.Store;
import dev.timbot.spi.Store.DedupeWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns received callbacks into lane jobs and events (DESIGN.md §1, "Inbox"). For messages:
 * drop the bot's own (loop guard) and undelivered ones, drop redeliveries (the store's dedupe
 * window on the bot's clock, keyed by MsgId and MsgKey so the same message from two callback
 * commands counts once, and a redelivery after a restart too),
 * decide how it is addressed — C2C to the bot, @-mention in a group, unmentioned group message,
 * or between others — and queue it on its conversation's lane only if some handler (or a pending
 * {@code ask}) can want it. A full lane rejects the message, reported as a metric and an {@code
 * ERROR} event carrying the message.
 *
 * <p>Before-send callbacks are ignored: the after-send callback of the same message follows, and
 * answering twice would be wrong. One receiver may feed several bots; each keeps only what
 * concerns its own account.
 */
public final class Inbox implements JournalPump.Target {
  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  private final String self;
  private final EventBus events;
  private final BotMetrics metrics;
  private final LaneExecutor lanes;
  private final MessageDispatcher dispatcher;
  private final HandlerRegistry registry;
  private final AskRegistry asks;
  private final ProfileCache profiles;
  private final BooleanSupplier open;
  private final java.util.function.Supplier<DedupeWindow> dedupe;
  private final Duration dedupeTtl;
  /** Owners of dedupe claims for callbacks that are not journaled ({@code bot.callbackSink()}). */
  private final AtomicLong unjournaled = new AtomicLong();
  /** One line a minute while the store is away, not one per re-offered callback. */
  private final LogThrottle storeDownLog = new LogThrottle(BotClock.system(), Duration.ofMinutes(1));

  public Inbox(
      String self, EventBus events, BotMetrics metrics, LaneExecutor lanes, MessageDispatcher dispatcher,
      HandlerRegistry registry, AskRegistry asks, ProfileCache profiles,
      java.util.function.Supplier<DedupeWindow> dedupe, Duration dedupeTtl, BooleanSupplier open) {
    this.self = self;
    this.events = events;
    this.metrics = metrics;
    this.lanes = lanes;
    this.dispatcher = dispatcher;
    this.registry = registry;
    this.asks = asks;
    this.profiles = profiles;
    this.open = open;
    this.dedupe = dedupe;
    this.dedupeTtl = dedupeTtl;
  }

  /** Where one callback stands: which journal entry brought it, and what to run once it is handled. */
  private record Intake(String owner, Origin origin, Runnable finished, boolean retryWhenFull) {}

  /**
   * The entry point of callbacks that are not journaled ({@code bot.callbackSink()}: a receiver
   * of the application's own, the test kit). Never throws: failures are reported as {@code ERROR}.
   */
  public void accept(ReceivedCallback callback) {
    accept(callback, new Intake("x" + unjournaled.incrementAndGet(), null, () -> {}, false));
  }

  /**
   * The journal pump's entry point: {@code finished} runs once the callback is handled and the
   * replies it caused are recorded; once the journal took its mark, the replies' origin knows that
   * no handler will make them again. False when its conversation's queue is full (nothing was
   * done; offer it again).
   */
  @Override
  public boolean offer(ReceivedCallback callback, long journalId, BooleanSupplier finished) {
    Origin origin = new Origin(journalId);
    Runnable finish = () -> {
      if (finished.getAsBoolean()) {
        origin.journalEntryFinished();
      }
    };
    return accept(callback, new Intake("j" + journalId, origin, finish, true));
  }

  private boolean accept(ReceivedCallback callback, Intake intake) {
    CallbackEvent event = callback.event();
    if (!open.getAsBoolean()) {
      if (intake.retryWhenFull()) {
        return false; // stays journaled
      }
      metrics.ignored("not-ready");
      log.warn("callback {} ignored: the bot is not running", event.command());
      return true;
    }
    Outcome outcome;
    try {
      outcome = route(event, intake);
    } catch (Store.Unavailable e) {
      if (!intake.retryWhenFull()) {
        throw e;
      }
      // The store is away (e.g. the dedupe claim failed): the callback stays journaled and the pump
      // offers it again, instead of it being finished unhandled.
      if (storeDownLog.admit("store-unavailable") >= 0) {
        log.warn("the store is unavailable; journaled callbacks wait until it is back: {}", e.getMessage());
      }
      return false;
    } catch (RuntimeException e) {
      log.error("callback {} could not be processed", event.command(), e);
      events.error(BotError.Kind.CALLBACK_FAILED, 0, "callback " + event.command() + " failed: " + e, e, null, "inbox");
      outcome = Outcome.DONE;
      intake.finished().run();
    }
    if (outcome != Outcome.FULL) {
      metrics.callbackReceived(event.command());
    }
    return outcome != Outcome.FULL;
  }

  /**
   * What became of a callback: a lane job was queued (it runs {@code finished}), it is done
   * ({@code finished} has run), or its lane was full and nothing was done (pump only).
   */
  private enum Outcome {
    QUEUED,
    DONE,
    FULL
  }

  private Outcome route(CallbackEvent event, Intake intake) {
    if (event instanceof C2CMessageCallback c2c) {
      return onC2C(c2c, intake);
    } else if (event instanceof GroupMessageCallback group) {
      return onGroup(group, intake);
    }
    routeEvent(event);
    intake.finished().run();
    return Outcome.DONE;
  }

  private void routeEvent(CallbackEvent event) {
    if (event instanceof MsgWithdrawCallback w) {
      if (self.equals(w.toAccount()) || self.equals(w.fromAccount())) {
        events.emit(BotEvent.MESSAGE_REVOKED,
            new BotEvent.MessageRevoked(Conversation.c2c(w.peer(self)), w.fromAccount(), w.msgKey(), List.of()));
      }
    } else if (event instanceof GroupRecallCallback r) {
      List<Long> seqs = r.msgSeqList().stream().map(GroupRecallCallback.SeqItem::msgSeq).toList();
      events.emit(BotEvent.MESSAGE_REVOKED,
          new BotEvent.MessageRevoked(Conversation.group(r.groupId()), r.operatorAccount(), null, seqs));
    } else if (event instanceof MsgReportCallback r) {
      if (self.equals(r.peerAccount())) {
        events.emit(BotEvent.MESSAGE_READ_BY_PEER,
            new BotEvent.MessageReadByPeer(r.reportAccount(), Instant.ofEpochSecond(r.lastReadTime())));
      }
    } else if (event instanceof MemberJoinCallback j) {
      if (j.newMemberList().stream().map(MemberAccount::memberAccount).anyMatch(self::equals)) {
        events.emit(BotEvent.GROUP_LIST_UPDATED, new BotEvent.GroupListUpdated(
            j.groupId(), BotEvent.GroupListUpdated.Change.JOINED, j.operatorAccount()));
      }
    } else if (event instanceof MemberExitCallback x) {
      if (x.exitMemberList().stream().map(MemberAccount::memberAccount).anyMatch(self::equals)) {
        events.emit(BotEvent.GROUP_LIST_UPDATED, new BotEvent.GroupListUpdated(
            x.groupId(), BotEvent.GroupListUpdated.Change.LEFT, x.operatorAccount()));
      }
    } else if (event instanceof PortraitSetCallback p) {
      String account = p.fromAccount();
      if (account != null) {
        profiles.invalidate(account);
        Map<String, Object> changes = new LinkedHashMap<>();
        p.profileItem().forEach(i -> changes.put(i.tag(),
            i.value() == null ? null : WireJson.mapper().convertValue(i.value(), Object.class)));
        events.emit(BotEvent.PROFILE_UPDATED, new BotEvent.ProfileUpdated(account, changes));
      }
    } else if (event instanceof BlacklistCallback b) {
      List<BotEvent.AccountPair> mine = b.pairList().stream().filter(pr -> self.equals(pr.fromAccount()))
          .map(Inbox::pair).toList();
      if (!mine.isEmpty()) {
        events.emit(BotEvent.BLACKLIST_UPDATED, new BotEvent.BlacklistUpdated(b.added(), mine));
      }
    } else if (event instanceof FriendCallback f) {
      List<BotEvent.AccountPair> mine = f.pairList().stream()
          .filter(pr -> self.equals(pr.fromAccount()) || self.equals(pr.toAccount())).map(Inbox::pair).toList();
      if (!mine.isEmpty()) {
        events.emit(BotEvent.FRIEND_LIST_UPDATED, new BotEvent.FriendListUpdated(f.added(), mine));
      }
    } else if (event instanceof StateChangeCallback s) {
      String action = s.action();
      if (self.equals(s.account())
          && (StateChangeCallback.LOGOUT.equals(action) || StateChangeCallback.DISCONNECT.equals(action))) {
        events.emit(BotEvent.KICKED_OUT,
            new BotEvent.KickedOut(self, action, s.info() == null ? null : s.info().reason()));
      } else if (s.account() != null && !self.equals(s.account())) {
        events.emit(BotEvent.USER_STATUS_UPDATED,
            new BotEvent.UserStatusUpdated(s.account(), action, s.info() == null ? null : s.info().reason()));
      }
    } else {
      log.debug("callback {} not used by the runtime", event.command());
    }
  }

  private Outcome onC2C(C2CMessageCallback cb, Intake intake) {
    String ignored = null;
    if (CallbackCommand.C2C_BEFORE_SEND_MSG.equals(cb.command())) {
      ignored = "before-send";
    } else if (cb.failed()) {
      ignored = "not-delivered";
    } else if (self.equals(cb.fromAccount())) {
      ignored = "own";
    }
    if (ignored != null) {
      metrics.ignored(ignored);
      intake.finished().run();
      return Outcome.DONE;
    }
    Message message = cb.toMessage(self);
    Routing routing = self.equals(cb.toAccount()) ? Routing.DIRECT : Routing.OBSERVED;
    return offer(message, routing, intake);
  }

  private Outcome onGroup(GroupMessageCallback cb, Intake intake) {
    String ignored = null;
    if (CallbackCommand.GROUP_BEFORE_SEND_MSG.equals(cb.command())) {
      ignored = "before-send";
    } else if (self.equals(cb.fromAccount())) {
      ignored = "own";
    }
    if (ignored != null) {
      metrics.ignored(ignored);
      intake.finished().run();
      return Outcome.DONE;
    }
    Message message = cb.toMessage();
    Routing routing = message.atAccounts().contains(self) ? Routing.MENTIONED : Routing.GROUP_UNMENTIONED;
    return offer(message, routing, intake);
  }

  private Outcome offer(Message message, Routing routing, Intake intake) {
    if (!firstTime(message, intake.owner())) {
      metrics.duplicate();
      dispatcher.traceIgnored(message, routing, "duplicate (seen within dispatch.dedupeTtl)", true);
      intake.finished().run();
      return Outcome.DONE;
    }
    String conv = message.conversation().conversationId();
    boolean wanted =
        switch (routing) {
          case DIRECT, MENTIONED -> true;
          case GROUP_UNMENTIONED -> registry.anyWantsAllGroupMessages() || asks.isWaiting(conv, message.from());
          case OBSERVED -> registry.anyObserver();
        };
    if (!wanted) {
      metrics.ignored("not-addressed");
      dispatcher.traceIgnored(message, routing, "not addressed to the bot", false);
      intake.finished().run();
      return Outcome.DONE;
    }
    LaneExecutor.Job job = journaled(dispatcher.job(message, routing), intake);
    if (intake.retryWhenFull()) {
      if (!lanes.submit(conv, job)) {
        return Outcome.FULL; // the pump offers it again; the dedupe claim is this entry's own
      }
      received(message, routing);
      return Outcome.QUEUED;
    }
    received(message, routing);
    if (lanes.submit(conv, job)) {
      return Outcome.QUEUED;
    }
    metrics.rejected();
    log.warn("conversation {} has a full queue: message {} rejected", conv, message.dedupeKey());
    events.error(BotError.Kind.QUEUE_FULL, 0,
        "queue full: conversation " + conv + " has " + lanes.depth(conv) + " messages, all lanes "
            + lanes.pending() + "; message " + message.dedupeKey()
            + " was rejected (policy: reject new, reported here with the message)",
        null, message, "inbox");
    intake.finished().run();
    return Outcome.DONE;
  }

  private void received(Message message, Routing routing) {
    metrics.messageReceived(message.conversation().isGroup(), routing);
    if (routing != Routing.OBSERVED) {
      events.emit(BotEvent.MESSAGE_RECEIVED, new BotEvent.MessageReceived(message));
    }
  }

  /**
   * The lane job with the journal entry current while the handler runs (so its sends get stable
   * ids), finishing the entry once the job is done and its sends are recorded.
   */
  private static LaneExecutor.Job journaled(LaneExecutor.Job job, Intake intake) {
    if (intake.origin() == null) {
      return job;
    }
    return done -> {
      CompletableFuture<Void> inner = new CompletableFuture<>();
      inner.whenComplete((v, e) -> intake.origin().recordsDurable().whenComplete((x, y) -> {
        try {
          intake.finished().run();
        } finally {
          done.complete(null);
        }
      }));
      Exception[] thrown = {null};
      intake.origin().runWith(() -> {
        try {
          job.run(inner);
        } catch (Exception e) {
          thrown[0] = e;
        }
      });
      if (thrown[0] != null) {
        inner.complete(null);
        throw thrown[0];
      }
    };
  }

  /** Claims every identity of the message for {@code owner}; true if none was held by another. */
  private synchronized boolean firstTime(Message m, String owner) {
    List<String> keys = new ArrayList<>(2);
    if (m.msgId() != null && !m.msgId().isEmpty()) {
      keys.add("id:" + m.msgId());
    }
    if (m.msgKey() != null && !m.msgKey().isEmpty()) {
      keys.add("key:" + m.msgKey());
    }
    if (keys.isEmpty()) {
      keys.add(m.dedupeKey());
    }
    DedupeWindow window = dedupe.get();
    boolean fresh = true;
    for (String k : keys) {
      String holder = window.claim(k, owner, dedupeTtl).orElse(owner);
      fresh &= holder.equals(owner);
    }
    return fresh;
  }

  private static BotEvent.AccountPair pair(AccountPair p) {
    return new BotEvent.AccountPair(p.fromAccount(), p.toAccount(), p.initiatorAccount());
  }
}
