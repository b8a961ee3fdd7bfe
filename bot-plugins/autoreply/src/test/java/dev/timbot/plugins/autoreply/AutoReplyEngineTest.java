package dev.timbot.plugins.autoreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.spi.BotClock.VirtualClock;
import dev.timbot.message.Conversation;
import dev.timbot.message.CustomElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.ImageElem.ImageInfo;
import dev.timbot.message.Message;
import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoReplyEngineTest {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  static final String YAML = """
      autoreply:
        rules:
          - id: hello
            priority: 10
            exact: ["hi", "你好"]
            reply: "Hello {nick} ({userId})!"
          - id: order
            priority: 5
            regex: "(?i)order\\\\s*#?(?<no>\\\\d{6,})"
            reply: "Order {no} is on its way ({0})."
          - id: refund
            keywords: { any: ["refund", "退款"] }
            reply: { text: "Refunds take 3-5 days." }
          - id: ship-cost
            keywords: { all: ["ship", "cost"] }
            reply: "Shipping is free over 99."
          - id: picture
            type: image
            reply: "We received your picture."
          - id: menu
            exact: menu
            reply:
              custom: { data: '{"src":"15","menu":"{nick}"}', desc: "menu" }
        welcome:
          reply: "欢迎 / Welcome, {nick}!"
          quietPeriod: 12h
        workingHours:
          zone: Asia/Shanghai
          weekly:
            mon-fri: "09:00-18:00"
            sat: "10:00-12:00, 13:00-16:00"
          holidays: ["2026-01-01"]
          outOfHours: "We are closed; we open at 9:00."
        fallback:
          reply: "Sorry, I did not get that."
          repeat: "Still not sure what you mean; try other words."
          interval: 10m
      """;

  // 2026-01-05 is a Monday; 10:00 in Shanghai = 02:00Z.
  final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-05T02:00:00Z"));

  AutoReplyEngine engine() throws Exception {
    AutoReplyConfig c = AutoReplyConfigs.parse(YAML, "test.yaml");
    return new AutoReplyEngine(() -> c, clock);
  }

  static Message msg(String from, MessageElem... elems) {
    return Message.builder().conversation(Conversation.c2c(from)).from(from).to("bot")
        .elements(List.of(elems)).build();
  }

  static String text(List<MessageElem> elems) {
    return ((TextElem) elems.get(0)).text();
  }

  final Map<String, String> vars = Map.of("nick", "Ann", "userId", "u1");

  @Test
  void exactKeywordRegexTypeAndCustomRules() throws Exception {
    AutoReplyEngine e = engine();
    assertThat(text(e.answer(msg("u1", TextElem.of(" HI ")), vars).orElseThrow())).isEqualTo("Hello Ann (u1)!");
    assertThat(text(e.answer(msg("u1", TextElem.of("where is my Order #1234567?")), vars).orElseThrow()))
        .isEqualTo("Order 1234567 is on its way (Order #1234567).");
    assertThat(text(e.answer(msg("u1", TextElem.of("我要退款")), vars).orElseThrow())).isEqualTo("Refunds take 3-5 days.");
    assertThat(e.answer(msg("u1", TextElem.of("ship it")), vars)).isEmpty();
    assertThat(text(e.answer(msg("u1", TextElem.of("what does it cost to ship")), vars).orElseThrow())).startsWith("Shipping");
    ImageElem img = new ImageElem("x", 1, List.of(new ImageInfo(1, 10, 1, 1, "http://a/b")));
    assertThat(text(e.answer(msg("u1", img), vars).orElseThrow())).isEqualTo("We received your picture.");
    CustomElem card = (CustomElem) e.answer(msg("u1", TextElem.of("menu")), vars).orElseThrow().get(0);
    assertThat(card.data()).isEqualTo("{\"src\":\"15\",\"menu\":\"Ann\"}");
    CustomElem hostile = (CustomElem) e.answer(msg("u1", TextElem.of("menu")),
        Map.of("nick", "x\",\"src\":\"9", "userId", "u1")).orElseThrow().get(0);
    assertThat(JSON.readTree(hostile.data()).get("src").asText()).isEqualTo("15");
    assertThat(e.answer(msg("u1", TextElem.of("something else")), vars)).isEmpty();
  }

  @Test
  void priorityDecidesBetweenRules() throws Exception {
    AutoReplyConfig c = AutoReplyConfigs.parse("""
        rules:
          - { id: low, priority: 1, keywords: { any: [order] }, reply: low }
          - { id: high, priority: 9, regex: "order", reply: high }
        """, "p.yaml");
    AutoReplyEngine e = new AutoReplyEngine(() -> c, clock);
    assertThat(text(e.answer(msg("u1", TextElem.of("my order")), vars).orElseThrow())).isEqualTo("high");
  }

  @Test
  void welcomeOnceThenAgainAfterQuietPeriodOrOnTheEnterChatTrigger() throws Exception {
    AutoReplyEngine e = engine();
    assertThat(e.welcome("u1", msg("u1", TextElem.of("hi")), vars)).isPresent();
    assertThat(e.welcome("u1", msg("u1", TextElem.of("hi again")), vars)).isEmpty();
    clock.advance(Duration.ofHours(11));
    assertThat(e.welcome("u1", msg("u1", TextElem.of("still here")), vars)).isEmpty();
    clock.advance(Duration.ofHours(12).plusSeconds(1));
    assertThat(text(e.welcome("u1", msg("u1", TextElem.of("back")), vars).orElseThrow())).isEqualTo("欢迎 / Welcome, Ann!");
    assertThat(e.welcome("u1", msg("u1", CustomElem.of("{\"customerServicePlugin\":0,\"src\":\"7\"}")), vars)).isPresent();
    assertThat(e.welcome("u2", msg("u2", TextElem.of("hi")), vars)).isPresent();
  }

  @Test
  void outOfHoursOncePerConversationPerClosedPeriod() throws Exception {
    AutoReplyEngine e = engine();
    assertThat(e.outOfHours("C2Cu1", vars)).isEmpty(); // Monday 10:00, open
    clock.setWallTime(Instant.parse("2026-01-05T11:00:00Z")); // 19:00 Shanghai, closed
    assertThat(e.outOfHours("C2Cu1", vars)).isPresent();
    assertThat(e.outOfHours("C2Cu1", vars)).isEmpty();
    assertThat(e.outOfHours("C2Cu2", vars)).isPresent();
    clock.setWallTime(Instant.parse("2026-01-05T20:00:00Z")); // 04:00 Tuesday: same closed period
    assertThat(e.outOfHours("C2Cu1", vars)).isEmpty();
    clock.setWallTime(Instant.parse("2026-01-06T11:00:00Z")); // Tuesday evening: a new period
    assertThat(e.outOfHours("C2Cu1", vars)).isPresent();
    clock.setWallTime(Instant.parse("2025-12-31T18:00:00Z")); // 02:00 on the Jan 1 holiday
    assertThat(e.isOpen()).isFalse();
    clock.setWallTime(Instant.parse("2026-01-01T03:00:00Z")); // 11:00 on the holiday
    assertThat(e.isOpen()).isFalse();
    clock.setWallTime(Instant.parse("2026-01-03T04:30:00Z")); // Saturday 12:30, lunch break
    assertThat(e.isOpen()).isFalse();
    clock.setWallTime(Instant.parse("2026-01-03T05:30:00Z")); // Saturday 13:30
    assertThat(e.isOpen()).isTrue();
  }

  @Test
  void fallbackInFullOncePerIntervalAndTheShortRepeatInBetween() throws Exception {
    AutoReplyEngine e = engine();
    assertThat(e.fallback("u1", vars)).hasValueSatisfying(r -> assertThat(text(r)).isEqualTo("Sorry, I did not get that."));
    // Never silence: a second miss within the interval gets the repeat text.
    assertThat(e.fallback("u1", vars)).hasValueSatisfying(r -> assertThat(text(r)).startsWith("Still not sure"));
    clock.advance(Duration.ofMinutes(10));
    assertThat(e.fallback("u1", vars)).hasValueSatisfying(r -> assertThat(text(r)).isEqualTo("Sorry, I did not get that."));
  }

  @Test
  void invalidRulesNameTheLine() {
    assertThatThrownBy(() -> AutoReplyConfigs.parse("""
        rules:
          - id: ok
            exact: hi
            reply: hello
          - id: broken
            regex: "(unclosed"
            reply: x
        """, "rules.yaml"))
        .isInstanceOfSatisfying(ConfigException.class, ex -> {
          assertThat(ex.getMessage()).startsWith("rules.yaml:").contains("broken", "invalid regex");
          assertThat(ex.line()).isBetween(5, 8);
        });
    assertThatThrownBy(() -> AutoReplyConfigs.parse("rules:\n  - id: x\n    type: hologram\n    reply: y\n", "r.yaml"))
        .hasMessageContaining("unknown type");
    assertThatThrownBy(() -> AutoReplyConfigs.parse("rules:\n  - id: x\n    exact: a\n    reply: y\n  - id: x\n    exact: b\n    reply: z\n", "r.yaml"))
        .hasMessageContaining("unique");
    assertThatThrownBy(() -> AutoReplyConfigs.parse("workingHours:\n  weekly: { funday: '09:00-18:00' }\n  outOfHours: closed\n", "w.yaml"))
        .hasMessageContaining("unknown day");
    assertThatThrownBy(() -> AutoReplyConfigs.parse("rules: [\n", "bad.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("bad.yaml:");
  }

  @Test
  void reloadsOnChangeAndKeepsTheOldRulesOnABrokenFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, "rules:\n  - { id: a, exact: ping, reply: pong }\n");
    List<ConfigException> errors = new ArrayList<>();
    ReloadingFile<AutoReplyConfig> rules = new ReloadingFile<>(file, AutoReplyConfigs::parse, clock,
        Duration.ofSeconds(2), errors::add);
    AutoReplyEngine e = new AutoReplyEngine(rules::get, clock);
    assertThat(text(e.answer(msg("u1", TextElem.of("ping")), vars).orElseThrow())).isEqualTo("pong");

    Files.writeString(file, "rules:\n  - { id: a, exact: ping, reply: PONG }\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(text(e.answer(msg("u1", TextElem.of("ping")), vars).orElseThrow())).isEqualTo("pong"); // not polled yet
    clock.advance(Duration.ofSeconds(2));
    assertThat(text(e.answer(msg("u1", TextElem.of("ping")), vars).orElseThrow())).isEqualTo("PONG");

    Files.writeString(file, "rules:\n  - { id: a, exact: ping }\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-02T00:00:00Z")));
    clock.advance(Duration.ofSeconds(2));
    assertThat(text(e.answer(msg("u1", TextElem.of("ping")), vars).orElseThrow())).isEqualTo("PONG");
    assertThat(errors).singleElement().satisfies(ex -> {
      assertThat(ex.getMessage()).contains("rules.yaml:").contains("needs a reply");
      assertThat(ex.line()).isEqualTo(2);
    });
    clock.advance(Duration.ofSeconds(2));
    e.answer(msg("u1", TextElem.of("ping")), vars);
    assertThat(errors).hasSize(1); // reported once per broken version
  }
}
