package dev.timbot.emulator.internal.media;

import java.awt.image.BufferedImage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Content-addressed, in-memory media: the ID is the hex SHA-256 of the bytes, so uploading the
 * same file twice stores it once. Images get their renditions at upload time.
 */
public final class MediaStore {
  /** Upload size bound: the service's own limits are 28 MB for images and 100 MB for files. */
  public static final int MAX_BYTES = 32 * 1024 * 1024;

  /** All uploads together stay under this, so a runaway client cannot exhaust the heap. */
  public static final long MAX_TOTAL_BYTES = 512L * 1024 * 1024;

  private final Map<String, MediaItem> items = new ConcurrentHashMap<>();
  private final AtomicLong totalBytes = new AtomicLong();

  /** Stores the bytes (once per content); null when the total bound would be exceeded. */
  public MediaItem put(byte[] data, String fileName, String contentType) {
    String id = sha256(data);
    MediaItem existing = items.get(id);
    if (existing != null) {
      return existing;
    }
    if (totalBytes.addAndGet(data.length) > MAX_TOTAL_BYTES) {
      totalBytes.addAndGet(-data.length);
      return null;
    }
    MediaItem[] created = {null};
    MediaItem item = items.computeIfAbsent(id, k -> created[0] = build(k, data, fileName, contentType));
    if (created[0] == null) {
      totalBytes.addAndGet(-data.length);
    }
    return item;
  }

  public Optional<MediaItem> get(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(items.get(id));
  }

  public void clear() {
    items.clear();
    totalBytes.set(0);
  }

  private static MediaItem build(String id, byte[] data, String fileName, String contentType) {
    String format = ImageScaler.formatName(data);
    BufferedImage img = format == null ? null : ImageScaler.read(data);
    String name = fileName == null || fileName.isBlank() ? id : fileName;
    if (img == null) {
      String type = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
      return new MediaItem(id, name, type, data, 0, 0, 0, null, null);
    }
    MediaItem.Rendition large = ImageScaler.scale(img, ImageScaler.LARGE, format);
    MediaItem.Rendition thumb = ImageScaler.scale(img, ImageScaler.THUMB, format);
    return new MediaItem(id, name, "image/" + format, data, img.getWidth(), img.getHeight(),
        ImageScaler.timFormat(format), large, thumb);
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
