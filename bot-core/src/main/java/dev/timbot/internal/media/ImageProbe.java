package dev.timbot.internal.media;

import dev.timbot.message.ImageElem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reads an image's format and dimensions from its header (javax.imageio), without decoding pixels. */
public final class ImageProbe {
  /** @param format {@link ImageElem#FORMAT_JPG} etc.; @param extension e.g. {@code .png} */
  public record Info(int width, int height, int format, String extension, String contentType) {}

  private ImageProbe() {}

  public static Info probe(byte[] bytes) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException("not an image this JVM can read (" + bytes.length + " bytes)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        String name = reader.getFormatName().toLowerCase(Locale.ROOT);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        return switch (name) {
          case "jpeg", "jpg" -> new Info(w, h, ImageElem.FORMAT_JPG, ".jpg", "image/jpeg");
          case "gif" -> new Info(w, h, ImageElem.FORMAT_GIF, ".gif", "image/gif");
          case "png" -> new Info(w, h, ImageElem.FORMAT_PNG, ".png", "image/png");
          case "bmp" -> new Info(w, h, ImageElem.FORMAT_BMP, ".bmp", "image/bmp");
          default -> new Info(w, h, ImageElem.FORMAT_OTHER, "." + name, "image/" + name);
        };
      } finally {
        reader.dispose();
      }
    }
  }
}
