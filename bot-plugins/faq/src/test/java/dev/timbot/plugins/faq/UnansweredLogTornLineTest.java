package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.timbot.spi.BotClock.VirtualClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash or a full disk while appending leaves a line cut short, possibly inside a Chinese
 * character. Recalls must still leave the log, and later records must stay readable.
 */
class UnansweredLogTornLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID_NUMBER = "我的身份证号是110101199001011234";

  @TempDir Path dir;
  private final VirtualClock clock = new VirtualClock();

  private static byte[] line(String user, String text) {
    return ("{\"time\":\"2026-01-01T00:00:00Z\",\"user\":\"" + user + "\",\"text\":\"" + text
        + "\",\"bestScore\":0.1,\"bestId\":null,\"decision\":\"none\"}\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The start of a record cut one byte into its last (three-byte) character, as a crash mid-append leaves it. */
  private static byte[] tornInsideACharacter(String user) {
    byte[] whole = ("{\"time\":\"2026-01-01T00:00:01Z\",\"user\":\"" + user + "\",\"text\":\"退")
        .getBytes(StandardCharsets.UTF_8);
    return Arrays.copyOf(whole, whole.length - 2);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      all.writeBytes(p);
    }
    return all.toByteArray();
  }

  /** The file's lines, read strictly: a torn or malformed line left in it fails here. */
  private static List<String> strictLines(Path file) throws Exception {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  @Test
  void aRecallIsForgottenThoughTheLastLineIsTornInsideACharacter() throws Exception {
    Path file = dir.resolve("unanswered.jsonl");
    Files.write(file, concat(line("alice", ID_NUMBER), line("carol", "运费怎么算"), tornInsideACharacter("bob")));
    KnowledgeBase kb = KnowledgeBase.of(List.of(FaqEntry.of("pw", "reset", "忘记密码怎么办")));
    try (FaqEngine engine = FaqEngine.build(kb); UnansweredLog log = UnansweredLog.open(file, clock)) {
      assertThat(log.forget("alice", ID_NUMBER)).isEqualTo(1);
      assertThat(log.forget("alice", ID_NUMBER)).as("a second recall finds nothing and does not fail").isZero();
      log.record("dave", engine.query("where is my parcel")); // the log goes on appending
    }
    List<String> lines = strictLines(file);
    assertThat(String.join("\n", lines)).doesNotContain("110101199001011234").doesNotContain("\"bob\"");
    assertThat(lines).hasSize(2);
    assertThat(JSON.readTree(lines.get(0)).get("user").asText()).isEqualTo("carol");
    assertThat(JSON.readTree(lines.get(1)).get("text").asText()).isEqualTo("where is my parcel");
  }

  @Test
  void aRecordGluedAfterATornLineIsForgottenOrKeptOnItsOwnLine() throws Exception {
    // What an older version left after a crash: the next start appended straight after the torn bytes.
    Path file = dir.resolve("unanswered.jsonl");
    Files.write(file, concat(
        tornInsideACharacter("bob"), line("alice", ID_NUMBER),
        tornInsideACharacter("erin"), line("dave", "能开发票吗"),
        line("carol", "运费怎么算")));
    try (UnansweredLog log = UnansweredLog.open(file, clock)) {
      assertThat(log.forget("alice", ID_NUMBER)).isEqualTo(1);
    }
    List<String> lines = strictLines(file);
    assertThat(lines).extracting(l -> JSON.readTree(l).get("user").asText()).containsExactly("dave", "carol");
    assertThat(String.join("\n", lines)).doesNotContain("110101199001011234");
  }

  @Test
  void openingEndsATornLastLineSoTheNextRecordStandsOnItsOwn() throws Exception {
    Path file = dir.resolve("unanswered.jsonl");
    Files.write(file, concat(line("carol", "运费怎么算"), tornInsideACharacter("bob")));
    KnowledgeBase kb = KnowledgeBase.of(List.of(FaqEntry.of("pw", "reset", "忘记密码怎么办")));
    try (FaqEngine engine = FaqEngine.build(kb); UnansweredLog log = UnansweredLog.open(file, clock)) {
      log.record("dave", engine.query("where is my parcel"));
    }
    byte[] bytes = Files.readAllBytes(file);
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(3);
    assertThat(JSON.readTree(lines[0]).get("user").asText()).isEqualTo("carol");
    assertThat(JSON.readTree(lines[2]).get("user").asText()).as("not glued to the torn line").isEqualTo("dave");
  }

  @Test
  void aCompleteLastRecordWithoutItsNewlineIsKept() throws Exception {
    Path file = dir.resolve("unanswered.jsonl");
    byte[] carol = line("carol", "运费怎么算");
    Files.write(file, concat(line("alice", ID_NUMBER), Arrays.copyOf(carol, carol.length - 1)));
    try (UnansweredLog log = UnansweredLog.open(file, clock)) {
      assertThat(log.forget("alice", ID_NUMBER)).isEqualTo(1);
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(carol);
  }
}
