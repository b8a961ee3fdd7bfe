package dev.timbot;

import dev.timbot.BotEvent.NetState;

import dev.timbot.message.Conversation;
import dev.timbot.message.Message;
import dev.timbot.BotEvent.NetState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A lifecycle or IM event the bot emits, named after the TIM SDK's {@code TIM.EVENT.*}, with a
 * typed payload: {@code bot.on(BotEvent.MESSAGE_REVOKED, e -> log.info("{} revoked", e.from()))}.
 *
 * <p>Listeners run on the thread that produced the event (a handler lane, the callback thread, the
 * caller of {@code start()}/{@code stop()}) and should return quickly. A listener that throws
 * does not affect other listeners; the failure is reported as an {@link #ERROR} event (a failing
 * {@code ERROR} listener is only logged, so errors never recurse).
 *
 * @param <T> the payload type
 */
public final class BotEvent<T> {
  /** The bot is logged in and handling messages. */
  public static final BotEvent<Ready> SDK_READY = new BotEvent<>("SDK_READY", Ready.class);
  /** The bot stopped: intake closed, lanes drained, sends flushed (or the deadline passed). */
  public static final BotEvent<NotReady> SDK_NOT_READY = new BotEvent<>("SDK_NOT_READY", NotReady.class);
  /** A message addressed to the bot passed de-duplication and is about to be dispatched. */
  public static final BotEvent<MessageReceived> MESSAGE_RECEIVED =
      new BotEvent<>("MESSAGE_RECEIVED", MessageReceived.class);
  /** A C2C message to or from the bot, or a group message, was recalled. */
  public static final BotEvent<MessageRevoked> MESSAGE_REVOKED =
      new BotEvent<>("MESSAGE_REVOKED", MessageRevoked.class);
  /** A peer reported the C2C conversation with the bot read ({@code C2C.CallbackAfterMsgReport}). */
  public static final BotEvent<MessageReadByPeer> MESSAGE_READ_BY_PEER =
      new BotEvent<>("MESSAGE_READ_BY_PEER", MessageReadByPeer.class);
  /** The bot joined or left a group. */
  public static final BotEvent<GroupListUpdated> GROUP_LIST_UPDATED =
      new BotEvent<>("GROUP_LIST_UPDATED", GroupListUpdated.class);
  /** An account's profile changed ({@code Profile.CallbackPortraitSet}); the bot's profile cache drops it. */
  public static final BotEvent<ProfileUpdated> PROFILE_UPDATED =
      new BotEvent<>("PROFILE_UPDATED", ProfileUpdated.class);
  /** The bot's blacklist changed. */
  public static final BotEvent<BlacklistUpdated> BLACKLIST_UPDATED =
      new BotEvent<>("BLACKLIST_UPDATED", BlacklistUpdated.class);
  /** The bot's friend list changed. */
  public static final BotEvent<FriendListUpdated> FRIEND_LIST_UPDATED =
      new BotEvent<>("FRIEND_LIST_UPDATED", FriendListUpdated.class);
  /** Something failed without failing the bot: a handler, a listener, a full queue, a send. */
  public static final BotEvent<BotError> ERROR = new BotEvent<>("ERROR", BotError.class);
  /**
   * The bot's own account was logged out or disconnected by the service ({@code State.StateChange}
   * with {@code Action} {@code Logout} or {@code Disconnect} for the bot account) — someone used
   * the account from a client SDK. The REST-based bot keeps running; the event lets you alert.
   */
  public static final BotEvent<KickedOut> KICKED_OUT = new BotEvent<>("KICKED_OUT", KickedOut.class);
  /** REST reachability changed: CONNECTED, CONNECTING (retrying), DISCONNECTED (retries ran out). */
  public static final BotEvent<NetStateChange> NET_STATE_CHANGE =
      new BotEvent<>("NET_STATE_CHANGE", NetStateChange.class);

  /**
   * Another account logged in, out or lost its connection ({@code State.StateChange}), named
   * after {@code TIM.EVENT.USER_STATUS_UPDATED}. The bot's own logout is {@link #KICKED_OUT}.
   */
  public static final BotEvent<UserStatusUpdated> USER_STATUS_UPDATED =
      new BotEvent<>("USER_STATUS_UPDATED", UserStatusUpdated.class);

  /**
   * A question asked with {@code ctx.ask(...)} got no answer by its deadline, and no continuation
   * is waiting for it any more: the bot was restarted (or, with a shared store, another process now
   * holds the conversation) after asking. Raised once per question, in the conversation's lane,
   * about half a minute after the deadline (within one poll of the store's timers). While the asking
   * process lives, the timeout completes the {@code ask} future as before and this event is not
   * raised. A listener typically tells the user, e.g. {@code bot.send(e.conversation(), "Sorry, I
   * lost track of your answer; please start again.")}.
   */
  public static final BotEvent<AskExpired> ASK_EXPIRED = new BotEvent<>("ASK_EXPIRED", AskExpired.class);

