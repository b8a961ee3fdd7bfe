package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaqSwitchesTest {
  private static final String PROPERTY = "timbot.faq.test.switch";

  @AfterEach
  void clear() {
    System.clearProperty(PROPERTY);
  }

  @Test
  void aChoiceIsReadInAnyCaseAndAnUnknownOneFallsBackToTheDefault() {
    assertThat(FaqSwitches.choice(PROPERTY, SemanticRanker.Decision.MODEL)).isEqualTo(SemanticRanker.Decision.MODEL);
    System.setProperty(PROPERTY, " Rule ");
    assertThat(FaqSwitches.choice(PROPERTY, SemanticRanker.Decision.MODEL)).isEqualTo(SemanticRanker.Decision.RULE);
    System.setProperty(PROPERTY, "rules");
    assertThat(FaqSwitches.choice(PROPERTY, SemanticRanker.Decision.MODEL)).isEqualTo(SemanticRanker.Decision.MODEL);
  }

  @Test
  void aFractionOutsideZeroToOneOrNotANumberFallsBackToTheDefault() {
    assertThat(read(() -> FaqSwitches.fraction(PROPERTY, 0.8), "0.6", "1.5", "0,6")).containsExactly(0.6, 0.8, 0.8);
  }

  @Test
  void aCountBelowOneOrNotAWholeNumberFallsBackToTheDefault() {
    assertThat(FaqSwitches.count(PROPERTY, 4)).isEqualTo(4);
    assertThat(read(() -> FaqSwitches.count(PROPERTY, 4), " 2 ", "0", "1.5")).containsExactly(2, 4, 4);
  }

  /** What {@code switchValue} reads with the property set to each of {@code values} in turn. */
  private static <T> java.util.List<T> read(java.util.function.Supplier<T> switchValue, String... values) {
    java.util.List<T> out = new java.util.ArrayList<>();
    for (String v : values) {
      System.setProperty(PROPERTY, v);
      out.add(switchValue.get());
    }
    return out;
  }
}
