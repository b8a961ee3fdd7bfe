package dev.timbot.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code TIMVideoFileElem}: a video and its thumbnail, both by URL. */
@JsonPropertyOrder({
  "VideoUrl", "VideoUUID", "VideoSize", "VideoSecond", "VideoFormat", "VideoDownloadFlag",
  "ThumbUrl", "ThumbUUID", "ThumbSize", "ThumbWidth", "ThumbHeight", "ThumbFormat",
  "ThumbDownloadFlag"
})
public record VideoFileElem(
    @JsonProperty("VideoUrl") String videoUrl,
    @JsonProperty("VideoUUID") String videoUuid,
    @JsonProperty("VideoSize") Long videoSize,
    @JsonProperty("VideoSecond") Integer videoSecond,
    @JsonProperty("VideoFormat") String videoFormat,
    @JsonProperty("VideoDownloadFlag") Integer videoDownloadFlag,
    @JsonProperty("ThumbUrl") String thumbUrl,
    @JsonProperty("ThumbUUID") String thumbUuid,
    @JsonProperty("ThumbSize") Long thumbSize,
    @JsonProperty("ThumbWidth") Integer thumbWidth,
    @JsonProperty("ThumbHeight") Integer thumbHeight,
    @JsonProperty("ThumbFormat") String thumbFormat,
    @JsonProperty("ThumbDownloadFlag") Integer thumbDownloadFlag)
    implements MessageElem {
  public static final String MSG_TYPE = "TIMVideoFileElem";

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String msgType() {
    return MSG_TYPE;
  }

  /** Builds a video element as a REST sender must (both download flags 2). */
  public static final class Builder {
    private String videoUrl;
    private String videoUuid;
    private Long videoSize;
    private Integer videoSecond;
    private String videoFormat = "mp4";
    private String thumbUrl;
    private String thumbUuid;
    private Long thumbSize;
    private Integer thumbWidth;
    private Integer thumbHeight;
    private String thumbFormat = "JPG";

    private Builder() {}

    public Builder video(String url, String uuid, long size, int seconds, String format) {
      this.videoUrl = url;
      this.videoUuid = uuid;
      this.videoSize = size;
      this.videoSecond = seconds;
      this.videoFormat = format;
      return this;
    }

    public Builder thumb(String url, String uuid, long size, int width, int height, String format) {
      this.thumbUrl = url;
      this.thumbUuid = uuid;
      this.thumbSize = size;
      this.thumbWidth = width;
      this.thumbHeight = height;
      this.thumbFormat = format;
      return this;
    }

    public VideoFileElem build() {
      return new VideoFileElem(
          videoUrl, videoUuid, videoSize, videoSecond, videoFormat, 2,
          thumbUrl, thumbUuid, thumbSize, thumbWidth, thumbHeight, thumbFormat, 2);
    }
  }
}
