package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timbot.spi.BotClock.VirtualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnansweredLogAndStatsTest {
  @TempDir Path dir;

  private static final KnowledgeBase KB = KnowledgeBase.of(List.of(
      FaqEntry.of("pw", "reset", "忘记密码怎么办", "I forgot my password"),
      FaqEntry.of("ship", "2-4 days", "发货后几天能到")));

  @Test
  void writesOneJsonLinePerUnansweredQuestion() throws Exception {
    VirtualClock clock = new VirtualClock(Instant.parse("2026-11-22T08:00:00Z"));
    Path file = dir.resolve("logs/unanswered.jsonl");
    try (FaqEngine engine = FaqEngine.build(KB); UnansweredLog log = UnansweredLog.open(file, clock)) {
      assertThat(log.recordIfUnanswered("u1", engine.query("忘记密码怎么办"))).isFalse();
      assertThat(log.recordIfUnanswered("u2", engine.query("今天天气 \"好\" 吗"))).isTrue();
    }
    try (UnansweredLog log = UnansweredLog.open(file, clock)) {
      clock.advance(java.time.Duration.ofMinutes(1));
      log.record("u3", FaqEngine.build(KB).query("密码"));
    }

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("time").asText()).isEqualTo("2026-11-22T08:00:00Z");
    assertThat(first.get("user").asText()).isEqualTo("u2");
    assertThat(first.get("text").asText()).isEqualTo("今天天气 \"好\" 吗");
    assertThat(first.get("bestScore").isNumber()).isTrue();
    assertThat(first.get("decision").asText()).isEqualTo("none");
    JsonNode second = new ObjectMapper().readTree(lines.get(1));
    assertThat(second.get("time").asText()).isEqualTo("2026-11-22T08:01:00Z");
    assertThat(second.get("bestId").asText()).isEqualTo("pw");
  }

  @Test
  void countsHitRateAndExposesMicrometerMeters() {
    FaqStats stats = new FaqStats();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    FaqMeters.bind(stats, registry);
    try (FaqEngine engine = FaqEngine.build(KB)) {
      stats.record(engine.query("忘记密码怎么办"));
      stats.record(engine.query("I forgot my password"));
      stats.record(engine.query("今天天气"));
      stats.recordSuggestionPicked();
    }
    assertThat(stats.total()).isEqualTo(3);
    assertThat(stats.hitRate()).isEqualTo(2.0 / 3);
    assertThat(registry.get("timbot.faq.queries").tag("decision", "answer").functionCounter().count()).isEqualTo(2);
    assertThat(registry.get("timbot.faq.queries").tag("decision", "none").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("timbot.faq.suggestions.picked").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("timbot.faq.hit.rate").gauge().value()).isEqualTo(2.0 / 3);
  }
}
