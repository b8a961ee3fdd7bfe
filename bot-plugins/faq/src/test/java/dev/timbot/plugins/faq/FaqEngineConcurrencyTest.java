package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The runtime calls one engine from many handler threads at once. */
class FaqEngineConcurrencyTest {

  @Test
  void concurrentQueriesGiveTheSameResultsAsSequentialOnes() throws Exception {
    KnowledgeBase kb = KnowledgeBase.load(Path.of("src/main/resources/kb/shop-faq.yaml")).orThrow();
    List<String> queries = EvalCase.readTsv(Path.of("src/test/resources/kb/shop-cases.tsv")).stream()
        .map(EvalCase::query).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (FaqEngine engine = FaqEngine.build(kb)) {
      List<FaqResult> expected = queries.stream().map(engine::query).toList();
      List<Future<List<FaqResult>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> queries.stream().map(engine::query).toList()));
      }
      for (Future<List<FaqResult>> f : futures) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
