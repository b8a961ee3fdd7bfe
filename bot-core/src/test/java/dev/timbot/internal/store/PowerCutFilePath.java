package dev.timbot.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.h2.store.fs.FilePathWrapper;

/**
 * {@code powercut:PATH} — how MVStore, which opens its file by name through H2's {@code FilePath},
 * reaches a {@link PowerCutDisk}. Public with a public constructor: H2 makes one per path by reflection.
 */
public final class PowerCutFilePath extends FilePathWrapper {
  static final String SCHEME = "powercut";

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public FileChannel open(String mode) throws IOException {
    String name = getBase().toString();
    Path file = Path.of(name.startsWith("file:") ? name.substring("file:".length()) : name);
    PowerCutDisk disk = PowerCutDisk.of(file);
    return "r".equals(mode) ? disk.open(file, StandardOpenOption.READ)
        : disk.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
  }
}
