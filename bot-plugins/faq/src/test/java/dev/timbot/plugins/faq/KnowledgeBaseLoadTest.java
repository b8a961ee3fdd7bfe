package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.timbot.message.CustomElem;
import dev.timbot.message.TextElem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseLoadTest {
  @TempDir Path dir;

  private static List<KbError> errors(KbLoadResult r) {
    assertThat(r).isInstanceOf(KbLoadResult.Failed.class);
    return ((KbLoadResult.Failed) r).errors();
  }

  @Test
  void readsYamlWithTextAndElementAnswers() {
    String yaml = """
        synonyms: ["退款, 退钱"]
        entries:
          - id: refund
            questions: [退款多久到账, 'How long does a refund take?']
            answer: 1-3 个工作日
            keywords: [退款]
            related: [human]
          - id: human
            question: 转人工
            answer:
              - MsgType: TIMTextElem
                MsgContent: {Text: 正在转接}
              - MsgType: TIMCustomElem
                MsgContent: {Data: '{"src":"7"}', Desc: handoff}
        """;
    KnowledgeBase kb = KnowledgeBase.parseYaml(yaml, "kb.yaml").orThrow();

    assertThat(kb.size()).isEqualTo(2);
    FaqEntry refund = kb.entry("refund").orElseThrow();
    assertThat(refund.questions()).containsExactly("退款多久到账", "How long does a refund take?");
    assertThat(refund.answer()).containsExactly(TextElem.of("1-3 个工作日"));
    assertThat(refund.keywords()).containsExactly("退款");
    assertThat(refund.related()).containsExactly("human");
    assertThat(refund.line()).isEqualTo(3);
    FaqEntry human = kb.entry("human").orElseThrow();
    assertThat(human.answer()).hasSize(2);
    assertThat(human.answer().get(1)).isInstanceOf(CustomElem.class);
    assertThat(human.answerText()).isEqualTo("正在转接");
    assertThat(kb.synonyms()).containsExactly("退款, 退钱");
  }

  @Test
  void acceptsATopLevelListOfEntries() {
    KnowledgeBase kb = KnowledgeBase.parseYaml("""
        - id: a
          questions: [hello]
          answer: hi
        """, "list.yaml").orThrow();
    assertThat(kb.entries()).extracting(FaqEntry::id).containsExactly("a");
  }

  @Test
  void reportsSyntaxErrorsWithLineAndColumn() {
    List<KbError> errors = errors(KnowledgeBase.parseYaml("""
        entries:
          - id: a
            questions: [hello
            answer: hi
        """, "broken.yaml"));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).line()).isBetween(3, 5);
    assertThat(errors.get(0).toString()).startsWith("broken.yaml:").contains("YAML syntax");
  }

  @Test
  void reportsEveryValidationErrorWithItsLine() {
    List<KbError> errors = errors(KnowledgeBase.parseYaml("""
        entries:
          - id: a
            questions: [one]
            answer: x
          - id: a
            questions: [two]
            answer: y
          - questions: [three]
            answer: z
          - id: b
            questions: []
            answer: w
            related: [nope]
          - id: c
            questions: [four]
            anwser: typo
        """, "kb.yaml"));

    assertThat(errors).extracting(KbError::toString).containsExactlyInAnyOrder(
        "kb.yaml:5: duplicate id 'a' (first defined on line 2)",
        "kb.yaml:8: entry has no id",
        "kb.yaml:10: entry 'b' has no questions",
        "kb.yaml:13: entry 'b' is related to unknown id 'nope'",
        "kb.yaml:16: unknown field 'anwser' (expected id, questions, answer, keywords, related)",
        "kb.yaml:14: entry 'c' has no answer");
  }

  @Test
  void rejectsEmptyFilesAndBadAnswerElements() {
    assertThat(errors(KnowledgeBase.parseYaml("", "empty.yaml")).get(0).message()).contains("empty");
    assertThat(errors(KnowledgeBase.parseYaml("entries: []", "none.yaml")).get(0).message())
        .contains("no entries");
    List<KbError> bad = errors(KnowledgeBase.parseYaml("""
        entries:
          - id: a
            questions: [q]
            answer:
              - {Type: text}
        """, "el.yaml"));
    assertThat(bad.get(0).line()).isEqualTo(4);
    assertThat(bad.get(0).message()).contains("MsgType");
  }

  @Test
  void loadsSynonymsFileRelativeToTheKbAndRecordsSources() throws Exception {
    Path syn = dir.resolve("syn.txt");
    Files.writeString(syn, "退款, 退钱\n", StandardCharsets.UTF_8);
    Path kbFile = dir.resolve("kb.yaml");
    Files.writeString(kbFile, """
        synonyms_file: syn.txt
        entries:
          - id: a
            questions: [退款]
            answer: x
        """, StandardCharsets.UTF_8);

    KnowledgeBase kb = KnowledgeBase.load(kbFile).orThrow();

    assertThat(kb.synonyms()).containsExactly("退款, 退钱");
    assertThat(kb.sources()).containsExactly(kbFile, syn);
  }

  @Test
  void missingSynonymsFileIsAnError() throws Exception {
    Path kbFile = dir.resolve("kb.yaml");
    Files.writeString(kbFile, "synonyms_file: nope.txt\nentries:\n  - {id: a, questions: [q], answer: x}\n");
    assertThat(errors(KnowledgeBase.load(kbFile)).get(0)).satisfies(e -> {
      assertThat(e.line()).isEqualTo(1);
      assertThat(e.message()).contains("nope.txt");
    });
  }

  @Test
  void importsCsvWithQuotedCellsAndMultiValues() throws Exception {
    Path csv = dir.resolve("kb.csv");
    Files.writeString(csv, "\uFEFFid,questions,answer,keywords,related\n"
        + "refund,\"退款多久到账|How long, roughly, is a refund?\",\"1-3 天\n(工作日)\",退款|refund,ship\n"
        + "ship,发货时间,48 小时内,,\n", StandardCharsets.UTF_8);

    KnowledgeBase kb = KnowledgeBase.load(csv).orThrow();

    FaqEntry refund = kb.entry("refund").orElseThrow();
    assertThat(refund.questions()).containsExactly("退款多久到账", "How long, roughly, is a refund?");
    assertThat(refund.answerText()).isEqualTo("1-3 天\n(工作日)");
    assertThat(refund.keywords()).containsExactly("退款", "refund");
    assertThat(refund.related()).containsExactly("ship");
    assertThat(kb.entry("ship").orElseThrow().line()).isEqualTo(4);
  }

  @Test
  void reportsCsvErrorsWithLines() {
    assertThat(errors(KnowledgeBase.parseCsv("id,answer\na,x\n", "kb.csv")))
        .extracting(KbError::toString).containsExactly("kb.csv:1: missing column 'questions'");
    assertThat(errors(KnowledgeBase.parseCsv("id,questions,answer\na,q,x\na,q2,y\n,q3,z\n", "kb.csv")))
        .extracting(KbError::toString)
        .containsExactly("kb.csv:3: duplicate id 'a' (first defined on line 2)", "kb.csv:4: entry has no id");
    assertThat(errors(KnowledgeBase.parseCsv("id,questions,answer\na,\"q,x\n", "kb.csv")))
        .extracting(KbError::toString).containsExactly("kb.csv:2: unterminated quoted cell");
  }

  @Test
  void unreadableFileIsAnErrorNotAnException() {
    List<KbError> errors = errors(KnowledgeBase.load(dir.resolve("missing.yaml")));
    assertThat(errors.get(0).message()).startsWith("cannot read");
  }

  @Test
  void orThrowListsTheErrors() {
    KbLoadResult r = KnowledgeBase.parseYaml("entries: []", "x.yaml");
    assertThatThrownBy(r::orThrow).isInstanceOf(IllegalStateException.class).hasMessageContaining("x.yaml");
  }

  @Test
  void shippedShopKbIsValidAndLargeEnough() {
    Path kb = Path.of("src/main/resources/kb/shop-faq.yaml");
    KnowledgeBase loaded = KnowledgeBase.load(kb).orThrow();
    assertThat(loaded.size()).isGreaterThanOrEqualTo(60);
    assertThat(loaded.synonyms()).isNotEmpty();
    assertThat(loaded.entries()).allSatisfy(e -> assertThat(e.questions()).hasSizeGreaterThanOrEqualTo(2));
  }

  @Test
  void brokenSynonymRuleFailsTheLoadNotTheEngineBuild() {
    List<KbError> errors = errors(KnowledgeBase.parseYaml("""
        synonyms: ["退款, 退钱", "a => b => c"]
        entries:
          - {id: a, questions: [q], answer: x}
        """, "kb.yaml"));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).message()).startsWith("invalid synonym rules").contains("a => b => c");
  }
}
