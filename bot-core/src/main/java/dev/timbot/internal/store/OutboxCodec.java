package dev.timbot.internal.store;

import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/** An outbox entry as bytes in the embedded store (a value encoding, versioned by its first byte). */
final class OutboxCodec {
  private static final int VERSION = 1;

  private OutboxCodec() {}

  static byte[] encode(Entry e) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + e.payload().length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(e.id());
      out.writeUTF(e.conversationId());
      out.writeLong(e.msgSeq());
      out.writeLong(e.msgRandom());
      out.writeInt(e.payload().length);
      out.write(e.payload());
      out.writeByte(e.state().ordinal());
      out.writeInt(e.attempts());
      out.writeLong(e.createdAt().toEpochMilli());
      out.writeLong(e.nextAttemptAt() == null ? Long.MIN_VALUE : e.nextAttemptAt().toEpochMilli());
      out.writeBoolean(e.lastError() != null);
      if (e.lastError() != null) {
        out.writeUTF(e.lastError());
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return bytes.toByteArray();
  }

  /**
   * The same entry marked done (no next attempt), changed in place of a copy rather than decoded
   * and encoded again: state and next attempt sit after the id, conversation and payload.
   */
  static byte[] done(byte[] data) {
    if (data[0] != VERSION) {
      throw new IllegalStateException("outbox entry of unknown version " + data[0]);
    }
    ByteBuffer b = ByteBuffer.wrap(data.clone());
    int at = 1;
    at += 2 + (b.getShort(at) & 0xffff); // id
    at += 2 + (b.getShort(at) & 0xffff); // conversation
    at += 16; // MsgSeq, MsgRandom
    at += 4 + b.getInt(at); // payload
    b.put(at, (byte) State.DONE.ordinal());
    b.putLong(at + 1 + 4 + 8, Long.MIN_VALUE); // after state, attempts and created: no next attempt
    return b.array();
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
