package dev.timbot.internal.runtime;

import dev.timbot.spi.MediaStore;
import dev.timbot.internal.media.ImageProbe;
import dev.timbot.message.FileElem;
import dev.timbot.message.ImageElem;
import dev.timbot.message.ImageElem.ImageInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Builds media elements: stores bytes in the {@link MediaStore} and describes images from their bytes. */
public final class MediaSupport {
  private final MediaStore store;

  public MediaSupport(MediaStore store) {
    this.store = store;
  }

  public MediaStore store() {
    return store;
  }

  public ImageElem image(byte[] bytes) throws IOException {
    ImageProbe.Info info = ImageProbe.probe(bytes);
    MediaStore.Stored stored = store.put(bytes, "image" + info.extension(), info.contentType());
    return imageElem(stored.uuid(), info.format(), stored.size(), info.width(), info.height(), stored.url());
  }

  public ImageElem image(Path file) throws IOException {
    return image(Files.readAllBytes(file));
  }

  /** An image already published at {@code url}: its size is unknown here, so dimensions are 0. */
  public ImageElem image(URI url) {
    String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
    int format =
        path.endsWith(".jpg") || path.endsWith(".jpeg") ? ImageElem.FORMAT_JPG
            : path.endsWith(".gif") ? ImageElem.FORMAT_GIF
            : path.endsWith(".png") ? ImageElem.FORMAT_PNG
            : path.endsWith(".bmp") ? ImageElem.FORMAT_BMP
            : ImageElem.FORMAT_OTHER;
    String uuid = UUID.nameUUIDFromBytes(url.toString().getBytes(StandardCharsets.UTF_8)).toString();
    return imageElem(uuid, format, 0, 0, 0, url.toString());
  }

  public FileElem file(byte[] bytes, String fileName) throws IOException {
    MediaStore.Stored stored = store.put(bytes, fileName, null);
    return FileElem.of(stored.url(), stored.uuid(), stored.size(), fileName);
  }

  public FileElem file(Path file) throws IOException {
    return file(Files.readAllBytes(file), file.getFileName().toString());
  }

  private static ImageElem imageElem(String uuid, int format, long size, int w, int h, String url) {
    // The REST API expects the three renditions; the bot has only the original, so all three
    // point at it.
    return new ImageElem(uuid, format, List.of(
        new ImageInfo(ImageInfo.ORIGINAL, size, w, h, url),
        new ImageInfo(ImageInfo.LARGE, size, w, h, url),
        new ImageInfo(ImageInfo.THUMBNAIL, size, w, h, url)));
  }
}