  /** Every built-in event, in declaration order. */
  public static final List<BotEvent<?>> ALL =
      List.of(
          SDK_READY, SDK_NOT_READY, MESSAGE_RECEIVED, MESSAGE_REVOKED, MESSAGE_READ_BY_PEER,
          GROUP_LIST_UPDATED, PROFILE_UPDATED, BLACKLIST_UPDATED, FRIEND_LIST_UPDATED, ERROR,
          KICKED_OUT, NET_STATE_CHANGE, USER_STATUS_UPDATED, ASK_EXPIRED);

  private final String name;
  private final Class<T> dataType;

  private BotEvent(String name, Class<T> dataType) {
    this.name = name;
    this.dataType = dataType;
  }

  /**
   * An event a plugin defines and emits through {@link BotEvents} (e.g. the calls plugin's
   * {@code CALL_ENDED}). Events are compared by identity: keep the instance in a constant.
   */
  public static <T> BotEvent<T> custom(String name, Class<T> dataType) {
    return new BotEvent<>(name, dataType);
  }

  /** The TIM SDK name, e.g. {@code SDK_READY}. */
  public String name() {
    return name;
  }

  public Class<T> dataType() {
    return dataType;
  }

  @Override
  public String toString() {
    return name;
  }

  /** Receives one kind of event. */
  @FunctionalInterface
  public interface Listener<T> {
    void on(T event) throws Exception;
  }

  // --- payloads ---------------------------------------------------------------------------------

  public record Ready(String account) {}

  /** @param clean false when the stop deadline passed with work still pending */
  public record NotReady(String account, boolean clean) {}

  public record MessageReceived(Message message) {}

  /**
   * The payload of {@link #ASK_EXPIRED}.
   *
   * @param conversation where the question was asked
   * @param user who was asked
   * @param prompt the question's text, or null when the ask had none
   * @param deadline when the answer was due
   */
  public record AskExpired(Conversation conversation, String user, String prompt, Instant deadline) {}

  /**
   * @param conversation where the message was
   * @param operator who recalled it
   * @param msgKey the C2C {@code MsgKey}, or null for group recalls
   * @param msgSeqs the group sequences, empty for C2C
   */
  public record MessageRevoked(
      Conversation conversation, String operator, String msgKey, List<Long> msgSeqs) {}

  /** @param reader who read; @param lastReadTime read up to this time */
  public record MessageReadByPeer(String reader, Instant lastReadTime) {}

  public record GroupListUpdated(String groupId, Change change, String operator) {
    public enum Change {
      JOINED,
      LEFT
    }
  }

  /** {@code changes}: tag → new value as a plain Java value (String, Long, List…). */
  public record ProfileUpdated(String account, Map<String, Object> changes) {}

  public record BlacklistUpdated(boolean added, List<AccountPair> pairs) {}

  /** One relationship change: who acted on whom ({@code initiator} may be null). */
  public record AccountPair(String from, String to, String initiator) {}

  public record FriendListUpdated(boolean added, List<AccountPair> pairs) {}

  /** @param action {@code Logout} or {@code Disconnect}; @param reason the service's reason */
  public record KickedOut(String account, String action, String reason) {}

  public record NetStateChange(NetState state) {}

  /**
   * @param action {@code Login}, {@code Logout} or {@code Disconnect}
   * @param reason the service's reason ({@code Register}, {@code Unregister}, {@code LinkClose}, {@code TimeOut})
   */
  public record UserStatusUpdated(String userId, String action, String reason) {
    /** True after a login, false after a logout or a lost connection. */
    public boolean online() {
      return "Login".equals(action);
    }
  }

  /**
   * A failure reported without stopping the bot.
   *
   * @param kind what failed
   * @param code the IM error code when there is one, else 0
   * @param description a human-readable summary (never contains secrets)
   * @param cause the exception, if any
   * @param message the message being handled, if any (for QUEUE_FULL: the rejected message)
   * @param source the handler, listener or interceptor at fault, if known
   */
  public record BotError(
      Kind kind, int code, String description, Throwable cause, Message message, String source) {
    public enum Kind {
      /** A handler threw. */
      HANDLER_FAILED,
      /** A handler ran past its timeout; its lane moved on. */
      HANDLER_TIMEOUT,
      /** An interceptor threw; the message was not dispatched further. */
      INTERCEPTOR_FAILED,
      /** A conversation's queue was full and the message was rejected (it is attached). */
      QUEUE_FULL,
      /** An event listener threw. */
      LISTENER_FAILED,
      /** A send failed. */
      SEND_FAILED,
      /** A callback could not be processed. */
      CALLBACK_FAILED,
      /** A plugin reported a problem it survived (e.g. a rules file that failed to reload). */
      PLUGIN_FAILED,
      /** {@code stop()} reached its deadline with lanes or sends pending. */
      STOP_DEADLINE
    }
  }

  /**
   * Reachability of the IM REST API, named after {@code TIM.TYPES.NET_STATE_*}: connected,
   * connecting (a call is being retried after a transport failure), disconnected (retries ran out).
   */
  public enum NetState {
    CONNECTED,
    CONNECTING,
    DISCONNECTED
  }
}
