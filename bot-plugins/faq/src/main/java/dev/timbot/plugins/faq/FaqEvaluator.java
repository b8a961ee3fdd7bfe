package dev.timbot.plugins.faq;

import java.util.ArrayList;
import java.util.List;

/** Runs evaluation cases through an engine and counts the metrics of {@link EvalReport}. */
public final class FaqEvaluator {
  private FaqEvaluator() {}

  public static EvalReport evaluate(FaqEngine engine, List<EvalCase> cases) {
    int inScope = 0;
    int top1 = 0;
    int answered = 0;
    int notAnswered = 0;
    int suggested = 0;
    int falseAnswers = 0;
    List<EvalReport.Miss> misses = new ArrayList<>();
    for (EvalCase c : cases) {
      FaqResult r = engine.query(c.query());
      boolean answeredIt = r.decision() == FaqDecision.ANSWER;
      if (!c.inScope()) {
        if (answeredIt) {
          falseAnswers++;
          misses.add(new EvalReport.Miss(c, r, "answered out-of-scope"));
        }
        continue;
      }
      inScope++;
      boolean topOk = c.expectedId().equals(r.bestEntryId());
      if (topOk) {
        top1++;
      }
      if (answeredIt) {
        if (topOk) {
          answered++;
        } else {
          falseAnswers++;
          misses.add(new EvalReport.Miss(c, r, "wrong answer"));
        }
        continue;
      }
      notAnswered++;
      boolean inSuggestions = r.suggestions().stream().anyMatch(m -> m.entryId().equals(c.expectedId()));
      if (inSuggestions) {
        suggested++;
      }
      if (!topOk) {
        misses.add(new EvalReport.Miss(c, r, inSuggestions ? "ranked below another" : "not found"));
      } else if (r.decision() == FaqDecision.NONE) {
        misses.add(new EvalReport.Miss(c, r, "right entry, below suggest threshold"));
      }
    }
    return new EvalReport(cases.size(), inScope, top1, answered, notAnswered, suggested, falseAnswers, misses);
  }
}
