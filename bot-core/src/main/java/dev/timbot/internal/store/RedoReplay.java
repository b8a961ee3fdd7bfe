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
    for (int i = 0; i < all.size(); i++) {
      long s = all.get(i);
      if (s < from) {
        continue;
      }
      ByteBuffer data;
      try {
        data = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(RedoLog.name(s))));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the store's log segment " + dir.resolve(RedoLog.name(s)) + ": "
            + e.getMessage(), e);
      }
      boolean ended = false;
      while (data.remaining() >= RedoLog.HEADER && !ended) {
        int size = data.getInt(data.position());
        int sum = data.getInt(data.position() + 4);
        if (size <= 0 || size > data.remaining() - RedoLog.HEADER) {
          break;
        }
        if (RedoLog.checksum(data.array(), data.position() + RedoLog.HEADER, size) != sum) {
          break;
        }
        ByteBuffer body = ByteBuffer.wrap(data.array(), data.position() + RedoLog.HEADER, size).slice();
        data.position(data.position() + RedoLog.HEADER + size);
        if (size == RedoLog.END.length && body.get(0) == RedoLog.END[0]) {
          ended = true;
        } else {
          apply.accept(body);
          applied++;
        }
      }
      if (trailers && !ended && laterHoldRecords(dir, all.subList(i + 1, all.size()))) {
        return new Replayed(applied, s);
      }
    }
    return new Replayed(applied, 0);
  }

  /**
   * Whether any of {@code later} holds more than a trailer: a segment created but never switched to
   * holds nothing (zeros, when filled ahead), and one an open switched away from before its checkpoint
   * was durable only a trailer. Any byte that is not zero past a leading trailer counts, a torn record too.
   */
  private static boolean laterHoldRecords(Path dir, List<Long> later) {
    for (long s : later) {
      byte[] data;
      try {
        data = Files.readAllBytes(dir.resolve(RedoLog.name(s)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the store's log segment " + dir.resolve(RedoLog.name(s)) + ": "
            + e.getMessage(), e);
      }
      int from = startsWithTrailer(data) ? RedoLog.HEADER + RedoLog.END.length : 0;
      for (int i = from; i < data.length; i++) {
        if (data[i] != 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean startsWithTrailer(byte[] data) {
    int trailer = RedoLog.HEADER + RedoLog.END.length;
    if (data.length < trailer) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    return b.getInt(0) == RedoLog.END.length && data[RedoLog.HEADER] == RedoLog.END[0]
        && b.getInt(4) == RedoLog.checksum(data, RedoLog.HEADER, RedoLog.END.length);
  }
}
