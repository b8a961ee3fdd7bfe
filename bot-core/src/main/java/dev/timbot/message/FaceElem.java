package dev.timbot.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code TIMFaceElem}: an emoji/sticker identified by index, with optional opaque data. */
@JsonPropertyOrder({"Index", "Data"})
public record FaceElem(@JsonProperty("Index") int index, @JsonProperty("Data") String data)
    implements MessageElem {
  public static final String MSG_TYPE = "TIMFaceElem";

  public static FaceElem of(int index, String data) {
    return new FaceElem(index, data);
  }

  @Override
  public String msgType() {
    return MSG_TYPE;
  }
}
