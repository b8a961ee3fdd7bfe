package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.test.BotTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maxSuggestions stops at nine: a customer picks a suggestion by replying one digit. */
class FaqConfigTest {
  @Test
  void nineSuggestionsAreTheMost() {
    assertThat(FaqConfig.defaults().withMaxSuggestions(9).maxSuggestions()).isEqualTo(9);
    assertThat(FaqConfig.defaults().withMaxSuggestions(1).maxSuggestions()).isEqualTo(1);
    for (int tooMany : new int[] {10, 12, 100}) {
      assertThatThrownBy(() -> FaqConfig.defaults().withMaxSuggestions(tooMany))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxSuggestions must be in [1, 9] (a suggestion is picked by replying one digit): " + tooMany);
    }
    assertThatThrownBy(() -> FaqConfig.defaults().withMaxSuggestions(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBotConfiguredForTenSuggestionsDoesNotStart(@TempDir Path dir) throws Exception {
    Path kb = dir.resolve("kb.yaml");
    Files.writeString(kb, FaqPluginTest.KB);
    String yaml = "bot: { account: shopbot }\nfaq: { kb: '" + kb + "', unansweredLog: none, maxSuggestions: 10 }\n";
    assertThatThrownBy(() -> BotTester.builder().yaml(yaml).plugin(FaqPlugin.class).build())
        .rootCause().isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSuggestions must be in [1, 9]");
  }

  @Test
  void withNineOfferedTheNinthIsPicked(@TempDir Path dir) throws Exception {
    List<String> lockers = List.of("north", "south", "east", "west", "harbour", "station", "market", "campus", "airport");
    StringBuilder entries = new StringBuilder("entries:\n");
    for (String locker : lockers) {
      entries.append("  - id: locker-").append(locker).append('\n')
          .append("    questions: [\"Where is the parcel locker ").append(locker).append("?\"]\n")
          .append("    answer: \"ANSWER-").append(locker).append("\"\n");
    }
    Path kb = dir.resolve("kb.yaml");
    Files.writeString(kb, entries.toString());
    String yaml = "bot: { account: shopbot }\nfaq: { kb: '" + kb + "', unansweredLog: none, maxSuggestions: 9 }\n";
    try (BotTester t = BotTester.builder().yaml(yaml).plugin(FaqPlugin.class).plugin(FaqPluginTest.FALLBACK).build()) {
      t.user("alice").says("where is the parcel locker");
      List<String> lines = t.nextSent().text().lines().toList();
      assertThat(lines).hasSize(10);
      String ninth = lines.get(9);
      assertThat(ninth).startsWith("9. Where is the parcel locker ");
      String locker = ninth.substring("9. Where is the parcel locker ".length(), ninth.length() - 1);
      t.user("alice").says("9");
      t.shouldReply("ANSWER-" + locker);
    }
  }
}
