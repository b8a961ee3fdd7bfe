package dev.timbot.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One change to one map, as {@link RedoLog} keeps it: op (1: put, 2: remove) | the map's name
 * (length 2, UTF-8) | the key | the value (puts only), each a tag and its bytes — {@code L} a
 * {@code long} (8), {@code S} text (length 4, UTF-8), {@code B} bytes (length 4), {@code Z} a
 * boolean (1). These are the key and value types of the store's maps ({@link TypedMaps#typesOf}).
 */
record RedoRecord(String map, boolean put, Object key, Object value) {
  private static final byte PUT = 1;
  private static final byte REMOVE = 2;

  /**
   * A change about to be written: its key's and value's bytes taken once, so that its size is known
   * before it is written ({@link RedoLog} writes it straight into its buffer, issue 15).
   */
  record Change(byte[] map, Object key, byte[] keyBytes, boolean put, Object value, byte[] valueBytes) {
    static Change of(byte[] map, Object key, boolean put, Object value) {
      return new Change(map, key, bytesOf(key), put, value, put ? bytesOf(value) : null);
    }

    int size() {
      return 1 + 2 + map.length + RedoRecord.size(key, keyBytes) + (put ? RedoRecord.size(value, valueBytes) : 0);
    }

    void writeTo(ByteBuffer b) {
      b.put(put ? PUT : REMOVE).putShort((short) map.length).put(map);
      write(b, key, keyBytes);
      if (put) {
        write(b, value, valueBytes);
      }
    }
  }

  static RedoRecord decode(ByteBuffer b) {
    byte op = b.get();
    if (op != PUT && op != REMOVE) {
      throw new IllegalArgumentException("not a store log record: op " + op);
    }
    byte[] name = new byte[b.getShort() & 0xffff];
    b.get(name);
    Object key = read(b);
    Object value = op == PUT ? read(b) : null;
    return new RedoRecord(new String(name, StandardCharsets.UTF_8), op == PUT, key, value);
  }

  /** Text as UTF-8; bytes as they are; null for the fixed-size types. */
  private static byte[] bytesOf(Object o) {
    if (o instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    if (o instanceof byte[] bytes) {
      return bytes;
    }
    if (o instanceof Long || o instanceof Boolean) {
      return null;
    }
    throw new IllegalArgumentException("the store's log keeps no " + (o == null ? "null" : o.getClass().getName()));
  }

  private static int size(Object o, byte[] bytes) {
    return 1 + (o instanceof Long ? 8 : o instanceof Boolean ? 1 : 4 + bytes.length);
  }

  private static void write(ByteBuffer b, Object o, byte[] bytes) {
    if (o instanceof Long l) {
      b.put((byte) 'L').putLong(l);
    } else if (o instanceof Boolean z) {
      b.put((byte) 'Z').put((byte) (z ? 1 : 0));
    } else {
      b.put((byte) (o instanceof String ? 'S' : 'B')).putInt(bytes.length).put(bytes);
    }
  }

  private static Object read(ByteBuffer b) {
    byte tag = b.get();
    switch (tag) {
      case 'L':
        return b.getLong();
      case 'Z':
        return b.get() != 0;
      case 'S':
      case 'B':
        byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        return tag == 'S' ? new String(bytes, StandardCharsets.UTF_8) : bytes;
      default:
        throw new IllegalArgumentException("not a store log record: type " + tag);
    }
  }
}
