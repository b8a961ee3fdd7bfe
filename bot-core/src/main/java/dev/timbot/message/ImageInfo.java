package dev.timbot.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One entry of {@code ImageInfoArray}: {@code Type} 1 original, 2 large, 3 thumbnail. */
@JsonPropertyOrder({"Type", "Size", "Width", "Height", "URL"})
public record ImageInfo(
    @JsonProperty("Type") int type,
    @JsonProperty("Size") long size,
    @JsonProperty("Width") int width,
    @JsonProperty("Height") int height,
    @JsonProperty("URL") String url) {
  public static final int ORIGINAL = 1;
  public static final int LARGE = 2;
  public static final int THUMBNAIL = 3;

  @JsonIgnore
  public boolean isOriginal() {
    return type == ORIGINAL;
  }
}
