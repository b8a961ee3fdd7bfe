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
   * The size of a change's body, as {@link #write} writes it (text through {@link Utf8Bytes}, so a
   * change on a message's path takes no array of its own, issue 15).
   */
  static int size(byte[] map, Object key, boolean put, Object value) {
    return 1 + 2 + map.length + size(key) + (put ? size(value) : 0);
  }

  /** Throws unless the log keeps a key and value of these types (a null value: a removal). */
  static void requireLoggable(Object key, Object value) {
    if (!loggable(key) || value != null && !loggable(value)) {
      throw unloggable(loggable(key) ? value : key);
    }
  }

  private static boolean loggable(Object o) {
    return o instanceof String || o instanceof byte[] || o instanceof Long || o instanceof Boolean;
  }

  private static IllegalArgumentException unloggable(Object o) {
    return new IllegalArgumentException("the store's log keeps no " + (o == null ? "null" : o.getClass().getName()));
  }

  /** Writes a change's body: exactly {@link #size} bytes. */
  static void write(ByteBuffer b, byte[] map, Object key, boolean put, Object value) {
    b.put(put ? PUT : REMOVE).putShort((short) map.length).put(map);
    write(b, key);
    if (put) {
      write(b, value);
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

  private static int size(Object o) {
    if (o instanceof Long) {
      return 1 + 8;
    }
    if (o instanceof Boolean) {
      return 1 + 1;
    }
    if (o instanceof byte[] bytes) {
      return 1 + 4 + bytes.length;
    }
    if (o instanceof String s) {
      return 1 + 4 + Utf8Bytes.length(s);
    }
    throw unloggable(o);
  }

  private static void write(ByteBuffer b, Object o) {
    if (o instanceof Long l) {
      b.put((byte) 'L').putLong(l);
    } else if (o instanceof Boolean z) {
      b.put((byte) 'Z').put((byte) (z ? 1 : 0));
    } else if (o instanceof byte[] bytes) {
      b.put((byte) 'B').putInt(bytes.length).put(bytes);
    } else {
      String s = (String) o;
      b.put((byte) 'S').putInt(Utf8Bytes.length(s));
      // Into the buffer's array (the log's own, on the heap), then past it.
      b.position(Utf8Bytes.write(s, b.array(), b.arrayOffset() + b.position()) - b.arrayOffset());
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
