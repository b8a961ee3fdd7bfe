package dev.timbot.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code TIMCustomElem}: application-defined data. {@code Data} usually carries a JSON
 * sub-protocol (call signaling, customer-service cards); {@code Desc} is the offline-push text,
 * {@code Ext} goes into the APNs payload and {@code Sound} is the APNs sound.
 */
@JsonPropertyOrder({"Data", "Desc", "Ext", "Sound"})
public record CustomElem(
    @JsonProperty("Data") String data,
    @JsonProperty("Desc") String desc,
    @JsonProperty("Ext") String ext,
    @JsonProperty("Sound") String sound)
    implements MessageElem {
  public static final String MSG_TYPE = "TIMCustomElem";

  /** A custom element carrying only {@code Data}. */
  public static CustomElem of(String data) {
    return new CustomElem(data, null, null, null);
  }

  /** A custom element with {@code Data} and the push text {@code Desc}. */
  public static CustomElem of(String data, String desc) {
    return new CustomElem(data, desc, null, null);
  }

  @Override
  public String msgType() {
    return MSG_TYPE;
  }
}
