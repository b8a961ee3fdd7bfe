package dev.timbot.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.Context.AskTimeoutException;
import dev.timbot.MatchTrace;
import dev.timbot.Plugin;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AskTest {
  final AtomicReference<Throwable> failure = new AtomicReference<>();

  @RegisterExtension
  BotTester tester = BotTester.of((Plugin) on -> {
    on.command("order", ctx -> ctx.ask("Your order number?", Duration.ofMinutes(2),
            c -> c.reply("No answer — closing this request."))
        .thenAccept(answer -> answer.reply("Looking up order " + answer.text()))
        .exceptionally(e -> {
          failure.set(e);
          return null;
        })).block();
    on.text(ctx -> ctx.reply("fallback " + ctx.text())).priority(5);
  });

  @Test
  void theNextMessageAnswersTheQuestion() {
    tester.user("alice").says("/order");
    tester.shouldReply("Your order number?").shouldNotReply();
    var answer = tester.user("alice").says("A-1001");
    tester.shouldReply("Looking up order A-1001").shouldNotReply();
    MatchTrace trace = answer.trace();
    assertThat(trace.consumedBy()).isEqualTo("ask");
    tester.user("alice").says("again");
    tester.shouldReply("fallback again");
  }

  @Test
  void otherUsersAndConversationsAreNotTaken() {
    tester.user("alice").says("/order");
    tester.shouldReply("Your order number?");
    tester.user("bob").says("hello");
    tester.shouldReply("fallback hello");
    tester.user("alice").says("A-7");
    tester.shouldReply("Looking up order A-7");
  }

  @Test
  void theTimeoutFiresOnTheVirtualClock() {
    tester.user("alice").says("/order");
    tester.shouldReply("Your order number?");
    tester.advance(Duration.ofSeconds(119));
    tester.shouldNotReply();
    tester.advance(Duration.ofSeconds(1));
    tester.shouldReply("No answer — closing this request.");
    assertThat(failure.get()).hasCauseInstanceOf(AskTimeoutException.class);
    tester.user("alice").says("A-1001");
    tester.shouldReply("fallback A-1001");
  }

  @Test
  void inGroupsTheAnswerNeedNotMentionTheBot() {
    tester.user("alice").inGroup("@TGS#1").mentioningBot().says("/order");
    tester.shouldReply("Your order number?");
    tester.user("alice").inGroup("@TGS#1").says("A-9");
    tester.shouldReply("Looking up order A-9");
  }

  @Test
  void asksChainIntoAMultiStepForm() {
    try (BotTester form = BotTester.of(on -> on.command("signup", ctx ->
        ctx.ask("Name?", Duration.ofMinutes(1))
            .thenCompose(name -> name.ask("Email for " + name.text() + "?", Duration.ofMinutes(1))
                .thenAccept(email -> email.reply("Registered " + name.text() + " <" + email.text() + ">"))))
        .block())) {
      form.user("alice").says("/signup");
      form.shouldReply("Name?");
      form.user("alice").says("Alice");
      form.shouldReply("Email for Alice?");
      form.user("alice").says("a@example.com");
      form.shouldReply("Registered Alice <a@example.com>").shouldNotReply();
    }
  }
}
