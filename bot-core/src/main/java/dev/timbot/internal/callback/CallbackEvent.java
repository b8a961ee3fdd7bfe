package dev.timbot.internal.callback;

/**
 * The body of one Tencent IM third-party callback, parsed by {@code CallbackCommand}. Commands
 * timbot does not model arrive as {@link UnknownCallback} with the raw JSON.
 */
public sealed interface CallbackEvent
    permits C2CMessageCallback,
        GroupMessageCallback,
        MsgReportCallback,
        MsgWithdrawCallback,
        GroupRecallCallback,
        StateChangeCallback,
        FriendCallback,
        BlacklistCallback,
        PortraitSetCallback,
        MemberJoinCallback,
        MemberExitCallback,
        UnknownCallback {

  /** The {@code CallbackCommand}. */
  String command();
}
