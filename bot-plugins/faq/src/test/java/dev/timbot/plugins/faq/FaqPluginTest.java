package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.Plugin;
import dev.timbot.test.BotTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FAQ through the test kit: answer, suggest-then-number, no match, and its place among plugins. */
class FaqPluginTest {
  static final String KB = """
      entries:
        - id: refund-time
          questions: ["How long does a refund take?", "退款多久到账"]
          answer: "Refunds arrive in 3-5 working days."
        - id: refund-how
          questions: ["How do I apply for a refund?", "怎么申请退款"]
          answer: "Open the order and tap Refund."
        - id: shipping-fee
          questions: ["How much is shipping?", "运费多少"]
          answer: "Shipping is free over 99."
      """;

  /** Stands in for the auto-reply fallback (priority 1000). */
  static final Plugin FALLBACK = on -> on.message(ctx -> ctx.reply("fallback")).priority(1000);

  BotTester tester(Path dir) throws Exception {
    Path kb = dir.resolve("kb.yaml");
    Files.writeString(kb, KB);
    return BotTester.builder()
        .yaml("bot: { account: shopbot }\nfaq: { kb: '" + kb + "', unansweredLog: '" + dir.resolve("u.jsonl") + "' }\n")
        .plugin(FaqPlugin.class).plugin(FALLBACK).build();
  }

  @Test
  void answersWhenConfident(@TempDir Path dir) throws Exception {
    try (BotTester t = tester(dir)) {
      t.user("alice").says("how much is shipping");
      t.shouldReply("Shipping is free over 99.").shouldNotReply();
    }
  }

  @Test
  void suggestsThenAnswersTheNumberPicked(@TempDir Path dir) throws Exception {
    try (BotTester t = tester(dir)) {
      t.user("alice").says("refund");
      t.shouldReply(s -> assertThat(s.text()).contains("Did you mean").contains("1. ").contains("2. "));
      t.user("alice").says("2");
      t.shouldReply(s -> assertThat(s.text()).containsAnyOf("Refunds arrive", "Open the order")).shouldNotReply();
      t.user("alice").says("2"); // the offer is used up: a bare number is not a question
      t.shouldReply("fallback");
    }
  }

  @Test
  void theOfferExpires(@TempDir Path dir) throws Exception {
    try (BotTester t = tester(dir)) {
      t.user("alice").says("refund");
      t.nextSent();
      t.advance(Duration.ofMinutes(3));
      t.user("alice").says("1");
      t.shouldReply("fallback");
    }
  }

  @Test
  void noMatchLetsTheNextPluginActAndIsLogged(@TempDir Path dir) throws Exception {
    try (BotTester t = tester(dir)) {
      t.user("alice").says("do you sell helicopters");
      t.shouldReply("fallback").shouldNotReply();
      assertThat(Files.readString(dir.resolve("u.jsonl"))).contains("helicopters").contains("\"user\":\"alice\"");
    }
  }

  @Test
  void picturesAndCardsAreNotQuestions(@TempDir Path dir) throws Exception {
    try (BotTester t = tester(dir)) {
      t.user("alice").sendsImage("http://img/a.png", 10, 10);
      t.shouldReply("fallback");
      Path log = dir.resolve("u.jsonl");
      assertThat(!Files.exists(log) || Files.readString(log).isEmpty()).isTrue();
    }
  }
}
