package dev.timbot.internal.inbox;

import dev.timbot.internal.callback.CallbackParser;
import dev.timbot.internal.callback.CallbackRejected;
import dev.timbot.internal.callback.ReceivedCallback;
import dev.timbot.internal.store.ExactBytes;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;

/**
 * A callback as the journal keeps it: the request as received (command, {@code ClientIP}, {@code
 * OptPlatform}, time, raw body), so that replay parses it exactly as the receiver did. The sign is
 * not kept: it was checked before the entry was written.
 */
public record JournaledCallback(String command, String clientIp, String optPlatform, Instant receivedAt, byte[] body) {
  private static final int VERSION = 1;

  public byte[] encode() {
    // Written into an array of exactly the encoded size, which is then the result: no growth and
    // no copy of the body on every callback's path (issue 15, BENCHMARKS §8m).
    ExactBytes out = new ExactBytes(1 + nullableSize(command) + nullableSize(clientIp) + nullableSize(optPlatform)
        + 8 + 4 + body.length).putByte(VERSION);
    writeNullable(out, command);
    writeNullable(out, clientIp);
    writeNullable(out, optPlatform);
    return out.putLong(receivedAt.toEpochMilli()).putInt(body.length).put(body).array();
  }

  public static JournaledCallback decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("journal entry of unknown version " + version);
      }
      String command = readNullable(in);
      String ip = readNullable(in);
      String platform = readNullable(in);
      Instant at = Instant.ofEpochMilli(in.readLong());
      byte[] body = new byte[in.readInt()];
      in.readFully(body);
      return new JournaledCallback(command, ip, platform, at, body);
    } catch (IOException e) {
      throw new IllegalArgumentException("journal entry is truncated", e);
    }
  }

  /** Parses the body as the receiver does. */
  public ReceivedCallback parse() throws CallbackRejected {
    return new ReceivedCallback(CallbackParser.parse(command, body), clientIp, optPlatform, receivedAt);
  }

  /** What {@link #writeNullable} writes: a flag, then {@code writeUTF}'s length and text. */
  private static int nullableSize(String s) {
    return s == null ? 1 : 1 + ExactBytes.utfSize(s);
  }

  private static void writeNullable(ExactBytes out, String s) {
    out.putBoolean(s != null);
    if (s != null) {
      out.putUtf(s);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
