package dev.timbot.emulator.internal.wire;

/** Callback command names, as the callback pages spell them ({@code CallbackCommand}). */
public final class Commands {
  public static final String C2C_BEFORE_SEND_MSG = "C2C.CallbackBeforeSendMsg";
  public static final String C2C_AFTER_SEND_MSG = "C2C.CallbackAfterSendMsg";
  public static final String C2C_AFTER_MSG_REPORT = "C2C.CallbackAfterMsgReport";
  public static final String C2C_AFTER_MSG_WITHDRAW = "C2C.CallbackAfterMsgWithDraw";
  public static final String BOT_ON_C2C_MESSAGE = "Bot.OnC2CMessage";
  public static final String BOT_ON_GROUP_MESSAGE = "Bot.OnGroupMessage";
  public static final String GROUP_BEFORE_SEND_MSG = "Group.CallbackBeforeSendMsg";
  public static final String GROUP_AFTER_SEND_MSG = "Group.CallbackAfterSendMsg";
  public static final String GROUP_AFTER_RECALL_MSG = "Group.CallbackAfterRecallMsg";
  public static final String GROUP_AFTER_NEW_MEMBER_JOIN = "Group.CallbackAfterNewMemberJoin";
  public static final String GROUP_AFTER_MEMBER_EXIT = "Group.CallbackAfterMemberExit";
  public static final String STATE_CHANGE = "State.StateChange";
  public static final String SNS_FRIEND_ADD = "Sns.CallbackFriendAdd";
  public static final String SNS_FRIEND_DELETE = "Sns.CallbackFriendDelete";
  public static final String SNS_BLACKLIST_ADD = "Sns.CallbackBlackListAdd";
  public static final String SNS_BLACKLIST_DELETE = "Sns.CallbackBlackListDelete";
  public static final String PROFILE_PORTRAIT_SET = "Profile.CallbackPortraitSet";

  private Commands() {}
}
