package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.message.TextElem;
import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyword probes a route's calibration asks: all of a KB's keywords, at most a cap of them spread over the KB. */
class ProbeTextsTest {
  private static KnowledgeBase kb(int entries, int keywordsEach) {
    List<FaqEntry> out = new ArrayList<>();
    for (int e = 0; e < entries; e++) {
      List<String> keywords = new ArrayList<>();
      for (int k = 0; k < keywordsEach; k++) {
        keywords.add("keyword" + e + "x" + k);
      }
      out.add(new FaqEntry("e" + e, List.of("question " + e), List.of(TextElem.of("answer " + e)), keywords,
          List.of(), 0));
    }
    return KnowledgeBase.of(out);
  }

  @Test
  void aKbWithFewKeywordsIsProbedWithAllOfThem() {
    List<SemanticIndex.RowSource> probes = ProbeTexts.keywordProbes(kb(50, 4), q -> true, 600);
    assertThat(probes).hasSize(200);
  }

  @Test
  void aLargeKbIsProbedWithAtMostTheCapSpreadOverItsEntries() {
    // 10 000 entries x 3 keywords: all of them took a 10 000-entry KB's calibration from 45 s to 290 s.
    List<SemanticIndex.RowSource> probes = ProbeTexts.keywordProbes(kb(10_000, 3), q -> true, 600);
    assertThat(probes).hasSizeLessThanOrEqualTo(600).hasSizeGreaterThan(500);
    assertThat(probes.get(0).entry()).isZero();
    assertThat(probes.get(probes.size() - 1).entry()).as("reaches the end of the KB").isGreaterThan(9_900);
    assertThat(probes).extracting(SemanticIndex.RowSource::entry).doesNotHaveDuplicates();
  }
}
