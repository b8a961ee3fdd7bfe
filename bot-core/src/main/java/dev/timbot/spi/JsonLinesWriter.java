package dev.timbot.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * An append-only JSON-lines file, the format of plugins' logs and records (call log, desk
 * records, unanswered FAQ questions). The file is opened once; each line is flushed as it is
 * written, so a crash loses at most the line being written. Thread-safe.
 */
public final class JsonLinesWriter implements Closeable {
  private final Writer out;

  public JsonLinesWriter(Writer out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** Opens {@code file} for appending, creating it and its directory if needed. */
  public static JsonLinesWriter open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new JsonLinesWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
  }

  /**
   * Writes one record: {@code json} must be compact JSON (no line break), as Jackson's {@code
   * writeValueAsString} or {@code JsonNode.toString()} produce.
   */
  public void append(String json) {
    if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a JSON-lines record must be one line");
    }
    String text = json;
    synchronized (out) {
      try {
        out.write(text);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (out) {
      out.close();
    }
  }
}
