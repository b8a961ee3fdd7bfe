// BENCHMARKS §8r: what one MVStore commit costs by the number of maps it changes, with the embedded store's
// builder options (4 KiB page split, 1 MiB page cache, no auto-commit, retention as given) and no timbot code.
// Each map holds PREFILL long -> 80-byte entries (depth 3 at 4 KiB pages); every commit puts one entry at the
// right edge of MAPS maps (and with TINY=1 one counter in a 64-key map, as outbox.msgSeq), commits, and fsyncs
// (SYNC = "sync": MVStore's force(true); "syncdata": force(false) on a second read-only channel); a slice of
// compaction every 1 000 commits. CPU is this thread's over the second half of the commits.
//
//   javac -cp benchmarks/target/benchmarks.jar -d /tmp/cc benchmarks/results/store9-CommitCost.java
//   java -Xmx512m -cp benchmarks/target/benchmarks.jar:/tmp/cc CommitCost MAPS PREFILL COMMITS RETENTION_MS SYNC [TINY]
//   e.g. java ... CommitCost 3 100000 20000 1000 sync
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

final class CommitCost {
  public static void main(String[] a) throws Exception {
    int maps = Integer.parseInt(a[0]);
    int prefill = Integer.parseInt(a[1]);
    int commits = Integer.parseInt(a[2]);
    int retention = Integer.parseInt(a[3]);
    boolean dataOnly = a[4].equals("syncdata");
    int tiny = a.length > 5 ? Integer.parseInt(a[5]) : 0;
    Path dir = Files.createTempDirectory("commit-cost");
    MVStore mv = new MVStore.Builder().fileName(dir.resolve("m.db").toString()).autoCommitDisabled()
        .autoCommitBufferSize(0).cacheSize(1).pageSplitSize(4096).open();
    mv.setRetentionTime(retention);
    FileChannel second = FileChannel.open(dir.resolve("m.db"), StandardOpenOption.READ);
    @SuppressWarnings("unchecked")
    MVMap<Long, byte[]>[] m = new MVMap[maps];
    byte[] v = new byte[80];
    for (int i = 0; i < maps; i++) {
      m[i] = mv.openMap("m" + i, new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
          .valueType(ByteArrayDataType.INSTANCE));
      for (long k = 0; k < prefill; k++) {
        m[i].put(k, v);
      }
    }
    MVMap<String, Long> seq = mv.openMap("seq", new MVMap.Builder<String, Long>().keyType(StringDataType.INSTANCE)
        .valueType(LongDataType.INSTANCE));
    mv.commit();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long key = prefill;
    long cpu0 = 0;
    long wall0 = System.nanoTime();
    for (int c = 0; c < commits; c++) {
      if (c == commits / 2) {
        cpu0 = threads.getCurrentThreadCpuTime();
        wall0 = System.nanoTime();
      }
      for (int i = 0; i < maps; i++) {
        m[i].put(key, v);
      }
      if (tiny > 0) {
        seq.put("C2Cu" + (key % 64), key);
      }
      key++;
      mv.commit();
      if (dataOnly) {
        second.force(false);
      } else {
        mv.sync();
      }
      if (c % 1000 == 0) {
        mv.compact(50, 1 << 20);
      }
    }
    int n = commits - commits / 2;
    System.out.printf("%s tiny %d maps %d prefill %d ret %d: %.1f µs CPU per commit, wall %.1f µs, layout %d entries%n",
        a[4], tiny, maps, prefill, retention, (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n,
        (System.nanoTime() - wall0) / 1e3 / n, mv.getLayoutMap().size());
    mv.closeImmediately();
  }
}
