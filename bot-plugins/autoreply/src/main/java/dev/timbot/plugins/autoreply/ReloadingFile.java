package dev.timbot.plugins.autoreply;

import dev.timbot.spi.BotClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file parsed into a value and re-read when it changes. Checks happen when the value is asked
 * for, at most once per poll interval of the injected clock — no watcher thread, so tests are
 * exact. A file that fails to parse keeps the previous value and is reported once per change.
 */
public final class ReloadingFile<T> {
  /** Parses a file's text. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(String text, String source) throws ConfigException;
  }

  private static final Logger log = LoggerFactory.getLogger(ReloadingFile.class);

  private final Path path;
  private final Parser<T> parser;
  private final BotClock clock;
  private final long pollNanos;
  private final Consumer<ConfigException> onError;
  private T value;
  private FileTime lastModified;
  private long lastSize = -1;
  private long lastCheck;

  /** Loads the file now; a broken file at start is an error (there is nothing to keep). */
  public ReloadingFile(Path path, Parser<T> parser, BotClock clock, Duration poll,
      Consumer<ConfigException> onError) throws ConfigException {
    this.path = Objects.requireNonNull(path, "path");
    this.parser = parser;
    this.clock = clock;
    this.pollNanos = poll.toNanos();
    this.onError = onError;
    this.lastCheck = clock.nanoTime();
    this.value = load();
  }

  /** The current value, re-reading the file first if it changed since the last check. */
  public synchronized T get() {
    long now = clock.nanoTime();
    if (now - lastCheck >= pollNanos) {
      lastCheck = now;
      reloadIfChanged();
    }
    return value;
  }

  private void reloadIfChanged() {
    try {
      FileTime modified = Files.getLastModifiedTime(path);
      long size = Files.size(path);
      if (modified.equals(lastModified) && size == lastSize) {
        return;
      }
      value = load();
      log.info("reloaded {}", path);
    } catch (ConfigException e) {
      log.error("keeping the previous version of {}: {}", path, e.getMessage());
      onError.accept(e);
    } catch (IOException e) {
      log.error("keeping the previous version of {}: cannot read it ({})", path, e.toString());
    }
  }

  private T load() throws ConfigException {
    try {
      FileTime modified = Files.getLastModifiedTime(path);
      long size = Files.size(path);
      // Remember the version even if it fails, so a broken file is reported once, not every poll.
      lastModified = modified;
      lastSize = size;
      return parser.parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    } catch (IOException e) {
      throw new ConfigException(path + ": cannot read: " + e.getMessage(), 0, e);
    }
  }
}
