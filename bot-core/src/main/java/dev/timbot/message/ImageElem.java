package dev.timbot.message;

import dev.timbot.message.ImageElem.ImageInfo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * {@code TIMImageElem}: an image by URL. The service lists up to three renditions in {@code
 * ImageInfoArray} (original, large, thumbnail). {@code ImageFormat}: JPG 1, GIF 2, PNG 3, BMP 4,
 * other 255.
 */
@JsonPropertyOrder({"UUID", "ImageFormat", "ImageInfoArray"})
public record ImageElem(
    @JsonProperty("UUID") String uuid,
    @JsonProperty("ImageFormat") int imageFormat,
    @JsonProperty("ImageInfoArray") List<ImageInfo> imageInfoArray)
    implements MessageElem {
  public static final String MSG_TYPE = "TIMImageElem";
  public static final int FORMAT_JPG = 1;
  public static final int FORMAT_GIF = 2;
  public static final int FORMAT_PNG = 3;
  public static final int FORMAT_BMP = 4;
  public static final int FORMAT_OTHER = 255;

  public ImageElem {
    imageInfoArray = imageInfoArray == null ? List.of() : List.copyOf(imageInfoArray);
  }

  /** The rendition of the given type (see {@link ImageInfo#ORIGINAL} etc.), if present. */
  public Optional<ImageInfo> rendition(int type) {
    return imageInfoArray.stream().filter(i -> i.type() == type).findFirst();
  }

  /** The original rendition, or the first one listed. */
  public Optional<ImageInfo> original() {
    return rendition(ImageInfo.ORIGINAL).or(() -> imageInfoArray.stream().findFirst());
  }

  /** Width of the original in pixels, 0 when unknown. */
  public int width() {
    return original().map(ImageInfo::width).orElse(0);
  }

  /** Height of the original in pixels, 0 when unknown. */
  public int height() {
    return original().map(ImageInfo::height).orElse(0);
  }

  /** URL of the original, or null when none is listed. */
  public String url() {
    return original().map(ImageInfo::url).orElse(null);
  }

  @Override
  public String msgType() {
    return MSG_TYPE;
  }

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
}
