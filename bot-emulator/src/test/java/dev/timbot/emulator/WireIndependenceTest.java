package dev.timbot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The emulator is an independent implementation of the documented service: its main code may use
 * bot-core's message values (the embedding API's vocabulary) and clock, and nothing else of
 * bot-core — no JSON binding, callback records, signing, UserSig or REST code.
 */
class WireIndependenceTest {
  static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(dev\\.timbot\\.[\\w.]+)", Pattern.MULTILINE);

  static boolean allowed(String name) {
    return name.startsWith("dev.timbot.emulator.")
        || name.startsWith("dev.timbot.message.")
        || name.equals("dev.timbot.spi.BotClock") || name.startsWith("dev.timbot.spi.BotClock.");
  }

  @Test
  void mainCodeImportsNoBotCoreWireClass() throws IOException {
    List<String> offending = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          if (!allowed(m.group(1))) {
            offending.add(f.getFileName() + ": " + m.group(1));
          }
        }
      }
    }
    assertThat(offending).isEmpty();
  }

  @Test
  void theMessageModelIsNotBoundThroughTheBotsJsonAnnotations() throws IOException {
    // ElemCodec writes every field name itself; a Jackson valueToTree/treeToValue of a bot-core
    // record would reuse the bot's @JsonProperty names and defeat the independent check.
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        assertThat(Files.readString(f)).as(f.toString())
            .doesNotContain("valueToTree(").doesNotContain("treeToValue(").doesNotContain("convertValue(");
      }
    }
  }
}
