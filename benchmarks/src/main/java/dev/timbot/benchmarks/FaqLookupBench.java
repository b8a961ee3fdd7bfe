package dev.timbot.benchmarks;

import dev.timbot.plugins.faq.FaqEngine;
import dev.timbot.plugins.faq.FaqResult;
import dev.timbot.plugins.faq.KbGenerator;
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

  FaqEngine engine;
  List<String> queries;

  @Setup(Level.Trial)
  public void build() {
    engine = FaqEngine.build(KbGenerator.generate(entries, 42));
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
