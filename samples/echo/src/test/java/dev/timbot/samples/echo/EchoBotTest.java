package dev.timbot.samples.echo;

import dev.timbot.test.BotTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EchoBotTest {
  @RegisterExtension BotTester bot = BotTester.of(new EchoBot());

  @Test
  void echoesText() {
    bot.user("alice").says("hello");
    bot.shouldReply("You said: hello").shouldNotReply();
  }

  @Test
  void answersCommandsWithoutEchoing() {
    bot.user("alice").says("/ping");
    bot.shouldReply("pong").shouldNotReply();
  }

  @Test
  void helpIsAnsweredOnceAndNeverEchoed_noPrioritiesNeeded() {
    bot.user("alice").says("/help");
    bot.shouldReply("Say anything and I will echo it. /ping checks I'm alive.").shouldNotReply();
    bot.user("alice").says("help me");
    bot.shouldReply("You said: help me").shouldNotReply();
  }

  @Test
  void describesImages() {
    bot.user("alice").sendsImage("https://x/cat.png", 640, 480);
    bot.shouldReply("Nice picture (640x480)");
  }

  @Test
  void inGroupsAnswersOnlyWhenMentioned() {
    bot.user("alice").inGroup("@TGS#1").says("hello all");
    bot.shouldNotReply();
    bot.user("alice").inGroup("@TGS#1").mentioningBot().says("hello bot");
    bot.shouldReply("You said: hello bot");
  }
}
