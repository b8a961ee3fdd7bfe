package dev.timbot.internal.inbox;

import dev.timbot.internal.callback.C2CMessageCallback;
import dev.timbot.internal.callback.CallbackEvent;
import dev.timbot.internal.callback.GroupMessageCallback;
import dev.timbot.internal.callback.GroupRecallCallback;
import dev.timbot.internal.callback.MsgWithdrawCallback;
import dev.timbot.internal.callback.StateChangeCallback;

/**
 * The journal partition of a callback: the conversation it belongs to, in the form of {@code
 * Conversation.conversationId()} ({@code C2Calice}, {@code GROUP@TGS#…}), so that a conversation's
 * callbacks, and a user's status changes with that user's messages, are handled in arrival order
 * by one process. Callbacks of no conversation share the empty partition.
 */
final class CallbackPartition {
  private CallbackPartition() {}

  static String of(CallbackEvent event, String self) {
    if (event instanceof C2CMessageCallback c) {
      return c2c(c.peer(self));
    }
    if (event instanceof MsgWithdrawCallback w) {
      return c2c(w.peer(self));
    }
    if (event instanceof GroupMessageCallback g) {
      return group(g.groupId());
    }
    if (event instanceof GroupRecallCallback r) {
      return group(r.groupId());
    }
    if (event instanceof StateChangeCallback s) {
      return c2c(s.account());
    }
    return "";
  }

  private static String c2c(String peer) {
    return peer == null ? "" : "C2C" + peer;
  }

  private static String group(String groupId) {
    return groupId == null ? "" : "GROUP" + groupId;
  }
}
