package dev.timbot.benchmarks.store;

import java.nio.file.Path;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/** H2 MVStore: one map, auto-commit off; a batch is one {@code commit()} then {@code sync()} (fsync). */
final class H2Engine implements StoreEngines.Engine {
  private final MVStore store;
  private final MVMap<Long, byte[]> map;

  H2Engine(Path dir) {
    store = new MVStore.Builder().fileName(dir.resolve("journal.mv").toString()).autoCommitDisabled().open();
    map = store.openMap("journal");
  }

  @Override
  public void appendDurably(long firstKey, List<byte[]> batch) {
    long k = firstKey;
    for (byte[] b : batch) {
      map.put(k++, b);
    }
    store.commit();
    store.sync();
  }

  @Override
  public void close() {
    store.close();
  }
}
