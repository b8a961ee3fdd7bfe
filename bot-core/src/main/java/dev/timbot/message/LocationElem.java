package dev.timbot.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code TIMLocationElem}: a place, described and located by latitude/longitude. */
@JsonPropertyOrder({"Desc", "Latitude", "Longitude"})
public record LocationElem(
    @JsonProperty("Desc") String desc,
    @JsonProperty("Latitude") double latitude,
    @JsonProperty("Longitude") double longitude)
    implements MessageElem {
  public static final String MSG_TYPE = "TIMLocationElem";

  @Override
  public String msgType() {
    return MSG_TYPE;
  }
}
