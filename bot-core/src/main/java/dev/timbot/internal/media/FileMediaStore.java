package dev.timbot.internal.media;

import dev.timbot.spi.MediaStore;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The default {@link MediaStore}: files named by the SHA-256 of their content (so equal content
 * is stored once and URLs are stable) under a directory, published under a base URL. {@link
 * #resolve} is the server-neutral half of serving them: any HTTP server maps {@code GET
 * <path>/<name>} to the returned file.
 */
public final class FileMediaStore implements MediaStore {
  private static final Pattern NAME = Pattern.compile("[0-9a-f]{64}(\\.[a-z0-9]{1,8})?");

  private final Path dir;
  private final String publicBaseUrl;

  public FileMediaStore(Path dir, String publicBaseUrl) {
    this.dir = dir;
    this.publicBaseUrl = publicBaseUrl.endsWith("/")
        ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
  }

  @Override
  public Stored put(byte[] bytes, String fileName, String contentType) throws IOException {
    String sha = sha256(bytes);
    String name = sha + extension(fileName);
    Path target = dir.resolve(name);
    if (!Files.exists(target)) {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, sha, ".part");
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        Files.deleteIfExists(tmp);
        if (!Files.exists(target)) {
          throw e;
        }
      }
    }
    return new Stored(publicBaseUrl + "/" + name, sha, bytes.length, contentType);
  }

  /** The stored file for a request path's last segment; empty for anything not made by {@link #put}. */
  public Optional<Path> resolve(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Path p = dir.resolve(name);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  public Path dir() {
    return dir;
  }

  public String publicBaseUrl() {
    return publicBaseUrl;
  }

  private static String extension(String fileName) {
    if (fileName == null) {
      return "";
    }
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
    return ext.matches("\\.[a-z0-9]{1,8}") ? ext : "";
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
