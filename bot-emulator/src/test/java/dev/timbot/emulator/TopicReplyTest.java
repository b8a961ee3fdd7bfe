package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.Bot;
import dev.timbot.message.TextElem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reply to a Community topic message goes back to the topic, not the group's main channel. */
class TopicReplyTest {
  static final String BOT = "@RBT#topics";

  @TempDir Path media;

  @Test
  void theBotAnswersInTheTopicItWasAskedIn() throws Exception {
    try (LocalIm im = LocalIm.start()) {
      Rest rest = new Rest(im);
      rest.accounts("alice");
      Bot bot = BotOnEmulator.start(im, media, BOT, on -> on.text(ctx -> ctx.reply("You said: " + ctx.text())));
      try {
        String gid = rest.call("group_open_http_svc", "create_group", "{'Owner_Account':'alice','Type':'Community',"
            + "'Name':'C','MemberList':[{'Member_Account':'" + BOT + "'}]}").path("GroupId").asText();
        String topic = "@TGS#_" + gid + "@TOPIC#_help";
        BlockingQueue<ClientMessage> seen = new LinkedBlockingQueue<>();
        im.users().login("alice");
        im.users().subscribe("alice", new ImUserListener() {
          @Override
          public void onMessage(ClientMessage m) {
            if (BOT.equals(m.from())) {
              seen.add(m);
            }
          }
        });
        assertThat(rest.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid + "','TopicId':'" + topic
            + "','From_Account':'alice','Random':1,'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'hi'}}],"
            + "'GroupAtInfo':[{'GroupAtAllFlag':0,'GroupAt_Account':'" + BOT + "'}]}").path("ErrorCode").asInt()).isZero();

        ClientMessage reply = seen.poll(20, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        assertThat(reply.conversationId()).isEqualTo("GROUP" + topic);
        assertThat(reply.groupId()).isEqualTo(gid);
        assertThat(reply.body()).containsExactly(TextElem.of("You said: hi"));
        // Recalling the reply names its topic in Group.CallbackAfterRecallMsg.
        try (CallbackCapture target = new CallbackCapture()) {
          im.setCallback(target.url());
          rest.call("group_open_http_svc", "group_msg_recall", "{'GroupId':'" + gid + "','MsgSeqList':[{'MsgSeq':"
              + reply.msgSeq() + "}]}");
          assertThat(target.await("Group.CallbackAfterRecallMsg").body().path("TopicId").asText()).isEqualTo(topic);
        }
        // A topic of another group is refused, as is a topic in a group without topics.
        assertThat(rest.call("group_open_http_svc", "send_group_msg", "{'GroupId':'" + gid
            + "','TopicId':'@TGS#_@TGS#other@TOPIC#_x','Random':2,'MsgBody':[{'MsgType':'TIMTextElem',"
            + "'MsgContent':{'Text':'x'}}]}").path("ErrorCode").asInt()).isEqualTo(10004);
      } finally {
        bot.stop();
      }
    }
  }
}
