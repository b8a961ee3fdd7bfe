package dev.timbot.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Message#text()} joins the text elements in order (a loop now, not a stream). */
class MessageTextTest {
  private static Message of(MessageElem... elems) {
    return Message.builder().conversation(Conversation.c2c("alice")).from("alice").to("bot").time(Instant.EPOCH)
        .elements(List.of(elems)).build();
  }

  @Test
  void joinsTextElementsInOrderSkippingOthers() {
    assertThat(of().text()).isEmpty();
    assertThat(of(new FaceElem(1, "d")).text()).isEmpty();
    assertThat(of(TextElem.of("only")).text()).isEqualTo("only");
    assertThat(of(TextElem.of("a"), new FaceElem(1, "d"), TextElem.of(""), TextElem.of("b"), TextElem.of("c")).text())
        .isEqualTo("abc");
    assertThat(of(new FaceElem(1, "d"), TextElem.of("x")).text()).isEqualTo("x");
  }
}
