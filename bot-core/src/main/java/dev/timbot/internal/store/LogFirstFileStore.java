package dev.timbot.internal.store;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.mvstore.SFChunk;
import org.h2.mvstore.SingleFileStore;
import org.h2.mvstore.WriteBuffer;

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
  /**
   * The buffer the last checkpoint serialised its chunk into, kept for the next one up to {@link
   * #KEPT_BUFFER_BYTES}. MVStore keeps one up to 4 MB only; a second's chunk passes that at about
   * 13 000 messages a second (≈ 300 bytes of pages each), and MVStore then grows a new buffer from
   * 1 MB by half again at a time for every checkpoint — about three times the chunk's bytes
   * allocated a second, in arrays large enough for G1 to place each in the old generation
   * (BENCHMARKS §8z).
   */
  private final AtomicReference<WriteBuffer> kept = new AtomicReference<>();

  /** The largest buffer kept between checkpoints: a second of ≈ 50 000 messages. */
  static final int KEPT_BUFFER_BYTES = 16 << 20;

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
  public WriteBuffer getWriteBuffer() {
    WriteBuffer buffer = kept.getAndSet(null);
    if (buffer == null) {
      return new WriteBuffer();
    }
    // Not WriteBuffer.clear(), which swaps an array past 4 MB for a smaller one it keeps for reuse.
    buffer.getBuffer().clear();
    return buffer;
  }

  @Override
  public void releaseWriteBuffer(WriteBuffer buffer) {
    if (buffer.capacity() <= KEPT_BUFFER_BYTES) {
      kept.set(buffer); // checkpoints (and the compaction before each) run on one thread, one at a time
    }
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
