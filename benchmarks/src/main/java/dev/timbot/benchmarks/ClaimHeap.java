package dev.timbot.benchmarks;

import dev.timbot.internal.store.EmbeddedStore;
import dev.timbot.spi.BotClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Heap held per live dedupe claim by the embedded store: {@code --claims} keys claimed (as the
 * runtime's MsgKeys, in no order), committed, then the heap after a full GC against the store's
 * before; then the store is closed and reopened (its window rebuilt from the file) and the same
 * is measured with the time the open took. Both include what MVStore keeps (its 4 MB page cache).
 *
 * <pre>java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.timbot.benchmarks.ClaimHeap --claims=1000000</pre>
 */
public final class ClaimHeap {
  private ClaimHeap() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int claims = new Args(args).integer("claims", 1_000_000);
    Path dir = Files.createTempDirectory("timbot-claim-heap");
    try {
      long empty = HeapSampler.liveAfterGc();
      try (EmbeddedStore store = new EmbeddedStore(dir, BotClock.system())) {
        for (long n = 0; n < claims; n++) {
          store.dedupe().claim(StorePathBench.msgKey(n), "j" + n, Duration.ofMinutes(10));
        }
        store.state("claim-heap").flush().join();
        report("after claiming", claims, HeapSampler.liveAfterGc() - empty);
      }
      long t0 = System.nanoTime();
      try (EmbeddedStore store = new EmbeddedStore(dir, BotClock.system())) {
        long opened = System.nanoTime() - t0;
        report("after a reopen (open took " + opened / 1_000_000 + " ms)", claims, HeapSampler.liveAfterGc() - empty);
      }
    } finally {
      WrkBench.deleteTree(dir);
    }
  }

  private static void report(String when, int claims, long bytes) {
    System.out.printf("%s: %,d live claims hold %,d B of heap = %.1f B per claim%n", when, claims, bytes,
        (double) bytes / claims);
  }
}
