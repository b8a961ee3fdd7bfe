package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.timbot.BotEvent;
import dev.timbot.BotEvent.NetState;
import dev.timbot.message.Conversation;
import dev.timbot.internal.callback.AccountPair;
import dev.timbot.internal.callback.BlacklistCallback;
import dev.timbot.internal.callback.CallbackCommand;
import dev.timbot.internal.callback.FriendCallback;
import dev.timbot.internal.callback.GroupRecallCallback;
import dev.timbot.internal.callback.MemberAccount;
import dev.timbot.internal.callback.MemberExitCallback;
import dev.timbot.internal.callback.MemberJoinCallback;
import dev.timbot.internal.callback.MsgReportCallback;
import dev.timbot.internal.callback.MsgWithdrawCallback;
import dev.timbot.internal.callback.PortraitSetCallback;
import dev.timbot.internal.callback.StateChangeCallback;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventsTest {
  @RegisterExtension
  BotTester tester = BotTester.of(on -> on.text(ctx -> {}));

  @Test
  void messageReceived() {
    var d = tester.user("alice").says("hi");
    assertThat(tester.events(BotEvent.MESSAGE_RECEIVED)).containsExactly(new BotEvent.MessageReceived(d.message()));
  }

  @Test
  void revokedAndReadByPeer() {
    tester.deliver(Wire.json(new MsgWithdrawCallback(CallbackCommand.C2C_AFTER_MSG_WITHDRAW, "alice", "bot", "1_2_3", 0, null)));
    tester.deliver(Wire.json(new MsgWithdrawCallback(CallbackCommand.C2C_AFTER_MSG_WITHDRAW, "alice", "carol", "4_5_6", 0, null)));
    tester.deliver(Wire.json(new GroupRecallCallback(CallbackCommand.GROUP_AFTER_RECALL_MSG, "alice", "Public", "@TGS#1",
        List.of(new GroupRecallCallback.SeqItem(7)), null, null)));
    assertThat(tester.events(BotEvent.MESSAGE_REVOKED)).containsExactly(
        new BotEvent.MessageRevoked(Conversation.c2c("alice"), "alice", "1_2_3", List.of()),
        new BotEvent.MessageRevoked(Conversation.group("@TGS#1"), "alice", null, List.of(7L)));
    tester.deliver(Wire.json(new MsgReportCallback(CallbackCommand.C2C_AFTER_MSG_REPORT, "alice", "bot", 1700000000, 0, null)));
    assertThat(tester.events(BotEvent.MESSAGE_READ_BY_PEER))
        .containsExactly(new BotEvent.MessageReadByPeer("alice", Instant.ofEpochSecond(1700000000)));
  }

  @Test
  void groupListProfileBlacklistAndFriends() {
    tester.deliver(Wire.json(new MemberJoinCallback(CallbackCommand.GROUP_AFTER_NEW_MEMBER_JOIN, "@TGS#1", "Public", "Invited",
        "owner", List.of(new MemberAccount("bot")), null)));
    tester.deliver(Wire.json(new MemberExitCallback(CallbackCommand.GROUP_AFTER_MEMBER_EXIT, "@TGS#1", "Public", "Kicked",
        "owner", List.of(new MemberAccount("bot")), null)));
    tester.deliver(Wire.json(new MemberJoinCallback(CallbackCommand.GROUP_AFTER_NEW_MEMBER_JOIN, "@TGS#1", "Public", "Apply",
        "x", List.of(new MemberAccount("someone")), null)));
    assertThat(tester.events(BotEvent.GROUP_LIST_UPDATED)).extracting(BotEvent.GroupListUpdated::change)
        .containsExactly(BotEvent.GroupListUpdated.Change.JOINED, BotEvent.GroupListUpdated.Change.LEFT);

    tester.deliver(Wire.json(new PortraitSetCallback(CallbackCommand.PROFILE_PORTRAIT_SET, "alice", "alice", null,
        List.of(new PortraitSetCallback.ProfileItem("Tag_Profile_IM_Nick", TextNode.valueOf("Al"))))));
    assertThat(tester.events(BotEvent.PROFILE_UPDATED))
        .containsExactly(new BotEvent.ProfileUpdated("alice", Map.of("Tag_Profile_IM_Nick", "Al")));

    tester.deliver(Wire.json(new BlacklistCallback(CallbackCommand.SNS_BLACKLIST_ADD,
        List.of(new AccountPair("bot", "spammer", null)), null)));
    assertThat(tester.events(BotEvent.BLACKLIST_UPDATED)).singleElement()
        .satisfies(e -> assertThat(e.added()).isTrue());
    tester.deliver(Wire.json(new FriendCallback(CallbackCommand.SNS_FRIEND_ADD, List.of(new AccountPair("alice", "bot", "alice")),
        "friend_add", "", 1, null)));
    assertThat(tester.events(BotEvent.FRIEND_LIST_UPDATED)).singleElement()
        .satisfies(e -> assertThat(e.pairs()).containsExactly(new BotEvent.AccountPair("alice", "bot", "alice")));
  }

  @Test
  void kickedOutWhenTheBotAccountIsLoggedOutOrDisconnected() {
    tester.deliver(Wire.json(new StateChangeCallback(CallbackCommand.STATE_CHANGE, 1L,
        new StateChangeCallback.Info("Logout", "bot", "Unregister"), null)));
    tester.deliver(Wire.json(new StateChangeCallback(CallbackCommand.STATE_CHANGE, 1L,
        new StateChangeCallback.Info("Login", "bot", "Register"), null)));
    tester.deliver(Wire.json(new StateChangeCallback(CallbackCommand.STATE_CHANGE, 1L,
        new StateChangeCallback.Info("Disconnect", "alice", "LinkClose"), null)));
    assertThat(tester.events(BotEvent.KICKED_OUT)).containsExactly(new BotEvent.KickedOut("bot", "Logout", "Unregister"));
    assertThat(tester.bot().isReady()).isTrue();
  }

}
