package dev.timbot.plugins.faq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaqCliTest {
  private static final String KB = "src/main/resources/kb/shop-faq.yaml";
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = FaqCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void queryPrintsDecisionBestIdAndScore() {
    Run r = run("faq-query", "--mode", "lexical", "--kb", KB, "忘记密码怎么办");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("decision: answer\nbest: account-password-reset\nscore: ");
    assertThat(r.out().lines().filter(l -> l.startsWith("score: ")).findFirst().orElseThrow())
        .matches("score: [01]\\.\\d{3}");
    assertThat(r.out()).contains("answer: ");
  }

  @Test
  void queryPrintsNumberedSuggestionsWhenUnsure() {
    Run r = run("faq-query", "--mode", "lexical", "--kb", KB, "--answer-threshold", "1.0", "--suggest-threshold", "0.1", "优惠券");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("decision: suggest\n");
    assertThat(r.out()).containsPattern("(?m)^suggestion 1: \\S+ [01]\\.\\d{3} .+$");
  }

  @Test
  void queryWithNothingRelevant() {
    Run r = run("faq-query", "--mode", "lexical", "--kb", KB, "量子力学", "的", "基本原理");
    assertThat(r.out()).startsWith("decision: none\n");
  }

  @Test
  void evalPrintsTheFourMetricsThenMisses() throws Exception {
    Path kb = dir.resolve("kb.yaml");
    Files.writeString(kb, """
        entries:
          - {id: pw, questions: [忘记密码怎么办, I forgot my password], answer: reset}
          - {id: ship, questions: [发货后几天能到, 'How long does delivery take?'], answer: 2-4 days}
        """);
    Path cases = dir.resolve("cases.tsv");
    Files.writeString(cases, "# comment\n密码忘了\tpw\nhow long is delivery\tship\n今天天气\t-\n怎么开发票\tpw\n");

    Run r = run("faq-eval", "--mode", "lexical", "--kb", kb.toString(), "--cases", cases.toString());

    assertThat(r.code()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).matches("top-1 accuracy: \\d{1,3}\\.\\d%");
    assertThat(lines[1]).matches("direct answer rate: \\d{1,3}\\.\\d%");
    assertThat(lines[2]).matches("suggestion recall: \\d{1,3}\\.\\d%");
    assertThat(lines[3]).matches("false-answer rate: \\d{1,3}\\.\\d%");
    assertThat(lines[4]).isEqualTo("cases: 4 (in scope 3, out of scope 1)");
    assertThat(r.out()).contains("line 5 [").contains("怎么开发票 -> expected pw");
  }

  @Test
  void evalComparesTheThreeModesAndQueryExplainsBothSignals() throws Exception {
    Path kb = dir.resolve("kb.yaml");
    Files.writeString(kb, """
        entries:
          - {id: topup, questions: [怎么充话费, "How do I top up my balance?"], answer: in the app}
          - {id: roaming, questions: [出国怎么开漫游, "How do I turn on roaming?"], answer: in the app}
          - {id: bill, questions: [怎么查账单, "Where can I see my bill?"], answer: bill tab}
        """);
    Path cases = dir.resolve("cases.tsv");
    Files.writeString(cases, "put some money on my phone\ttopup\n给手机充点钱\ttopup\n讲个笑话\t-\n");
    String data = RealModel.dataDir().toString();

    Run r = run("faq-eval", "--kb", kb.toString(), "--cases", cases.toString(), "--data-dir", data);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("mode      top-1   direct  sugg-recall  false")
        .containsPattern("(?m)^lexical +\\d")
        .containsPattern("(?m)^semantic +\\d")
        .containsPattern("(?m)^hybrid +\\d");
    assertThat(r.err()).contains("faq: semantic index ready");

    Run q = run("faq-query", "--kb", kb.toString(), "--data-dir", data, "--explain", "topup", "put some money on my phone");
    assertThat(q.out()).contains("best: topup").contains("semantic: route english")
        .containsPattern("cosine 0\\.\\d{3}, rank 1").contains("bm25:");
  }

  @Test
  void evalRejectsUnknownIdsAndMalformedLines() throws Exception {
    Path cases = dir.resolve("cases.tsv");
    Files.writeString(cases, "密码忘了\tno-such-entry\n");
    Run r = run("faq-eval", "--kb", KB, "--cases", cases.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(":1: unknown entry id 'no-such-entry'");

    Files.writeString(cases, "no tab here\n");
    r = run("faq-eval", "--kb", KB, "--cases", cases.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(":1: expected 'query<TAB>expected-id'");
  }

  @Test
  void badKbPrintsErrorsWithLines() throws Exception {
    Path kb = dir.resolve("bad.yaml");
    Files.writeString(kb, "entries:\n  - id: a\n    questions: [q]\n");
    Run r = run("faq-query", "--kb", kb.toString(), "q");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("bad.yaml:2: entry 'a' has no answer");
  }

  @Test
  void usageErrors() {
    assertThat(run().code()).isEqualTo(2);
    assertThat(run("faq-query", "x").err()).contains("--kb FILE is required");
    assertThat(run("faq-eval", "--kb", KB).err()).contains("needs --cases");
    assertThat(run("faq-nope", "--kb", KB).err()).contains("unknown command");
    assertThat(run("faq-query", "--kb", KB, "--answer-threshold", "abc", "q").code()).isEqualTo(2);
  }
}
