package dev.timbot.internal.store;

import java.io.ByteArrayOutputStream;

/**
 * A byte stream into an array of the size its writer computed, handed out as it is when filled
 * exactly: the encoders on every message's path (a journal entry, an outbox record) would otherwise
 * grow a buffer and copy it once more into the result (issue 15, BENCHMARKS §8m). A size computed
 * wrong costs only that copy again, never the bytes.
 */
public final class ExactBytes extends ByteArrayOutputStream {
  public ExactBytes(int size) {
    super(size);
  }

  /** What was written: the buffer itself when it was filled exactly, else a copy. */
  public byte[] array() {
    return count == buf.length ? buf : toByteArray();
  }

  /** What {@code DataOutput.writeUTF(s)} writes: a two-byte length, then modified UTF-8. */
  public static int utfSize(String s) {
    int n = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c >= 0x0001 && c <= 0x007f ? 1 : c <= 0x07ff ? 2 : 3;
    }
    return n;
  }
}
