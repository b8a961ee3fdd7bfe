package dev.timbot.internal.store;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.h2.mvstore.SFChunk;
import org.h2.mvstore.SingleFileStore;

/**
 * MVStore's file, with the write-ahead log forced before MVStore hands any byte of it to the OS.
 *
 * <p>Why: a checkpoint's {@code mv.commit()} takes the maps' roots and serialises the whole chunk
 * before its first write, and a root may hold a staged write (a claim, a reply's record) whose log
 * record is written but, under fsync=everysec, not yet forced. Once the chunk is written the OS may
 * put it on the disk at any moment, ahead of the log; a power cut then keeps the chunk and loses the
 * records it rests on (PowerCutTest: a reply without its claim, a MsgSeq handed out twice). Forcing
 * the log here, when every root is taken and nothing is written yet, forces the record of every
 * staged write the chunk holds and everything logged before them. Under fsync=always those records
 * are forced already; the force finds little to do. About one fdatasync of the log per checkpoint.
 */
final class LogFirstFileStore extends SingleFileStore {
  /** Set once the log is open (after the replay, which MVStore's own open-time writes precede). */
  private volatile RedoLog log;

  LogFirstFileStore(int cacheSizeMb) {
    super(config(cacheSizeMb));
  }

  private static Map<String, Object> config(int cacheSizeMb) {
    // The file store reads its cache size from its own settings, not from the MVStore.Builder's.
    Map<String, Object> config = new HashMap<>();
    config.put("cacheSize", cacheSizeMb);
    return config;
  }

  void forceFirst(RedoLog log) {
    this.log = log;
  }

  @Override
  protected void writeFully(SFChunk chunk, long pos, ByteBuffer src) {
    RedoLog first = log;
    if (first != null) {
      first.force();
    }
    super.writeFully(chunk, pos, src);
  }
}
