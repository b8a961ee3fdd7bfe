package dev.timbot.internal.runtime;

import dev.timbot.MatchTrace.Routing;
import dev.timbot.MatchTrace.Verdict;
import dev.timbot.internal.dispatch.HandlerDef;
import dev.timbot.message.Message;

/**
 * Whether a message is addressed to a handler at all, before its matcher is asked: the handler's
 * conversation scope (C2C or group only) and how the message reached the bot ({@link Routing}: an
 * un-mentioned group message, or one between other accounts) against what it opted in to.
 */
final class HandlerAddressing {
  private HandlerAddressing() {}

  /** Why {@code h} is not addressed by {@code m}, or null when it is. */
  static String problem(HandlerDef h, Message m, Routing routing) {
    boolean group = m.conversation().isGroup();
    if (h.scope() == HandlerDef.Scope.C2C && group) {
      return "C2C-only handler, group message";
    }
    if (h.scope() == HandlerDef.Scope.GROUP && !group) {
      return "group-only handler, C2C message";
    }
    if (routing == Routing.OBSERVED && !h.isObserver()) {
      return "message between other accounts; the handler is not an observer";
    }
    if (routing == Routing.GROUP_UNMENTIONED && !h.wantsAllGroupMessages()) {
      return "group message without an @-mention of the bot; the handler did not opt in";
    }
    return null;
  }

  /** The trace's verdict for a handler {@link #problem} ruled out. */
  static Verdict verdict(HandlerDef h, Message m, Routing routing) {
    boolean group = m.conversation().isGroup();
    if ((h.scope() == HandlerDef.Scope.C2C && group) || (h.scope() == HandlerDef.Scope.GROUP && !group)) {
      return Verdict.WRONG_CONVERSATION;
    }
    return routing == Routing.OBSERVED ? Verdict.NOT_ADDRESSED : Verdict.NOT_MENTIONED;
  }
}
