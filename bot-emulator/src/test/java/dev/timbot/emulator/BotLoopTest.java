package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.message.TextElem;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The loop the emulator exists for: a console user writes to a robot, the bot's callback
 * endpoint gets {@code Bot.OnC2CMessage}, the bot answers through REST {@code sendmsg}, and the
 * user's client receives the answer live.
 */
class BotLoopTest {
  @Test
  void userTalksToARobotThroughCallbacksAndRest() throws Exception {
    try (CallbackCapture bot = new CallbackCapture(); LocalIm im = LocalIm.builder().start()) {
      Rest rest = new Rest(im);
      bot.answer("Bot.OnC2CMessage", body -> {
        // The bot answers asynchronously, as a real one would after acking.
        String from = body.path("From_Account").asText();
        String text = body.at("/MsgBody/0/MsgContent/Text").asText();
        new Thread(() -> rest.call("openim", "sendmsg", "{'From_Account':'@RBT#echo','To_Account':'" + from
            + "','MsgRandom':" + ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE)
            + ",'MsgBody':[{'MsgType':'TIMTextElem','MsgContent':{'Text':'You said: " + text + "'}}]}")).start();
        return "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}";
      });
      im.setCallback(bot.url(), null);
      rest.call("openim_robot_http_svc", "create_robot", "{'UserID':'@RBT#echo','Nick':'Echo'}");

      im.users().login("alice");
      List<ClientMessage> inbox = new CopyOnWriteArrayList<>();
      im.users().subscribe("alice", new ImUserListener() {
        @Override
        public void onMessage(ClientMessage m) {
          if (!m.from().equals("alice")) {
            inbox.add(m);
          }
        }
      });
      im.users().sendC2C("alice", "@RBT#echo", List.of(TextElem.of("ping")), null);

      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !inbox.isEmpty());
      assertThat(inbox.get(0).from()).isEqualTo("@RBT#echo");
      assertThat(inbox.get(0).body()).containsExactly(TextElem.of("You said: ping"));
      ConversationSummary conv = im.users().conversations("alice").get(0);
      assertThat(conv.conversationId()).isEqualTo("C2C@RBT#echo");
      assertThat(conv.name()).isEqualTo("Echo");
      assertThat(conv.unreadCount()).isEqualTo(1);
      assertThat(im.users().accounts()).contains("alice", "@RBT#echo", "administrator");
    }
  }
}
