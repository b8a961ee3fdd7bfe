package dev.timbot.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code TIMFileElem}: a file by URL. REST senders set {@code Download_Flag = 2}. */
@JsonPropertyOrder({"Url", "UUID", "FileSize", "FileName", "Download_Flag"})
public record FileElem(
    @JsonProperty("Url") String url,
    @JsonProperty("UUID") String uuid,
    @JsonProperty("FileSize") Long fileSize,
    @JsonProperty("FileName") String fileName,
    @JsonProperty("Download_Flag") Integer downloadFlag)
    implements MessageElem {
  public static final String MSG_TYPE = "TIMFileElem";

  /** A file element as a REST sender must build it (Download_Flag 2). */
  public static FileElem of(String url, String uuid, long size, String fileName) {
    return new FileElem(url, uuid, size, fileName, 2);
  }

  @Override
  public String msgType() {
    return MSG_TYPE;
  }
}
