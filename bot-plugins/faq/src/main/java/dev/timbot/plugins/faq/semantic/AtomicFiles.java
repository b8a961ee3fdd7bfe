package dev.timbot.plugins.faq.semantic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file of the data directory written whole or not at all: into a temporary file beside it, then moved over it
 * atomically, so the next start never reads half of it. A write that fails deletes its temporary file: on a full disk
 * a half-written copy (tens of MB for a native library) would otherwise be left behind on every try.
 */
final class AtomicFiles {
  /** Writes the content into the temporary file. */
  interface Content {
    void writeTo(Path tmp) throws IOException;
  }

  private AtomicFiles() {}

  /** Writes {@code target} (creating its directory) through a temporary file named {@code tmpPrefix….part}. */
  static void write(Path target, String tmpPrefix, Content content) throws IOException {
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, tmpPrefix, ".part");
    try {
      content.writeTo(tmp);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException notDeleted) {
        e.addSuppressed(notDeleted);
      }
      throw e;
    }
  }
}
