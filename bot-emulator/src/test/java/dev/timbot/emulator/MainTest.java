package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line as a person types it: help, unknown options, missing values. */
class MainTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int parse(String... args) {
    return Main.parse(args, LocalIm.builder(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsTheUsageAndSucceeds() {
    assertThat(parse("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage:").contains("--callback-url");
    assertThat(err.size()).isZero();
  }

  @Test
  void anUnknownOptionIsCalledUnknownEvenWithoutAValue() {
    assertThat(parse("--verbose")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --verbose").contains("usage:");
  }

  @Test
  void badValuesAreExplained() {
    assertThat(parse("--port")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing value for --port");
    assertThat(parse("--port", "http")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port needs a number, got 'http'");
    assertThat(parse("--port", "0", "--callback-url", "http://127.0.0.1:8080/tim/callback")).isEqualTo(-1);
  }
}
