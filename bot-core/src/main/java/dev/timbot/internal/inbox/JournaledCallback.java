package dev.timbot.internal.inbox;

import dev.timbot.internal.callback.CallbackParser;
import dev.timbot.internal.callback.CallbackRejected;
import dev.timbot.internal.callback.ReceivedCallback;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A callback as the journal keeps it: the request as received (command, {@code ClientIP}, {@code
 * OptPlatform}, time, raw body), so that replay parses it exactly as the receiver did. The sign is
 * not kept: it was checked before the entry was written.
 */
public record JournaledCallback(String command, String clientIp, String optPlatform, Instant receivedAt, byte[] body) {
  private static final int VERSION = 1;

  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + body.length);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeNullable(out, command);
      writeNullable(out, clientIp);
      writeNullable(out, optPlatform);
      out.writeLong(receivedAt.toEpochMilli());
      out.writeInt(body.length);
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
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

  private static void writeNullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
