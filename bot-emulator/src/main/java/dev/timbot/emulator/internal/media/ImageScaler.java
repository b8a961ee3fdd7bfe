package dev.timbot.emulator.internal.media;

import dev.timbot.message.ImageElem;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image's format and size and makes the scaled copies the service serves: "large"
 * (longest side 720) and "thumbnail" (longest side 198), as in the documented URLs' suffixes.
 * Pure javax.imageio in headless mode; anything it cannot read is treated as a plain file.
 */
final class ImageScaler {
  static final int LARGE = 720;
  static final int THUMB = 198;

  static {
    // Never try to open a display, whoever embeds the emulator.
    System.setProperty("java.awt.headless", "true");
  }

  private ImageScaler() {}

  /** Format name (e.g. "png", "jpeg"), or null when ImageIO cannot read it. */
  static String formatName(byte[] data) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
      if (in == null) {
        return null;
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      return readers.hasNext() ? readers.next().getFormatName().toLowerCase() : null;
    } catch (IOException e) {
      return null;
    }
  }

  static int timFormat(String formatName) {
    if (formatName == null) {
      return 0;
    }
    return switch (formatName) {
      case "jpeg", "jpg" -> ImageElem.FORMAT_JPG;
      case "gif" -> ImageElem.FORMAT_GIF;
      case "png" -> ImageElem.FORMAT_PNG;
      case "bmp", "wbmp" -> ImageElem.FORMAT_BMP;
      default -> ImageElem.FORMAT_OTHER;
    };
  }

  static BufferedImage read(byte[] data) {
    try {
      return ImageIO.read(new ByteArrayInputStream(data));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * A copy whose longest side is at most {@code maxSide}, encoded as {@code formatName} (PNG for
   * formats ImageIO cannot write). A smaller image is re-encoded at its own size.
   */
  static MediaItem.Rendition scale(BufferedImage src, int maxSide, String formatName) {
    int w = src.getWidth();
    int h = src.getHeight();
    double f = Math.min(1.0, (double) maxSide / Math.max(w, h));
    int tw = Math.max(1, (int) Math.round(w * f));
    int th = Math.max(1, (int) Math.round(h * f));
    boolean jpeg = "jpeg".equals(formatName) || "jpg".equals(formatName);
    BufferedImage dst = new BufferedImage(tw, th, jpeg ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = dst.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(src, 0, 0, tw, th, null);
    } finally {
      g.dispose();
    }
    String out = jpeg ? "jpeg" : "png";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(dst, out, bytes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode scaled image", e);
    }
    return new MediaItem.Rendition(bytes.toByteArray(), tw, th);
  }
}
