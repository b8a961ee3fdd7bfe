package dev.timbot.plugins.faq.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.plugins.faq.KbGenerator;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildThreadsTest {
  @TempDir Path dir;

  @Test
  void resultsComeInIndexOrderThoughALaterItemFinishesFirst() {
    CountDownLatch secondDone = new CountDownLatch(1);
    // Item 0 finishes only after item 1 has: that needs two threads, and item 0's result must still come first.
    List<String> out = inOrder(40, i -> {
      if (i == 0) {
        await(secondDone);
      }
      if (i == 1) {
        secondDone.countDown();
      }
      return "item " + i + " on " + Thread.currentThread().getName();
    }, 2);
    assertThat(out).hasSize(40);
    for (int i = 0; i < 40; i++) {
      assertThat(out.get(i)).startsWith("item " + i + " on faq-build-");
    }
    assertThat(out.get(0).substring(out.get(0).lastIndexOf('-')))
        .isNotEqualTo(out.get(1).substring(out.get(1).lastIndexOf('-')));
  }

  @Test
  void theConsumerRunsOnTheCallersThreadWithEachIndex() {
    String caller = Thread.currentThread().getName();
    List<String> seen = new ArrayList<>();
    BuildThreads.forEachInOrder(100, i -> i * i, (square, i) -> seen.add(i + "²=" + square + " " + Thread.currentThread().getName()), 3);
    assertThat(seen).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(seen.get(i)).isEqualTo(i + "²=" + i * i + " " + caller);
    }
  }

  @Test
  void oneThreadWorksOnTheCallersThread() {
    String caller = Thread.currentThread().getName();
    assertThat(inOrder(3, i -> Thread.currentThread().getName(), 1)).containsExactly(caller, caller, caller);
    assertThat(inOrder(0, i -> "never", 4)).isEmpty();
  }

  @Test
  void theLowestFailingItemFailsTheBuildWithItsOwnErrorAsOnOneThread() {
    CountDownLatch sixFailed = new CountDownLatch(1);
    // Item 3 fails only once item 6 (another thread's) has failed: the error thrown must still be item 3's.
    assertThatThrownBy(() -> inOrder(8, i -> {
      if (i == 3) {
        await(sixFailed);
        throw new IllegalArgumentException("item 3 has no vector");
      }
      if (i == 6) {
        try {
          throw new IllegalArgumentException("item 6 has no vector");
        } finally {
          sixFailed.countDown();
        }
      }
      return i;
    }, 4)).isInstanceOf(IllegalArgumentException.class).hasMessage("item 3 has no vector")
        .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
            .containsExactly("item 6 has no vector"));
  }

  @Test
  void anInterruptedBuildStopsWithACancellationAndStartsNoFurtherItem() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch never = new CountDownLatch(1);
    List<Integer> begun = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Integer> finished = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<List<Integer>> finishedWhenThrown = new AtomicReference<>();
    Thread builder = new Thread(() -> {
      try {
        inOrder(4, i -> {
          begun.add(i);
          started.countDown();
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          // Still busy after the interrupt (an embed in native code does not stop at once): the build must wait for it.
          pause();
          finished.add(i);
          return i;
        }, 2);
      } catch (Throwable t) {
        finishedWhenThrown.set(List.copyOf(finished));
        thrown.set(t);
      }
    });
    builder.start();
    await(started);
    builder.interrupt();
    builder.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(builder.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(CancellationException.class);
    // Items 0 and 1 were running; each worker finished it before the build ended, and started no other (2 and 3).
    assertThat(begun).containsExactlyInAnyOrder(0, 1);
    assertThat(finishedWhenThrown.get()).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void onOneThreadAnInterruptedBuildStopsBeforeItsNextItem() {
    List<Integer> begun = new ArrayList<>();
    try {
      assertThatThrownBy(() -> inOrder(5, i -> {
        begun.add(i);
        if (i == 1) {
          Thread.currentThread().interrupt(); // as FaqPlugin.stop() does to the thread building the index
        }
        return i;
      }, 1)).isInstanceOf(CancellationException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(begun).containsExactly(0, 1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aRouteIsTheSameBuiltOnOneThreadOrOnFour() {
    KnowledgeBase kb = KbGenerator.generate(300, 7);
    SemanticIndex one = build(kb, "one", 1);
    SemanticIndex four = build(kb, "four", 4);
    SemanticIndex.Route a = one.chinese();
    SemanticIndex.Route b = four.chinese();
    assertThat(a.probes()).isPositive().isEqualTo(b.probes());
    assertThat(b.thresholds()).isEqualTo(a.thresholds());
    assertThat(b.hybrid()).isEqualTo(a.hybrid());
    assertThat(a.whitened().active()).isTrue();
    FakeEmbedder queries = new FakeEmbedder("fake");
    for (String q : List.of("refund how long", "change my address", "where is my parcel")) {
      float[] v = queries.embed(q);
      float[] cos = a.index().entryScores(v);
      int winner = SemanticRanker.topEntries(cos, 1).get(0);
      assertThat(b.whitened().lead(v, cos, null, winner)).isEqualTo(a.whitened().lead(v, cos, null, winner));
    }
  }

  private SemanticIndex build(KnowledgeBase kb, String name, int threads) {
    EmbeddingCache cache = EmbeddingCache.saved(new FakeEmbedder("fake"), dir.resolve(name));
    return SemanticIndex.build(kb, new EmbeddingCaches(cache, null), null, 0.06, SemanticIndex.Progress.NONE, threads);
  }

  /** {@link BuildThreads#forEachInOrder} collected into a list. */
  private static <T> List<T> inOrder(int n, java.util.function.IntFunction<T> task, int threads) {
    List<T> out = new ArrayList<>(n);
    BuildThreads.forEachInOrder(n, task, (result, i) -> out.add(result), threads);
    return out;
  }

  /** A short stretch of work that an interrupt does not cut short. */
  private static void pause() {
    boolean interrupted = Thread.interrupted();
    try {
      new CountDownLatch(1).await(200, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the other item never ran");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
