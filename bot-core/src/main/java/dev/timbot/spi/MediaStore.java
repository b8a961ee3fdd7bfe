package dev.timbot.spi;

import java.io.IOException;

/**
 * Stores media the bot sends from bytes and returns a URL the IM service and clients can fetch:
 * the REST API carries image, file, sound and video elements by URL only. The default stores
 * content-addressed files under {@code media.dir} and serves them from the bot's HTTP server at
 * {@code media.publicBaseUrl}; another implementation can upload to object storage.
 */
public interface MediaStore {
  /**
   * Stores {@code bytes}. Implementations should be idempotent for equal content.
   *
   * @param fileName a suggested name (its extension is kept), may be null
   * @param contentType the MIME type, may be null
   */
  Stored put(byte[] bytes, String fileName, String contentType) throws IOException;

  /**
   * @param url where the content can be fetched
   * @param uuid a stable ID (the default store uses the SHA-256 of the content)
   * @param size bytes
   */
  record Stored(String url, String uuid, long size, String contentType) {}
}
