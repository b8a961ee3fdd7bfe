package dev.timbot.plugins.faq;

import java.nio.file.Path;

/** Where tests that load the bundled models keep unpacked natives and vectors: one place per build. */
final class RealModel {
  private RealModel() {}

  static Path dataDir() {
    return Path.of("target", "faq-test-data").toAbsolutePath();
  }
}
