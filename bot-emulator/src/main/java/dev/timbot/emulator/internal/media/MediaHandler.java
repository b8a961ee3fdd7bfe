package dev.timbot.emulator.internal.media;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.timbot.emulator.internal.wire.Wire;
import dev.timbot.emulator.internal.wire.ElemCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code POST /media/upload?name=<file name>} (raw bytes, any content type) stores a file and
 * answers its descriptor — for images also the ready {@code TIMImageElem}; {@code GET
 * /media/<id>} serves the original, {@code /media/<id>/720} and {@code /198} the image renditions.
 */
public final class MediaHandler extends Handler.Abstract {
  private final MediaStore store;
  private final MediaLinker linker;

  public MediaHandler(MediaStore store, MediaLinker linker) {
    this.store = store;
    this.linker = linker;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    String path = Request.getPathInContext(request);
    if (!path.startsWith(MediaLinker.PATH)) {
      return false;
    }
    String rest = path.substring(MediaLinker.PATH.length());
    if (rest.equals("upload")) {
      if (!HttpMethod.POST.is(request.getMethod())) {
        return error(response, callback, 405, "POST the file's bytes");
      }
      return upload(request, response, callback);
    }
    if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
      return error(response, callback, 405, "GET only");
    }
    String[] parts = rest.split("/");
    Optional<MediaItem> item = store.get(parts[0]);
    if (item.isEmpty() || parts.length > 2) {
      return error(response, callback, 404, "no such media");
    }
    MediaItem m = item.get();
    byte[] data = m.data();
    String type = m.contentType();
    if (parts.length == 2) {
      MediaItem.Rendition r = switch (parts[1]) {
        case "720" -> m.large();
        case "198" -> m.thumbnail();
        default -> null;
      };
      if (r == null) {
        return error(response, callback, 404, "no such rendition");
      }
      data = r.data();
      // Renditions are re-encoded: JPEG stays JPEG, everything else becomes PNG.
      type = m.imageFormat() == 1 ? "image/jpeg" : "image/png";
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=31536000, immutable");
    if (!m.isImage()) {
      response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION,
          "attachment; filename*=UTF-8''" + URLEncoder.encode(m.fileName(), StandardCharsets.UTF_8).replace("+", "%20"));
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, data.length);
    if (HttpMethod.HEAD.is(request.getMethod())) {
      callback.succeeded();
    } else {
      response.write(true, ByteBuffer.wrap(data), callback);
    }
    return true;
  }

  private boolean upload(Request request, Response response, Callback callback) throws IOException {
    byte[] data;
    try (InputStream in = Content.Source.asInputStream(request)) {
      data = in.readNBytes(MediaStore.MAX_BYTES + 1);
    }
    if (data.length == 0 || data.length > MediaStore.MAX_BYTES) {
      return error(response, callback, 413, "file must be 1 byte to 32 MB");
    }
    Fields q = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    String name = q.getValue("name");
    MediaItem m = store.put(data, name, request.getHeaders().get(HttpHeader.CONTENT_TYPE));
    if (m == null) {
      return error(response, callback, 507, "media storage is full; restart or reset the emulator");
    }
    ObjectNode out = Wire.mapper().createObjectNode();
    out.put("UUID", m.id());
    out.put("Url", linker.url(m, null));
    out.put("Size", m.size());
    out.put("FileName", m.fileName());
    out.put("ContentType", m.contentType());
    if (m.isImage()) {
      out.put("Width", m.width());
      out.put("Height", m.height());
      out.put("ImageFormat", m.imageFormat());
      out.set("ImageElem", ElemCodec.write(List.of(linker.imageElem(m))).get(0));
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    Content.Sink.write(response, true, out.toString(), callback);
    return true;
  }

  private static boolean error(Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    Content.Sink.write(response, true, message, callback);
    return true;
  }
}
