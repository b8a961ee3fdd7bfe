package dev.timbot.plugins.faq;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.timbot.plugins.faq.semantic.SemanticIndex;
import dev.timbot.plugins.faq.semantic.Thresholds;

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
        --mode lexical|semantic|hybrid|all   (default: hybrid for faq-query, all for faq-eval)
        --data-dir DIR         vector cache and native libraries (default: $TMPDIR/timbot-faq)
        --no-english-model     send English queries to the Chinese model too
        --answer-threshold X   --answer-margin X   --suggest-threshold X   (lexical mode)
        --semantic-thresholds ANSWER,MARGIN,SUGGEST   (instead of calibrating on the KB)
        --false-budget X       false-answer rate the calibration aims at on the KB's own probes
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
    String mode = null;
    Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "timbot-faq");
    boolean english = true;
    Thresholds override = null;
    double budget = SemanticSettings.DEFAULT_FALSE_BUDGET;
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
          case "--mode" -> mode = value(args, ++i, a);
          case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
          case "--no-english-model" -> english = false;
          case "--false-budget" -> budget = number(args, ++i, a);
          case "--semantic-thresholds" -> override = thresholds(value(args, ++i, a));
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
      if (mode == null) {
        mode = command.equals("faq-eval") ? "all" : "hybrid";
      }
      if (!mode.equals("all")) {
        RetrievalMode.parse(mode);
      } else if (command.equals("faq-query")) {
        throw new IllegalArgumentException("faq-query takes one --mode");
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
        RetrievalMode m = RetrievalMode.parse(mode);
        SemanticSettings semantic = new SemanticSettings(m, dataDir, english, override,
            budget, false);
        try (FaqEngine engine = Engines.build(kb, config, semantic, err)) {
          String question = String.join(" ", rest);
          printQuery(engine.query(question), out);
          for (String id : explain) {
            if (kb.entry(id).isEmpty()) {
              err.println("no entry " + id);
              return 1;
            }
            out.println("explain " + id + ":");
            out.print(engine.explainBoth(question, id));
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
        List<RetrievalMode> modes = mode.equals("all")
            ? List.of(RetrievalMode.values()) : List.of(RetrievalMode.parse(mode));
        SemanticSettings semantic = new SemanticSettings(RetrievalMode.HYBRID, dataDir, english, override,
            budget, false);
        SemanticIndex index = modes.equals(List.of(RetrievalMode.LEXICAL)) ? null : Engines.index(kb, semantic, err);
        List<EvalReport> reports = new ArrayList<>();
        for (RetrievalMode m : modes) {
          try (FaqEngine engine = FaqEngine.build(kb, config, m, index)) {
            EvalReport report = FaqEvaluator.evaluate(engine, cases);
            reports.add(report);
            if (modes.size() == 1) {
              printEval(report, out);
            } else {
              out.println("== " + m.name().toLowerCase(Locale.ROOT));
              printMisses(report, out);
            }
            if (verbose) {
              printAll(engine, cases, out);
            }
          }
        }
        if (modes.size() > 1) {
          printTable(modes, reports, out);
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
    printMisses(report, out);
  }

  /** The modes side by side, one line each. */
  static void printTable(List<RetrievalMode> modes, List<EvalReport> reports, PrintStream out) {
    EvalReport first = reports.get(0);
    out.println(String.format(Locale.ROOT, "cases: %d (in scope %d, out of scope %d)",
        first.total(), first.inScope(), first.total() - first.inScope()));
    out.println("mode      top-1   direct  sugg-recall  false");
    for (int i = 0; i < modes.size(); i++) {
      EvalReport r = reports.get(i);
      out.println(String.format(Locale.ROOT, "%-8s  %5.1f%%  %5.1f%%  %10.1f%%  %4.1f%%",
          modes.get(i).name().toLowerCase(Locale.ROOT), 100 * r.top1Accuracy(), 100 * r.directAnswerRate(),
          100 * r.suggestionRecall(), 100 * r.falseAnswerRate()));
    }
  }

  static void printMisses(EvalReport report, PrintStream out) {
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

  private static Thresholds thresholds(String v) {
    String[] parts = v.split(",");
    if (parts.length != 3) {
      throw new IllegalArgumentException("--semantic-thresholds needs ANSWER,MARGIN,SUGGEST, got " + v);
    }
    try {
      return new Thresholds(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--semantic-thresholds needs numbers, got " + v);
    }
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
