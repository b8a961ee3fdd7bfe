package com.example.bot;

import dev.timbot.test.BotTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Your plugin with the test kit: no network, no emulator, virtual time. */
class GreeterPluginTest {
  @RegisterExtension
  BotTester tester = BotTester.of(new GreeterPlugin());

  @Test
  void greetsAndHelps() {
    tester.user("alice").says("hello there");
    tester.shouldReply("Hi alice! I am your first timbot bot.").shouldNotReply();
    tester.user("alice").says("/help");
    tester.shouldReply("Say hello, or ask me for the time with /time.").shouldNotReply();
    tester.user("alice").says("what?");
    tester.shouldReply("I only know hello and /help so far.");
  }
}
