package dev.timbot.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a {@link RedoLog} back at open: the records of every segment from the last checkpoint's on,
 * in order, up to the log's first torn record or the first segment that lost its trailer while a
 * later one holds records (RedoLog, "Files").
 */
final class RedoReplay {
  private RedoReplay() {}

  /** What {@link #replay} found: the records applied, and the segment whose hole ended the log early (0: none). */
  record Replayed(long applied, long tornSegment) {}

  /**
   * Reads the records of every segment from {@code from} on, in order, and hands each body to
   * {@code apply}, up to the log's first torn record or, with {@code trailers}, the first segment
   * followed by another without ending in a trailer. {@code trailers} false reads a log written
   * before segments had them (each segment up to its own first torn record, as then).
   */
  static Replayed replay(Path dir, long from, boolean trailers, Consumer<ByteBuffer> apply) {
    if (!Files.isDirectory(dir)) {
      return new Replayed(0, 0);
    }
    long applied = 0;
    List<Long> all = RedoLog.segments(dir);
    all.removeIf(s -> s < from);
    // Each segment read once: the hole check below looks at the later ones, which the loop reads next.
    byte[][] read = new byte[all.size()][];
    for (int i = 0; i < all.size(); i++) {
      byte[] data = bytes(dir, all, read, i);
      int at = 0;
      int size;
      boolean ended = false;
      while (!ended && (size = bodyAt(data, at)) > 0) {
        ended = isTrailer(data, at, size);
        if (!ended) {
          apply.accept(ByteBuffer.wrap(data, at + RedoLog.HEADER, size).slice());
          applied++;
        }
        at += RedoLog.HEADER + size;
      }
      if (trailers && !ended && laterHoldRecords(dir, all, read, i + 1)) {
        return new Replayed(applied, all.get(i));
      }
      read[i] = null; // passed: only later segments are looked at again, so its bytes need not be held
    }
    return new Replayed(applied, 0);
  }

  /**
   * The length of the body of the intact record at {@code at}, or -1 where the segment's records end: its
   * end, a zero length (a segment filled with zeros ahead), a length past the end, or a checksum that fails.
   */
  private static int bodyAt(byte[] data, int at) {
    if (data.length - at < RedoLog.HEADER) {
      return -1;
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    int size = b.getInt(at);
    if (size <= 0 || size > data.length - at - RedoLog.HEADER) {
      return -1;
    }
    return RedoLog.checksum(data, at + RedoLog.HEADER, size) == b.getInt(at + 4) ? size : -1;
  }

  private static boolean isTrailer(byte[] data, int at, int size) {
    return size == RedoLog.END.length && data[at + RedoLog.HEADER] == RedoLog.END[0];
  }

  /**
   * Whether any segment from {@code first} on holds more than a trailer: a segment created but never switched to
   * holds nothing (zeros, when filled ahead), and one an open switched away from before its checkpoint
   * was durable only a trailer. Any byte that is not zero past a leading trailer counts, a torn record too.
   */
  private static boolean laterHoldRecords(Path dir, List<Long> all, byte[][] read, int first) {
    for (int i = first; i < all.size(); i++) {
      byte[] data = bytes(dir, all, read, i);
      int size = bodyAt(data, 0);
      int from = size > 0 && isTrailer(data, 0, size) ? RedoLog.HEADER + size : 0;
      for (int j = from; j < data.length; j++) {
        if (data[j] != 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Segment {@code i}'s bytes, read on first use. */
  private static byte[] bytes(Path dir, List<Long> all, byte[][] read, int i) {
    if (read[i] == null) {
      Path file = dir.resolve(RedoLog.name(all.get(i)));
      try {
        read[i] = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the store's log segment " + file + ": " + e.getMessage(), e);
      }
    }
    return read[i];
  }
}
