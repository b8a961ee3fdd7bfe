package dev.timbot.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** {@code TIMTextElem}: plain text. */
public record TextElem(@JsonProperty("Text") String text) implements MessageElem {
  public static final String MSG_TYPE = "TIMTextElem";

  public TextElem {
    Objects.requireNonNull(text, "text");
  }

  public static TextElem of(String text) {
    return new TextElem(text);
  }

  @Override
  public String msgType() {
    return MSG_TYPE;
  }
}
