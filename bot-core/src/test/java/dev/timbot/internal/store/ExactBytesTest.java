package dev.timbot.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

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
  void anArrayFilledExactlyIsHandedOutAsItIsAndOneFilledShortIsCopiedToItsLength() {
    ExactBytes exact = new ExactBytes(3);
    exact.write(new byte[] {1, 2, 3}, 0, 3);
    assertThat(exact.array()).containsExactly(1, 2, 3).isSameAs(exact.array());
    ExactBytes longer = new ExactBytes(8);
    longer.write(7);
    assertThat(longer.array()).containsExactly(7);
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
