package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.internal.inbox.JournaledCallback;
import dev.timbot.spi.Store.OutboxStore.Entry;
import dev.timbot.spi.Store.OutboxStore.State;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExactBytesTest {
  private static final String[] TEXTS = {"", "Bot.OnC2CMessage", "127.0.0.1", "nul\u0000", "café", "中文", "\uD83D\uDE00 emoji",
      "\u07ff\u0800\u007f\u0080"};

  @Test
  void utfSizeIsWhatWriteUtfWrites() throws IOException {
    for (String s : TEXTS) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      new DataOutputStream(bytes).writeUTF(s);
      assertThat(ExactBytes.utfSize(s)).as(s).isEqualTo(bytes.size());
    }
  }

  @Test
  void putUtfWritesTheBytesWriteUtfWrites() throws IOException {
    for (String s : TEXTS) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      new DataOutputStream(bytes).writeUTF(s);
      assertThat(new ExactBytes(ExactBytes.utfSize(s)).putUtf(s).array()).as(s).isEqualTo(bytes.toByteArray());
    }
  }

  /** The longest text writeUTF takes is written as it writes it; one byte longer fails as it fails. */
  @Test
  void textOfMoreThan65535EncodedBytesIsRefusedAsWriteUtfRefusesIt() throws IOException {
    String longest = "é".repeat(32_767) + "a"; // 65 535 bytes
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new DataOutputStream(bytes).writeUTF(longest);
    assertThat(new ExactBytes(8).putUtf(longest).array()).isEqualTo(bytes.toByteArray());
    assertThatThrownBy(() -> new ExactBytes(8).putUtf(longest + "a"))
        .isInstanceOf(java.io.UncheckedIOException.class).hasCauseInstanceOf(java.io.UTFDataFormatException.class);
  }

  @Test
  void anArrayFilledExactlyIsHandedOutAsItIsAndOneSizedWrongIsCopiedToWhatWasWritten() {
    ExactBytes exact = new ExactBytes(3);
    exact.put(new byte[] {1, 2, 3});
    assertThat(exact.array()).containsExactly(1, 2, 3).isSameAs(exact.array());
    assertThat(new ExactBytes(8).putByte(7).array()).containsExactly(7);
    assertThat(new ExactBytes(1).putShort(0x0102).putLong(3).array()).as("sized too small: grows, loses nothing")
        .containsExactly(1, 2, 0, 0, 0, 0, 0, 0, 0, 3);
  }

  /**
   * The stored layouts are {@code DataOutput}'s: records written by earlier versions (through a
   * {@code DataOutputStream}) and by this one are byte for byte the same.
   */
  @Test
  void theEncodersWriteWhatADataOutputStreamWroteBeforeThem() throws IOException {
    byte[] body = "{\"Text\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
    JournaledCallback c = new JournaledCallback("Bot.OnC2CMessage", null, "中文\u0000", Instant.ofEpochMilli(42), body);
    ByteArrayOutputStream journal = new ByteArrayOutputStream();
    DataOutputStream j = new DataOutputStream(journal);
    j.writeByte(1);
    j.writeBoolean(true);
    j.writeUTF("Bot.OnC2CMessage");
    j.writeBoolean(false);
    j.writeBoolean(true);
    j.writeUTF("中文\u0000");
    j.writeLong(42);
    j.writeInt(body.length);
    j.write(body);
    assertThat(c.encode()).isEqualTo(journal.toByteArray());

    Entry e = new Entry("j1#0", "C2Calice", 3, -4, body, State.DEAD, 2, Instant.ofEpochMilli(5), Instant.ofEpochMilli(6),
        "café \uD83D\uDE00");
    ByteArrayOutputStream outbox = new ByteArrayOutputStream();
    DataOutputStream o = new DataOutputStream(outbox);
    o.writeByte(1);
    o.writeUTF("j1#0");
    o.writeUTF("C2Calice");
    o.writeLong(3);
    o.writeLong(-4);
    o.writeInt(body.length);
    o.write(body);
    o.writeByte(State.DEAD.ordinal());
    o.writeInt(2);
    o.writeLong(5);
    o.writeLong(6);
    o.writeBoolean(true);
    o.writeUTF("café \uD83D\uDE00");
    assertThat(OutboxCodec.encode(e)).isEqualTo(outbox.toByteArray());
  }

  @Test
  void theEncodersOnEveryMessagesPathRoundTripWhateverTheirText() {
    for (String s : TEXTS) {
      byte[] body = ("{\"Text\":\"" + s + "\"}").getBytes(StandardCharsets.UTF_8);
      JournaledCallback c = new JournaledCallback(s, null, s, Instant.ofEpochMilli(42), body);
      assertThat(JournaledCallback.decode(c.encode())).usingRecursiveComparison().isEqualTo(c);
      Entry e = new Entry("j1#" + s, "C2C" + s, 3, 4, body, State.PENDING, 1, Instant.ofEpochMilli(5), null, s);
      assertThat(OutboxCodec.decode(OutboxCodec.encode(e))).usingRecursiveComparison().isEqualTo(e);
    }
  }
}
