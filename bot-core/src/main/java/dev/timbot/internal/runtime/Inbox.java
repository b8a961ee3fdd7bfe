package dev.timbot.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns received callbacks into lane jobs and events (DESIGN.md §1, "Inbox"). For messages:
 * drop the bot's own (loop guard) and undelivered ones, drop redeliveries (Caffeine on the bot's
 * clock, keyed by MsgId and MsgKey so the same message from two callback commands counts once),
 * decide how it is addressed — C2C to the bot, @-mention in a group, unmentioned group message,
 * or between others — and queue it on its conversation's lane only if some handler (or a pending
 * {@code ask}) can want it. A full lane rejects the message, reported as a metric and an {@code
 * ERROR} event carrying the message.
 *
 * <p>Before-send callbacks are ignored: the after-send callback of the same message follows, and
 * answering twice would be wrong. One receiver may feed several bots; each keeps only what
 * concerns its own account.
 */
public final class Inbox {
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
  private final Cache<String, Boolean> seen;

  public Inbox(
      String self, EventBus events, BotMetrics metrics, LaneExecutor lanes, MessageDispatcher dispatcher,
      HandlerRegistry registry, AskRegistry asks, ProfileCache profiles, BotClock clock, Duration dedupeTtl,
      BooleanSupplier open) {
    this.self = self;
    this.events = events;
    this.metrics = metrics;
    this.lanes = lanes;
    this.dispatcher = dispatcher;
    this.registry = registry;
    this.asks = asks;
    this.profiles = profiles;
    this.open = open;
    this.seen = Caffeine.newBuilder().expireAfterWrite(dedupeTtl).ticker(clock::nanoTime).maximumSize(500_000).build();
  }

  /** The receiver's entry point. Never throws: failures are reported as {@code ERROR}. */
  public void accept(ReceivedCallback callback) {
    CallbackEvent event = callback.event();
    metrics.callbackReceived(event.command());
    if (!open.getAsBoolean()) {
      metrics.ignored("not-ready");
      log.warn("callback {} ignored: the bot is not running", event.command());
      return;
    }
    try {
      route(event);
    } catch (RuntimeException e) {
      log.error("callback {} could not be processed", event.command(), e);
      events.error(BotError.Kind.CALLBACK_FAILED, 0, "callback " + event.command() + " failed: " + e, e, null, "inbox");
    }
  }

  private void route(CallbackEvent event) {
    if (event instanceof C2CMessageCallback c2c) {
      onC2C(c2c);
    } else if (event instanceof GroupMessageCallback group) {
      onGroup(group);
    } else if (event instanceof MsgWithdrawCallback w) {
      if (self.equals(w.toAccount()) || self.equals(w.fromAccount())) {
        String peer = self.equals(w.fromAccount()) ? w.toAccount() : w.fromAccount();
        events.emit(BotEvent.MESSAGE_REVOKED,
            new BotEvent.MessageRevoked(Conversation.c2c(peer), w.fromAccount(), w.msgKey(), List.of()));
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

  private void onC2C(C2CMessageCallback cb) {
    if (CallbackCommand.C2C_BEFORE_SEND_MSG.equals(cb.command())) {
      metrics.ignored("before-send");
      return;
    }
    if (cb.failed()) {
      metrics.ignored("not-delivered");
      return;
    }
    if (self.equals(cb.fromAccount())) {
      metrics.ignored("own");
      return;
    }
    Message message = cb.toMessage(self);
    Routing routing = self.equals(cb.toAccount()) ? Routing.DIRECT : Routing.OBSERVED;
    offer(message, routing);
  }

  private void onGroup(GroupMessageCallback cb) {
    if (CallbackCommand.GROUP_BEFORE_SEND_MSG.equals(cb.command())) {
      metrics.ignored("before-send");
      return;
    }
    if (self.equals(cb.fromAccount())) {
      metrics.ignored("own");
      return;
    }
    Message message = cb.toMessage();
    Routing routing = message.atAccounts().contains(self) ? Routing.MENTIONED : Routing.GROUP_UNMENTIONED;
    offer(message, routing);
  }

  private void offer(Message message, Routing routing) {
    if (!firstTime(message)) {
      metrics.duplicate();
      dispatcher.traceIgnored(message, routing, "duplicate (seen within dispatch.dedupeTtl)", true);
      return;
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
      return;
    }
    metrics.messageReceived(message.conversation().isGroup(), routing.name().toLowerCase(java.util.Locale.ROOT));
    if (routing != Routing.OBSERVED) {
      events.emit(BotEvent.MESSAGE_RECEIVED, new BotEvent.MessageReceived(message));
    }
    if (!lanes.submit(conv, dispatcher.job(message, routing))) {
      metrics.rejected();
      log.warn("conversation {} has a full queue: message {} rejected", conv, message.dedupeKey());
      events.error(BotError.Kind.QUEUE_FULL, 0,
          "queue full: conversation " + conv + " has " + lanes.depth(conv) + " messages, all lanes "
              + lanes.pending() + "; message " + message.dedupeKey()
              + " was rejected (policy: reject new, reported here with the message)",
          null, message, "inbox");
    }
  }

  /** Marks every identity of the message; true if none was seen within the TTL. */
  private synchronized boolean firstTime(Message m) {
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
    boolean fresh = keys.stream().noneMatch(k -> seen.getIfPresent(k) != null);
    keys.forEach(k -> seen.put(k, Boolean.TRUE));
    return fresh;
  }

  private static BotEvent.AccountPair pair(AccountPair p) {
    return new BotEvent.AccountPair(p.fromAccount(), p.toAccount(), p.initiatorAccount());
  }
}
