package dev.timbot.plugins.faq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BM25's side of a calibration probe: the probe's own phrasing (or entry) must not find itself. */
class FaqIndexProbeTest {
  private static final KnowledgeBase KB = KnowledgeBase.of(List.of(
      FaqEntry.of("refund", "a", "退款多久到账", "退货以后钱什么时候退回"),
      FaqEntry.of("ship", "b", "退款申请以后多久发货", "几天能发货")));

  @Test
  void aPhrasingLeftOutFallsBackToItsSiblingsOrToAnotherEntry() throws Exception {
    try (FaqIndex index = new FaqIndex(KB)) {
      String own = TextNormalizer.normalize("退款多久到账");
      assertThat(index.bestEntryWithout(own, -1, -1)).isEqualTo(0);
      // Without its own phrasing the query's words are closer to the other entry's.
      assertThat(index.bestEntryWithout(own, 0, 0)).isEqualTo(1);
      assertThat(index.bestEntryWithout(own, 0, -1)).isEqualTo(1);
      assertThat(index.bestEntryWithout("天气", -1, -1)).isEqualTo(-1);
    }
  }
}
