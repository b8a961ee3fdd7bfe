package dev.timbot.benchmarks.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** RocksDB: a batch is one {@code WriteBatch} written with {@code sync=true} (WAL fsync). */
final class RocksEngine implements StoreEngines.Engine {
  static {
    RocksDB.loadLibrary();
  }

  private final Options options;
  private final RocksDB db;
  private final WriteOptions sync;

  RocksEngine(Path dir) throws RocksDBException {
    options = new Options().setCreateIfMissing(true);
    db = RocksDB.open(options, dir.toString());
    sync = new WriteOptions().setSync(true);
  }

  @Override
  public void appendDurably(long firstKey, List<byte[]> batch) throws RocksDBException {
    try (WriteBatch wb = new WriteBatch()) {
      long k = firstKey;
      for (byte[] b : batch) {
        wb.put(ByteBuffer.allocate(8).putLong(k++).array(), b);
      }
      db.write(sync, wb);
    }
  }

  @Override
  public void close() {
    sync.close();
    db.close();
    options.close();
  }
}
