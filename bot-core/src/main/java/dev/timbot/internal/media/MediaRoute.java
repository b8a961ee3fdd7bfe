package dev.timbot.internal.media;

import dev.timbot.internal.http.HttpRequest;
import dev.timbot.internal.http.HttpResponse;
import dev.timbot.internal.http.HttpRoute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves a {@link FileMediaStore} on the bot's HTTP server: {@code GET <prefix>/<sha256>.<ext>}.
 * Names are content hashes, so responses are cacheable forever; anything else is a 404.
 */
public final class MediaRoute implements HttpRoute {
  private final FileMediaStore store;

  public MediaRoute(FileMediaStore store) {
    this.store = store;
  }

  @Override
  public HttpResponse handle(HttpRequest request) throws Exception {
    if (!"GET".equalsIgnoreCase(request.method()) && !"HEAD".equalsIgnoreCase(request.method())) {
      return new HttpResponse(405, "text/plain; charset=utf-8", "GET only".getBytes(), Map.of("Allow", "GET, HEAD"));
    }
    String path = request.path();
    String name = path.substring(path.lastIndexOf('/') + 1);
    Optional<Path> file = store.resolve(name);
    if (file.isEmpty()) {
      return HttpResponse.text(404, "not found");
    }
    byte[] body = "HEAD".equalsIgnoreCase(request.method()) ? new byte[0] : Files.readAllBytes(file.get());
    return new HttpResponse(200, contentType(name), body,
        Map.of("Cache-Control", "public, max-age=31536000, immutable"));
  }

  @Override
  public int maxBodyBytes() {
    return 0;
  }

  static String contentType(String name) {
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    switch (ext) {
      case "jpg":
      case "jpeg":
        return "image/jpeg";
      case "png":
        return "image/png";
      case "gif":
        return "image/gif";
      case "bmp":
        return "image/bmp";
      case "mp3":
        return "audio/mpeg";
      case "mp4":
        return "video/mp4";
      case "pdf":
        return "application/pdf";
      case "txt":
        return "text/plain; charset=utf-8";
      default:
        return "application/octet-stream";
    }
  }
}
