package dev.timbot.emulator.internal.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The few DER encodings an X.509 certificate needs (ITU-T X.690). */
final class Der {
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

  private Der() {}

  static byte[] tlv(int tag, byte[]... contents) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] c : contents) {
      body.writeBytes(c);
    }
    byte[] b = body.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    writeLength(out, b.length);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int len) {
    if (len < 0x80) {
      out.write(len);
      return;
    }
    byte[] l = BigInteger.valueOf(len).toByteArray();
    int start = l[0] == 0 ? 1 : 0;
    out.write(0x80 | (l.length - start));
    out.write(l, start, l.length - start);
  }

  static byte[] sequence(byte[]... items) {
    return tlv(0x30, items);
  }

  static byte[] set(byte[]... items) {
    return tlv(0x31, items);
  }

  static byte[] integer(BigInteger v) {
    return tlv(0x02, v.toByteArray());
  }

  static byte[] bool(boolean v) {
    return tlv(0x01, new byte[] {(byte) (v ? 0xff : 0)});
  }

  static byte[] nul() {
    return new byte[] {0x05, 0x00};
  }

  static byte[] octets(byte[] v) {
    return tlv(0x04, v);
  }

  /** BIT STRING with no unused bits. */
  static byte[] bits(byte[] v) {
    byte[] b = new byte[v.length + 1];
    System.arraycopy(v, 0, b, 1, v.length);
    return tlv(0x03, b);
  }

  static byte[] utf8(String s) {
    return tlv(0x0c, s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] utcTime(ZonedDateTime t) {
    return tlv(0x17, UTC_TIME.format(t.withZoneSameInstant(ZoneOffset.UTC)).getBytes(StandardCharsets.US_ASCII));
  }

  /** Context-specific constructed tag {@code [n]} (explicit tagging). */
  static byte[] explicit(int n, byte[] content) {
    return tlv(0xa0 | n, content);
  }

  /** Context-specific primitive tag {@code [n]} (implicit tagging, e.g. GeneralName choices). */
  static byte[] implicit(int n, byte[] raw) {
    return tlv(0x80 | n, raw);
  }

  static byte[] oid(String dotted) {
    String[] p = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(p[0]) * 40 + Integer.parseInt(p[1]));
    for (int i = 2; i < p.length; i++) {
      long v = Long.parseLong(p[i]);
      byte[] tmp = new byte[10];
      int n = 0;
      do {
        tmp[n++] = (byte) (v & 0x7f);
        v >>>= 7;
      } while (v != 0);
      for (int j = n - 1; j >= 0; j--) {
        out.write(tmp[j] | (j > 0 ? 0x80 : 0));
      }
    }
    return tlv(0x06, out.toByteArray());
  }
}
