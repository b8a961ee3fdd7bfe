package dev.timbot.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.Bot;
import dev.timbot.BotConfig;
import dev.timbot.emulator.ClientMessage;
import dev.timbot.emulator.ImUserListener;
import dev.timbot.emulator.LocalIm;
import dev.timbot.message.TextElem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The echo bot with its production wiring (REST client + callback server) against the emulator, on loopback. */
class EchoOnEmulatorTest {
  @TempDir Path media;

  @Test
  void aUserTalksToTheEchoBotThroughTheEmulator() throws Exception {
    try (LocalIm im = LocalIm.builder().port(0).start()) {
      BotConfig config = BotConfig.load(null, Map.of(
          "TIM_SDKAPPID", Long.toString(im.sdkAppId()), "TIM_SECRET_KEY", im.secretKey(),
          "TIM_ADMIN", im.admin(), "TIM_BASE_URL", im.baseUrl(), "BOT_ACCOUNT", "@RBT#echo",
          "CALLBACK_HOST", "127.0.0.1", "CALLBACK_PORT", "0", "CALLBACK_TOKEN", im.callbackToken(),
          "MEDIA_DIR", media.toString()));
      Bot bot = Bot.builder().config(config).plugin(new EchoBot()).build();
      bot.start();
      try {
        im.setCallback(bot.callbackUrl().orElseThrow().toString());
        BlockingQueue<ClientMessage> inbox = new LinkedBlockingQueue<>();
        im.users().login("alice");
        im.users().subscribe("alice", new ImUserListener() {
          @Override
          public void onMessage(ClientMessage m) {
            if ("@RBT#echo".equals(m.from())) {
              inbox.add(m);
            }
          }
        });
        im.users().sendC2C("alice", "@RBT#echo", List.of(TextElem.of("hello")), null);
        ClientMessage reply = inbox.poll(20, TimeUnit.SECONDS);
        assertThat(reply).as("the bot's reply").isNotNull();
        assertThat(reply.body()).containsExactly(TextElem.of("You said: hello"));
        im.users().sendC2C("alice", "@RBT#echo", List.of(TextElem.of("/ping")), null);
        assertThat(inbox.poll(20, TimeUnit.SECONDS).body()).containsExactly(TextElem.of("pong"));
        assertThat(inbox.poll(300, TimeUnit.MILLISECONDS)).as("no second reply (dedupe, block)").isNull();
      } finally {
        bot.stop();
      }
    }
  }
}
