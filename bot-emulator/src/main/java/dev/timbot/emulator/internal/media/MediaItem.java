package dev.timbot.emulator.internal.media;

/**
 * An uploaded file, addressed by the SHA-256 of its bytes. Images also carry their dimensions
 * and the two scaled renditions the service lists in {@code ImageInfoArray}.
 *
 * @param imageFormat TIM's {@code ImageFormat} (1 JPG, 2 GIF, 3 PNG, 4 BMP, 255 other); 0 if not an image
 */
public record MediaItem(
    String id,
    String fileName,
    String contentType,
    byte[] data,
    int width,
    int height,
    int imageFormat,
    Rendition large,
    Rendition thumbnail) {

  /** A scaled copy of an image. */
  public record Rendition(byte[] data, int width, int height) {}

  public boolean isImage() {
    return imageFormat != 0;
  }

  public long size() {
    return data.length;
  }
}
