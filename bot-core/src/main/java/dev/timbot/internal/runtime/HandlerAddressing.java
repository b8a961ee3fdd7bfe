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

  /** The ways a message can miss a handler: the trace's verdict and its words. */
  private enum Unaddressed {
    C2C_ONLY(Verdict.WRONG_CONVERSATION, "C2C-only handler, group message"),
    GROUP_ONLY(Verdict.WRONG_CONVERSATION, "group-only handler, C2C message"),
    NOT_OBSERVER(Verdict.NOT_ADDRESSED, "message between other accounts; the handler is not an observer"),
    UNMENTIONED(Verdict.NOT_MENTIONED, "group message without an @-mention of the bot; the handler did not opt in");

    final Verdict verdict;
    final String detail;

    Unaddressed(Verdict verdict, String detail) {
      this.verdict = verdict;
      this.detail = detail;
    }

    static Unaddressed of(HandlerDef h, Message m, Routing routing) {
      boolean group = m.conversation().isGroup();
      if (h.scope() == HandlerDef.Scope.C2C && group) {
        return C2C_ONLY;
      }
      if (h.scope() == HandlerDef.Scope.GROUP && !group) {
        return GROUP_ONLY;
      }
      if (routing == Routing.OBSERVED && !h.isObserver()) {
        return NOT_OBSERVER;
      }
      if (routing == Routing.GROUP_UNMENTIONED && !h.wantsAllGroupMessages()) {
        return UNMENTIONED;
      }
      return null;
    }
  }

  /** Why {@code h} is not addressed by {@code m}, or null when it is. */
  static String problem(HandlerDef h, Message m, Routing routing) {
    Unaddressed u = Unaddressed.of(h, m, routing);
    return u == null ? null : u.detail;
  }

  /** The trace's verdict for a handler {@link #problem} ruled out ({@code SKIPPED} for one it did not). */
  static Verdict verdict(HandlerDef h, Message m, Routing routing) {
    Unaddressed u = Unaddressed.of(h, m, routing);
    return u == null ? Verdict.SKIPPED : u.verdict;
  }
}
