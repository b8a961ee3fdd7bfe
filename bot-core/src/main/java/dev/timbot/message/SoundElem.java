package dev.timbot.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code TIMSoundElem}: a voice clip. REST senders must set {@code Url}, {@code UUID} and {@code
 * Download_Flag = 2}; older SDKs send only UUID/Size/Second, hence the boxed optional fields.
 */
@JsonPropertyOrder({"Url", "UUID", "Size", "Second", "Download_Flag"})
public record SoundElem(
    @JsonProperty("Url") String url,
    @JsonProperty("UUID") String uuid,
    @JsonProperty("Size") Long size,
    @JsonProperty("Second") Integer second,
    @JsonProperty("Download_Flag") Integer downloadFlag)
    implements MessageElem {
  public static final String MSG_TYPE = "TIMSoundElem";

  /** A sound element as a REST sender must build it (Download_Flag 2). */
  public static SoundElem of(String url, String uuid, long size, int seconds) {
    return new SoundElem(url, uuid, size, seconds, 2);
  }

  @Override
  public String msgType() {
    return MSG_TYPE;
  }
}
