package dev.timbot.plugins.faq;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Operator commands, run from the shaded jar:
 *
 * <pre>
 * java -jar bot-plugins/faq/target/faq-cli.jar faq-query --kb KB.yaml "怎么退货"
 * java -jar bot-plugins/faq/target/faq-cli.jar faq-eval  --kb KB.yaml --cases CASES.tsv
 * </pre>
 *
 * Thresholds can be overridden with {@code --answer-threshold}, {@code --answer-margin} and
 * {@code --suggest-threshold} to try a setting before putting it in the bot's configuration.
 * Exit codes: 0 ok, 1 bad KB or case file, 2 usage error.
 */
public final class FaqCli {
  private static final String USAGE = """
      usage:
        faq-query --kb FILE [options] "question"
        faq-eval  --kb FILE --cases FILE.tsv [options]
      options:
        --answer-threshold X   --answer-margin X   --suggest-threshold X
        --verbose              (faq-eval) also print every case with its top two candidates
        --explain ID           (faq-query) print Lucene's score explanation for entry ID
      """;

  private FaqCli() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** The testable entry point: never exits, returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE);
      return 2;
    }
    String command = args[0];
    Path kbFile = null;
    Path casesFile = null;
    FaqConfig config = FaqConfig.defaults();
    List<String> rest = new ArrayList<>();
    boolean verbose = false;
    List<String> explain = new ArrayList<>();
    try {
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--kb" -> kbFile = Path.of(value(args, ++i, a));
          case "--cases" -> casesFile = Path.of(value(args, ++i, a));
          case "--answer-threshold" -> config = config.withAnswerThreshold(number(args, ++i, a));
          case "--answer-margin" -> config = config.withAnswerMargin(number(args, ++i, a));
          case "--suggest-threshold" -> config = config.withSuggestThreshold(number(args, ++i, a));
          case "--verbose" -> verbose = true;
          case "--explain" -> explain.add(value(args, ++i, a));
          default -> {
            if (a.startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + a);
            }
            rest.add(a);
          }
        }
      }
      if (kbFile == null) {
        throw new IllegalArgumentException("--kb FILE is required");
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(USAGE);
      return 2;
    }
    KbLoadResult loaded = KnowledgeBase.load(kbFile);
    if (loaded instanceof KbLoadResult.Failed f) {
      f.errors().forEach(e -> err.println(e));
      return 1;
    }
    KnowledgeBase kb = loaded.orThrow();
    switch (command) {
      case "faq-query" -> {
        if (rest.isEmpty()) {
          err.println("faq-query needs a question");
          err.print(USAGE);
          return 2;
        }
        try (FaqEngine engine = FaqEngine.build(kb, config)) {
          String question = String.join(" ", rest);
          printQuery(engine.query(question), out);
          for (String id : explain) {
            if (kb.entry(id).isEmpty()) {
              err.println("no entry " + id);
              return 1;
            }
            out.println("explain " + id + ":");
            out.print(engine.explain(question, id));
          }
        }
        return 0;
      }
      case "faq-eval" -> {
        if (casesFile == null) {
          err.println("faq-eval needs --cases FILE");
          err.print(USAGE);
          return 2;
        }
        List<EvalCase> cases;
        try {
          cases = EvalCase.readTsv(casesFile);
        } catch (IOException e) {
          err.println(e.getMessage());
          return 1;
        }
        for (EvalCase c : cases) {
          if (c.inScope() && kb.entry(c.expectedId()).isEmpty()) {
            err.println(casesFile + ":" + c.line() + ": unknown entry id '" + c.expectedId() + "'");
            return 1;
          }
        }
        try (FaqEngine engine = FaqEngine.build(kb, config)) {
          printEval(FaqEvaluator.evaluate(engine, cases), out);
          if (verbose) {
            printAll(engine, cases, out);
          }
        }
        return 0;
      }
      default -> {
        err.println("unknown command " + command);
        err.print(USAGE);
        return 2;
      }
    }
  }

  static void printQuery(FaqResult r, PrintStream out) {
    out.println("decision: " + r.decision().name().toLowerCase(Locale.ROOT));
    out.println("best: " + (r.bestEntryId() == null ? "-" : r.bestEntryId()));
    out.println(String.format(Locale.ROOT, "score: %.3f", r.score()));
    if (r.decision() == FaqDecision.ANSWER) {
      out.println("answer: " + r.answer().orElseThrow().answerText());
    }
    for (int i = 0; i < r.suggestions().size(); i++) {
      FaqMatch m = r.suggestions().get(i);
      out.println(String.format(Locale.ROOT, "suggestion %d: %s %.3f %s",
          i + 1, m.entryId(), m.score(), m.question()));
    }
  }

  static void printEval(EvalReport report, PrintStream out) {
    out.print(report.summary());
    out.println(String.format(Locale.ROOT, "cases: %d (in scope %d, out of scope %d)",
        report.total(), report.inScope(), report.total() - report.inScope()));
    out.println("misses: " + report.misses().size());
    for (EvalReport.Miss m : report.misses()) {
      FaqResult r = m.result();
      out.println(String.format(Locale.ROOT, "  line %d [%s] %s -> expected %s, got %s %s %.3f",
          m.evalCase().line(), m.kind(), m.evalCase().query(), m.evalCase().expectedId(),
          r.decision().name().toLowerCase(Locale.ROOT),
          r.bestEntryId() == null ? "-" : r.bestEntryId(), r.score()));
    }
  }

  /** Every case with its top two candidates: the raw material for choosing thresholds. */
  static void printAll(FaqEngine engine, List<EvalCase> cases, PrintStream out) {
    out.println("all cases (expected, decision, top-1 id score, top-2 id score, query):");
    for (EvalCase c : cases) {
      FaqResult r = engine.query(c.query());
      String first = r.ranked().isEmpty() ? "- 0" : fmt(r.ranked().get(0));
      String second = r.ranked().size() < 2 ? "- 0" : fmt(r.ranked().get(1));
      out.println(String.join("\t", c.expectedId(), r.decision().name().toLowerCase(Locale.ROOT),
          first, second, c.query()));
    }
  }

  private static String fmt(FaqMatch m) {
    return String.format(Locale.ROOT, "%s %.3f", m.entryId(), m.score());
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static double number(String[] args, int i, String option) {
    String v = value(args, i, option);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, got " + v);
    }
  }
}
