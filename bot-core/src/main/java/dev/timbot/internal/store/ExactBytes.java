package dev.timbot.internal.store;

import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bytes written big-endian into an array of the size its writer computed, in {@code DataOutput}'s
 * layout, and handed out as they are when the array is filled exactly. The encoders on every
 * message's path (a journal entry, an outbox record) would otherwise grow a buffer and copy it once
 * more into the result (issue 15, BENCHMARKS §8m), and a {@code DataOutputStream} takes a lock per
 * field and allocates an array per string. A size computed wrong costs only a copy, never the bytes.
 */
public final class ExactBytes {
  private ByteBuffer buf;

  public ExactBytes(int size) {
    this.buf = ByteBuffer.allocate(size);
  }

  public ExactBytes putByte(int b) {
    room(1).put((byte) b);
    return this;
  }

  public ExactBytes putBoolean(boolean b) {
    return putByte(b ? 1 : 0);
  }

  public ExactBytes putShort(int s) {
    room(2).putShort((short) s);
    return this;
  }

  public ExactBytes putInt(int i) {
    room(4).putInt(i);
    return this;
  }

  public ExactBytes putLong(long l) {
    room(8).putLong(l);
    return this;
  }

  public ExactBytes put(byte[] bytes) {
    room(bytes.length).put(bytes);
    return this;
  }

  /**
   * As {@code DataOutput.writeUTF}: a two-byte length, then modified UTF-8 (NUL and each surrogate on
   * their own). One pass: the length is written once the text is.
   */
  public ExactBytes putUtf(String s) {
    int lengthAt = room(2).position();
    buf.position(lengthAt + 2);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x0001 && c <= 0x007f) {
        room(1).put((byte) c);
      } else if (c <= 0x07ff) {
        room(2).put((byte) (0xc0 | (c >> 6) & 0x1f)).put((byte) (0x80 | c & 0x3f));
      } else {
        room(3).put((byte) (0xe0 | (c >> 12) & 0x0f)).put((byte) (0x80 | (c >> 6) & 0x3f)).put((byte) (0x80 | c & 0x3f));
      }
    }
    int size = buf.position() - lengthAt - 2;
    if (size > 0xffff) {
      throw new UncheckedIOException(new UTFDataFormatException("encoded string too long: " + size + " bytes"));
    }
    buf.putShort(lengthAt, (short) size);
    return this;
  }

  /** What was written: the array itself when it was filled exactly, else a copy of what was written. */
  public byte[] array() {
    return buf.hasRemaining() ? Arrays.copyOf(buf.array(), buf.position()) : buf.array();
  }

  /** The buffer, with room for {@code n} more bytes (grown if its size was computed short). */
  private ByteBuffer room(int n) {
    if (buf.remaining() < n) {
      ByteBuffer grown = ByteBuffer.allocate(Math.max(buf.position() + n, buf.capacity() * 2));
      buf = grown.put(buf.flip());
    }
    return buf;
  }

  /** What {@link #putUtf} (and {@code DataOutput.writeUTF}) writes for {@code s}: a two-byte length, then modified UTF-8. */
  public static int utfSize(String s) {
    int n = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c >= 0x0001 && c <= 0x007f ? 1 : c <= 0x07ff ? 2 : 3;
    }
    return n;
  }
}
