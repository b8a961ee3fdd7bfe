package dev.timbot.benchmarks;

import dev.timbot.plugins.faq.FaqConfig;
import dev.timbot.plugins.faq.FaqEngine;
import dev.timbot.plugins.faq.FaqResult;
import dev.timbot.plugins.faq.KbGenerator;
import dev.timbot.plugins.faq.KnowledgeBase;
import dev.timbot.plugins.faq.RetrievalMode;
import dev.timbot.plugins.faq.semantic.EmbeddingCaches;
import dev.timbot.plugins.faq.semantic.SemanticIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FAQ lookup on a generated knowledge base (deterministic, {@link KbGenerator}): one query of a
 * fixed mix per operation. Run {@code -bm thrpt} for queries/s and {@code -bm sample} for the
 * latency distribution (p99).
 *
 * <p>{@code mode=hybrid} adds the bundled sentence models (query embedding, HNSW candidates
 * re-scored exactly, rank fusion with BM25). Its vectors are cached in {@code -Dfaq.data=DIR} (default
 * {@code target/faq-bench-data}): the first run embeds the whole generated KB (minutes), later
 * runs read the cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class FaqLookupBench {
  @Param({"10000"})
  int entries;

  @Param({"lexical", "hybrid"})
  String mode;

  FaqEngine engine;
  List<String> queries;

  @Setup(Level.Trial)
  public void build() {
    KnowledgeBase kb = KbGenerator.generate(entries, 42);
    RetrievalMode m = RetrievalMode.parse(mode);
    if (m == RetrievalMode.LEXICAL) {
      engine = FaqEngine.build(kb);
    } else {
      Path data = Path.of(System.getProperty("faq.data", "target/faq-bench-data"));
      EmbeddingCaches caches = EmbeddingCaches.bundled(data.resolve("vectors"), data.resolve("native"), true);
      long start = System.nanoTime();
      SemanticIndex index = SemanticIndex.build(kb, caches, null, 0.06,
          (route, done, total) -> {
            if (done % 5000 == 0 || done == total) {
              System.out.printf("%s vectors %d/%d%n", route, done, total);
            }
          });
      caches.save();
      System.out.printf("semantic index built in %d ms (%s)%n", (System.nanoTime() - start) / 1_000_000,
          index.describe());
      engine = FaqEngine.build(kb, FaqConfig.defaults(), m, index);
    }
    queries = KbGenerator.queries(entries, 42, 2_000);
  }

  /** Each thread walks the query mix from its own position. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  public FaqResult lookup(Cursor cursor) {
    String q = queries.get(cursor.next);
    cursor.next = (cursor.next + 1) % queries.size();
    return engine.query(q);
  }
}
