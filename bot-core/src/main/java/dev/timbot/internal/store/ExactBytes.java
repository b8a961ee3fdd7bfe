package dev.timbot.internal.store;

import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Bytes written big-endian into an array of the size its writer computed, in {@code DataOutput}'s
 * layout, and handed out as they are when the array is filled exactly. The encoders on every
 * message's path (a journal entry, an outbox record) would otherwise grow a buffer and copy it once
 * more into the result (issue 15, BENCHMARKS §8m), and a {@code DataOutputStream} takes a lock per
 * field and allocates an array per string. A size computed wrong costs only a copy, never the bytes.
 */
public final class ExactBytes {
  private byte[] buf;
  private int count;

  public ExactBytes(int size) {
    this.buf = new byte[size];
  }

  public ExactBytes putByte(int b) {
    room(1);
    buf[count++] = (byte) b;
    return this;
  }

  public ExactBytes putBoolean(boolean b) {
    return putByte(b ? 1 : 0);
  }

  public ExactBytes putShort(int s) {
    room(2);
    buf[count++] = (byte) (s >>> 8);
    buf[count++] = (byte) s;
    return this;
  }

  public ExactBytes putInt(int i) {
    room(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buf[count++] = (byte) (i >>> shift);
    }
    return this;
  }

  public ExactBytes putLong(long l) {
    room(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[count++] = (byte) (l >>> shift);
    }
    return this;
  }

  public ExactBytes put(byte[] bytes) {
    room(bytes.length);
    System.arraycopy(bytes, 0, buf, count, bytes.length);
    count += bytes.length;
    return this;
  }

  /** As {@code DataOutput.writeUTF}: a two-byte length, then modified UTF-8 (NUL and each surrogate on their own). */
  public ExactBytes putUtf(String s) {
    int size = utfSize(s) - 2;
    if (size > 0xffff) {
      throw new UncheckedIOException(new UTFDataFormatException("encoded string too long: " + size + " bytes"));
    }
    putShort(size);
    room(size);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x0001 && c <= 0x007f) {
        buf[count++] = (byte) c;
      } else if (c <= 0x07ff) {
        buf[count++] = (byte) (0xc0 | (c >> 6) & 0x1f);
        buf[count++] = (byte) (0x80 | c & 0x3f);
      } else {
        buf[count++] = (byte) (0xe0 | (c >> 12) & 0x0f);
        buf[count++] = (byte) (0x80 | (c >> 6) & 0x3f);
        buf[count++] = (byte) (0x80 | c & 0x3f);
      }
    }
    return this;
  }

  /** What was written: the array itself when it was filled exactly, else a copy of what was written. */
  public byte[] array() {
    return count == buf.length ? buf : Arrays.copyOf(buf, count);
  }

  private void room(int n) {
    if (count + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(count + n, buf.length * 2));
    }
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
