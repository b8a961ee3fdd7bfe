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
    System.setProperty(PROPERTY, "0.6");
    assertThat(FaqSwitches.fraction(PROPERTY, 0.8)).isEqualTo(0.6);
    System.setProperty(PROPERTY, "1.5");
    assertThat(FaqSwitches.fraction(PROPERTY, 0.8)).isEqualTo(0.8);
    System.setProperty(PROPERTY, "0,6");
    assertThat(FaqSwitches.fraction(PROPERTY, 0.8)).isEqualTo(0.8);
  }

  @Test
  void aCountBelowOneOrNotAWholeNumberFallsBackToTheDefault() {
    assertThat(FaqSwitches.count(PROPERTY, 4)).isEqualTo(4);
    System.setProperty(PROPERTY, " 2 ");
    assertThat(FaqSwitches.count(PROPERTY, 4)).isEqualTo(2);
    System.setProperty(PROPERTY, "0");
    assertThat(FaqSwitches.count(PROPERTY, 4)).isEqualTo(4);
    System.setProperty(PROPERTY, "1.5");
    assertThat(FaqSwitches.count(PROPERTY, 4)).isEqualTo(4);
  }
}
