package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.FaqDecision;
import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.FaqMatch;
import dev.timbot.plugins.faq.FaqResult;
import dev.timbot.message.TextElem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sibling margin: fitted apart from the other margin ({@link SiblingFit}), and what the decision does with it. */
class SiblingMarginTest {
  private static final Thresholds FALLBACK = new Thresholds(0.9, 0.05, 0.7);
  /** Entries 0 and 1 are declared siblings; 2 and 3 are unrelated to anything. */
  private static final Siblings SIBLINGS = Siblings.pairs(4, new int[] {0, 1});

  /** Scores for 4 entries: {@code best} for {@code top}, {@code best - lead} for {@code second}, low for the rest. */
  private static float[] scores(int top, int second, double best, double lead) {
    float[] s = {0.1f, 0.1f, 0.1f, 0.1f};
    s[top] = (float) best;
    s[second] = (float) (best - lead);
    return s;
  }

  /**
   * Unrelated runners-up trail right answers closely (lead 0.03); siblings win wrongly by the same
   * lead, and rightly only by a wide one. One margin must stop the wrong siblings and so loses the
   * close right answers; apart, the siblings get the wide margin and the rest keep the narrow one.
   */
  private static Calibration probes(boolean siblingFit) {
    Calibration c = new Calibration(false, false, SIBLINGS, siblingFit);
    for (int i = 0; i < 40; i++) {
      c.positive(scores(2, 3, 0.85, 0.03), 2); // right, an unrelated runner-up close behind
      c.positive(scores(0, 1, 0.85, 0.12), 0); // right, its sibling far behind
      c.positive(scores(1, 0, 0.85, 0.03), 0); // wrong: the sibling wins by a little
    }
    for (int i = 0; i < 20; i++) {
      c.inDomainNegative(scores(3, 2, 0.5, 0.2));
      c.genericNegative(scores(3, 2, 0.3, 0.2));
    }
    return c;
  }

  @Test
  void siblingsGetAMarginOfTheirOwnSoCloseUnrelatedAnswersStay() {
    Thresholds one = probes(false).fit(0.05, FALLBACK);
    Thresholds apart = probes(true).fit(0.05, FALLBACK);

    assertThat(one.margin()).isGreaterThan(0.03);
    assertThat(one.siblingMargin()).isEqualTo(one.margin());
    assertThat(one.answers(0.85, 0.03, false)).isFalse();
    assertThat(apart.margin()).isLessThanOrEqualTo(0.03);
    assertThat(apart.siblingMargin()).isGreaterThan(0.03).isLessThanOrEqualTo(0.12);
    assertThat(apart.answers(0.85, 0.03, false)).isTrue();
    assertThat(apart.answers(0.85, 0.03, true)).isFalse();
    assertThat(apart.answers(0.85, 0.12, true)).isTrue();
  }

  @Test
  void withoutDeclaredSiblingsTheSplitFitKeepsOneMargin() {
    Calibration c = new Calibration(false, false, Siblings.NONE, true);
    for (int i = 0; i < 40; i++) {
      c.positive(scores(2, 3, 0.85, 0.03), 2);
      c.positive(scores(1, 0, 0.85, 0.03), 0);
    }
    for (int i = 0; i < 20; i++) {
      c.inDomainNegative(scores(3, 2, 0.5, 0.2));
      c.genericNegative(scores(3, 2, 0.3, 0.2));
    }
    Thresholds t = c.fit(0.05, FALLBACK);
    assertThat(t.answers(0.85, 0.03, true)).isEqualTo(t.answers(0.85, 0.03, false));
  }

  @Test
  void probesNoteWhetherTheRunnerUpIsADeclaredSibling() {
    assertThat(Calibration.probe(scores(1, 0, 0.8, 0.1), 0, -1, SIBLINGS).sibling()).isTrue();
    assertThat(Calibration.probe(scores(2, 3, 0.8, 0.1), 2, -1, SIBLINGS).sibling()).isFalse();
    assertThat(Calibration.probe(scores(1, 0, 0.8, 0.1), 0, -1, Siblings.NONE).sibling()).isFalse();
  }

  private static FaqMatch m(String id, double cos, String... related) {
    FaqEntry e = new FaqEntry(id, List.of("question " + id), List.of(TextElem.of("answer " + id)), List.of(),
        List.of(related), 0);
    return new FaqMatch(e, "question " + id, cos, 0);
  }

  @Test
  void aCloseDeclaredSiblingIsAskedAboutWhereAnUnrelatedRunnerUpIsNot() {
    Thresholds t = new Thresholds(0.8, 0.02, 0.5, 0, 0.08);

    FaqResult sibling = SemanticRanker.decide("q", List.of(m("debit-lost", 0.90, "credit-lost"), m("credit-lost", 0.85),
        m("atm-fee", 0.6)), t, 3);
    FaqResult unrelated = SemanticRanker.decide("q", List.of(m("debit-lost", 0.90), m("atm-fee", 0.85)), t, 3);
    FaqResult farSibling = SemanticRanker.decide("q", List.of(m("debit-lost", 0.90), m("credit-lost", 0.80, "debit-lost")),
        t, 3);

    assertThat(sibling.decision()).isEqualTo(FaqDecision.CLARIFY);
    assertThat(sibling.suggestions()).extracting(FaqMatch::entryId).containsExactly("debit-lost", "credit-lost");
    assertThat(unrelated.decision()).isEqualTo(FaqDecision.ANSWER);
    assertThat(farSibling.decision()).isEqualTo(FaqDecision.ANSWER);
  }

  @Test
  void siblingsFromTheKbsRelatedListsEitherWayRound() {
    var kb = dev.timbot.plugins.faq.KnowledgeBase.of(List.of(
        new FaqEntry("a", List.of("qa"), List.of(TextElem.of("A")), List.of(), List.of("b", "nowhere"), 0),
        new FaqEntry("b", List.of("qb"), List.of(TextElem.of("B")), List.of(), List.of(), 0),
        FaqEntry.of("c", "C", "qc")));
    Siblings s = Siblings.of(kb);
    assertThat(s.of(0, 1)).isTrue();
    assertThat(s.of(1, 0)).isTrue();
    assertThat(s.of(0, 2)).isFalse();
    assertThat(s.of(2, -1)).isFalse();
  }
}
