package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.timbot.spi.BotClock.VirtualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An editor that writes the KB file in place can finish writing while a poll is reading it: the
 * poll loads a truncated but valid file, and the next poll must see the finished one.
 */
class ReloadingKnowledgeBaseWriteDuringLoadTest {
  private static final Duration POLL = Duration.ofSeconds(5);
  private static final String ENTRY_A = "entries:\n  - id: a\n    questions: [退款多久到账]\n    answer: x\n";
  /** The finished file; {@link #ENTRY_A} is its first part, a valid KB on its own. */
  private static final String ENTRIES_A_B = ENTRY_A + "  - id: b\n    questions: [运费怎么算]\n    answer: y\n";

  @TempDir Path dir;
  private final VirtualClock clock = new VirtualClock();
  private final List<KnowledgeBase> reloads = new ArrayList<>();
  private final ReloadingKnowledgeBase.Listener listener = new ReloadingKnowledgeBase.Listener() {
    @Override
    public void reloaded(KnowledgeBase kb) {
      reloads.add(kb);
    }
  };
  private long mtime = 1_700_000_000_000L;
  /** Run once, right after the next load has read the file: the end of the write. */
  private Runnable duringNextLoad = () -> {};

  /** Writes and moves the mtime forward explicitly, as coarse file-system mtimes would hide quick edits. */
  private void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      mtime += 10_000;
      Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final Function<Path, KbLoadResult> loader = path -> {
    KbLoadResult result = KnowledgeBase.load(path);
    Runnable then = duringNextLoad;
    duringNextLoad = () -> {};
    then.run();
    return result;
  };

  @Test
  void aWriteThatFinishesDuringAReloadIsLoadedByTheNextPoll() {
    Path file = dir.resolve("kb.yaml");
    write(file, "entries:\n  - id: first\n    questions: [q]\n    answer: x\n");
    try (ReloadingKnowledgeBase r = ReloadingKnowledgeBase.start(file, clock, POLL, listener, loader)) {
      write(file, ENTRY_A);
      duringNextLoad = () -> write(file, ENTRIES_A_B);
      clock.advance(POLL);
      assertThat(reloads).hasSize(1);
      assertThat(r.current().entry("b")).as("the poll read the file before the write finished").isEmpty();

      clock.advance(POLL);
      assertThat(reloads).hasSize(2);
      assertThat(r.current().entry("a")).isPresent();
      assertThat(r.current().entry("b")).isPresent();

      clock.advance(POLL);
      assertThat(reloads).as("then the file is unchanged").hasSize(2);
    }
  }

  @Test
  void aWriteThatFinishesDuringTheFirstLoadIsLoadedByTheFirstPoll() {
    Path file = dir.resolve("kb.yaml");
    write(file, ENTRY_A);
    duringNextLoad = () -> write(file, ENTRIES_A_B);
    try (ReloadingKnowledgeBase r = ReloadingKnowledgeBase.start(file, clock, POLL, listener, loader)) {
      assertThat(r.current().entry("b")).isEmpty();
      clock.advance(POLL);
      assertThat(reloads).hasSize(1);
      assertThat(r.current().entry("b")).isPresent();
    }
  }
}
