package dev.timbot.internal.store;

import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/** An outbox entry as bytes in the embedded store (a value encoding, versioned by its first byte). */
final class OutboxCodec {
  private static final int VERSION = 1;

  private OutboxCodec() {}

  static byte[] encode(Entry e) {
    ExactBytes out = new ExactBytes(1 + ExactBytes.utfSize(e.id()) + ExactBytes.utfSize(e.conversationId()) + 8 + 8
        + 4 + e.payload().length + 1 + 4 + 8 + 8 + 1 + (e.lastError() == null ? 0 : ExactBytes.utfSize(e.lastError())));
    out.putByte(VERSION)
        .putUtf(e.id())
        .putUtf(e.conversationId())
        .putLong(e.msgSeq())
        .putLong(e.msgRandom())
        .putInt(e.payload().length)
        .put(e.payload())
        .putByte(e.state().ordinal())
        .putInt(e.attempts())
        .putLong(e.createdAt().toEpochMilli())
        .putLong(e.nextAttemptAt() == null ? Long.MIN_VALUE : e.nextAttemptAt().toEpochMilli())
        .putBoolean(e.lastError() != null);
    if (e.lastError() != null) {
      out.putUtf(e.lastError());
    }
    return out.array();
  }

  /**
   * The same entry marked done (no next attempt) and without its payload, cut from the stored bytes
   * rather than decoded and encoded again. A done send is never sent again: a handler run again
   * after a crash gets its {@code SentMessage} from the message it made itself (DurableOutbox), so
   * the payload would only be carried for the keep time (an hour, for a send its handler could still
   * make again; the others are forgotten at once, OutboxStore#forget) — in every page the
   * record lands in, every commit that rewrites that page, and the page cache (issue 15, BENCHMARKS
   * §8m). Entries marked done by earlier versions keep theirs and read the same.
   */
  static byte[] done(byte[] data) {
    if (data[0] != VERSION) {
      throw new IllegalStateException("outbox entry of unknown version " + data[0]);
    }
    ByteBuffer in = ByteBuffer.wrap(data);
    int at = 1;
    at += 2 + (in.getShort(at) & 0xffff); // id
    at += 2 + (in.getShort(at) & 0xffff); // conversation
    at += 16; // MsgSeq, MsgRandom
    int payloadLength = in.getInt(at);
    int tail = at + 4 + payloadLength; // state, attempts, created, next attempt, error
    byte[] out = new byte[data.length - payloadLength];
    ByteBuffer b = ByteBuffer.wrap(out);
    b.put(data, 0, at).putInt(0).put(data, tail, data.length - tail);
    int state = at + 4;
    b.put(state, (byte) State.DONE.ordinal());
    b.putLong(state + 1 + 4 + 8, Long.MIN_VALUE); // after state, attempts and created: no next attempt
    return out;
  }

  static Entry decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalStateException("outbox entry of unknown version " + version);
      }
      String id = in.readUTF();
      String conv = in.readUTF();
      long seq = in.readLong();
      long rnd = in.readLong();
      byte[] payload = new byte[in.readInt()];
      in.readFully(payload);
      State state = State.values()[in.readUnsignedByte()];
      int attempts = in.readInt();
      Instant created = Instant.ofEpochMilli(in.readLong());
      long next = in.readLong();
      String error = in.readBoolean() ? in.readUTF() : null;
      return new Entry(id, conv, seq, rnd, payload, state, attempts, created,
          next == Long.MIN_VALUE ? null : Instant.ofEpochMilli(next), error);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
