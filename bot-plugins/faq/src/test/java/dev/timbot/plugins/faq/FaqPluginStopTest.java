package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.timbot.test.BotTester;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stopped FAQ plugin lets go of its unanswered-questions log file. */
class FaqPluginStopTest {
  private static final Path OPEN_FILES = Path.of("/proc/self/fd");

  /** The files this process holds open, by the real path each descriptor points to (Linux). */
  private static List<Path> openFiles() throws IOException {
    try (Stream<Path> fds = Files.list(OPEN_FILES)) {
      return fds.flatMap(fd -> {
        try {
          return Stream.of(Files.readSymbolicLink(fd));
        } catch (IOException gone) {
          return Stream.empty(); // closed while listing (the listing's own descriptor, say)
        }
      }).toList();
    }
  }

  @Test
  void stopClosesTheUnansweredLog(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isDirectory(OPEN_FILES), "needs /proc/self/fd");
    Path kb = dir.resolve("kb.yaml");
    Files.writeString(kb, FaqPluginTest.KB);
    Path log = dir.resolve("u.jsonl").toAbsolutePath();
    BotTester t = BotTester.builder()
        .yaml("bot: { account: shopbot }\nfaq: { kb: '" + kb + "', unansweredLog: '" + log + "' }\n")
        .plugin(FaqPlugin.class).plugin(FaqPluginTest.FALLBACK).build();
    t.user("alice").says("do you sell helicopters");
    t.shouldReply("fallback");
    Path logFile = log.toRealPath();
    assertThat(openFiles()).contains(logFile);

    t.close();
    assertThat(Files.readString(logFile)).contains("helicopters");
    assertThat(openFiles()).doesNotContain(logFile);
    Reference.reachabilityFence(t); // the stopped bot still holds the plugin: nothing was collected
  }
}
