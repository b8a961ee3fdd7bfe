package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.spi.BotClock.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingKnowledgeBaseTest {
  private static final Duration POLL = Duration.ofSeconds(5);

  @TempDir Path dir;
  private final VirtualClock clock = new VirtualClock();
  private final List<KnowledgeBase> reloads = new ArrayList<>();
  private final List<List<KbError>> rejections = new ArrayList<>();
  private final ReloadingKnowledgeBase.Listener listener = new ReloadingKnowledgeBase.Listener() {
    @Override
    public void reloaded(KnowledgeBase kb) {
      reloads.add(kb);
    }

    @Override
    public void rejected(List<KbError> errors) {
      rejections.add(errors);
    }
  };
  private long mtime = 1_700_000_000_000L;

  /** Writes and moves the mtime forward explicitly: file systems with 1 s or 2 s mtime granularity would otherwise hide quick edits. */
  private void write(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    mtime += 10_000;
    Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
  }

  private static String kb(String id) {
    return "entries:\n  - id: " + id + "\n    questions: [退款多久到账]\n    answer: x\n";
  }

  @Test
  void reloadsOnChangeKeepsOldKbOnErrorAndRecovers() throws Exception {
    Path file = dir.resolve("kb.yaml");
    write(file, kb("first"));
    try (ReloadingKnowledgeBase r = ReloadingKnowledgeBase.start(file, clock, POLL, listener)) {
      assertThat(r.current().entry("first")).isPresent();

      clock.advance(POLL);
      assertThat(reloads).isEmpty();

      write(file, kb("second"));
      clock.advance(POLL.minusSeconds(1));
      assertThat(reloads).as("not before the poll interval").isEmpty();
      clock.advance(Duration.ofSeconds(1));
      assertThat(reloads).hasSize(1);
      assertThat(r.current().entry("second")).isPresent();

      write(file, "entries:\n  - id: third\n    questions: [q]\n");
      clock.advance(POLL);
      assertThat(rejections).hasSize(1);
      assertThat(rejections.get(0)).extracting(KbError::line).containsExactly(2);
      assertThat(r.current().entry("second")).as("old KB kept").isPresent();

      clock.advance(POLL.multipliedBy(3));
      assertThat(rejections).as("a broken file is reported once, not on every poll").hasSize(1);

      write(file, kb("fourth"));
      clock.advance(POLL);
      assertThat(reloads).hasSize(2);
      assertThat(r.current().entry("fourth")).isPresent();
    }
  }

  @Test
  void deletedFileKeepsTheOldKb() throws Exception {
    Path file = dir.resolve("kb.yaml");
    write(file, kb("first"));
    try (ReloadingKnowledgeBase r = ReloadingKnowledgeBase.start(file, clock, POLL, listener)) {
      Files.delete(file);
      assertThat(r.checkNow()).isEqualTo(ReloadingKnowledgeBase.Outcome.REJECTED);
      assertThat(r.current().entry("first")).isPresent();
      assertThat(r.checkNow()).isEqualTo(ReloadingKnowledgeBase.Outcome.UNCHANGED);
    }
  }

  @Test
  void watchesTheSynonymsFileToo() throws Exception {
    Path syn = dir.resolve("syn.txt");
    write(syn, "退款, 退钱\n");
    Path file = dir.resolve("kb.yaml");
    write(file, "synonyms_file: syn.txt\n" + kb("a"));
    try (ReloadingKnowledgeBase r = ReloadingKnowledgeBase.start(file, clock, POLL, listener)) {
      write(syn, "退款, 退钱, 返款\n");
      assertThat(r.checkNow()).isEqualTo(ReloadingKnowledgeBase.Outcome.RELOADED);
      assertThat(r.current().synonyms()).containsExactly("退款, 退钱, 返款");
    }
  }

  @Test
  void closeStopsPolling() throws Exception {
    Path file = dir.resolve("kb.yaml");
    write(file, kb("first"));
    ReloadingKnowledgeBase r = ReloadingKnowledgeBase.start(file, clock, POLL, listener);
    r.close();
    write(file, kb("second"));
    clock.advance(POLL.multipliedBy(2));
    assertThat(reloads).isEmpty();
    // A reload command, or a tick that waited for the lock while the FAQ stopped, must not install an engine after it.
    assertThat(r.checkNow()).isEqualTo(ReloadingKnowledgeBase.Outcome.UNCHANGED);
    assertThat(reloads).isEmpty();
    assertThat(r.current().entry("first")).isPresent();
  }

  @Test
  void invalidInitialFileFailsFast() throws Exception {
    Path file = dir.resolve("kb.yaml");
    write(file, "entries: []\n");
    assertThatThrownBy(() -> ReloadingKnowledgeBase.start(file, clock, POLL, listener))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no entries");
  }

  @Test
  void aThrowingListenerDoesNotStopPolling() throws Exception {
    Path file = dir.resolve("kb.yaml");
    write(file, kb("first"));
    List<String> seen = new ArrayList<>();
    ReloadingKnowledgeBase.Listener throwing = new ReloadingKnowledgeBase.Listener() {
      @Override
      public void reloaded(KnowledgeBase kb) {
        seen.add(kb.entries().get(0).id());
        throw new IllegalStateException("listener bug");
      }
    };
    try (ReloadingKnowledgeBase r = ReloadingKnowledgeBase.start(file, clock, POLL, throwing)) {
      write(file, kb("second"));
      clock.advance(POLL);
      write(file, kb("third"));
      clock.advance(POLL);
      assertThat(seen).containsExactly("second", "third");
      assertThat(r.current().entry("third")).isPresent();
    }
  }
}
