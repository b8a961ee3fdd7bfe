package dev.timbot.plugins.faq.internal;

import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.KbError;
import dev.timbot.plugins.faq.KbLoadResult;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks that apply across entries (unique ids, known related ids), shared by YAML and CSV. */
final class KbValidator {
  // Ids end up in TSV case files, logs and CLI output: keep them free of spaces and tabs.
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private static final Pattern RULE_LINE = Pattern.compile("at line (\\d+)");

  private KbValidator() {}

  /**
   * Parses the synonym rules the way the engine will, so that a broken rule fails the load (and
   * a reload keeps the previous KB) instead of failing later when the engine is built.
   */
  private static void checkSynonyms(String source, List<String> synonyms, List<KbError> errors) {
    try {
      Analyzers.synonymMap(synonyms, Analyzers.words(null));
      Analyzers.synonymMap(synonyms, Analyzers.bigrams(null));
    } catch (ParseException | IllegalArgumentException e) {
      String why = e.getCause() != null && e.getCause().getMessage() != null
          ? e.getMessage() + ": " + e.getCause().getMessage() : e.getMessage();
      // Solr's parser counts lines in the rule list; name the rule, which is easier to find.
      java.util.regex.Matcher m = RULE_LINE.matcher(String.valueOf(e.getMessage()));
      if (m.find()) {
        int i = Integer.parseInt(m.group(1)) - 1;
        if (i >= 0 && i < synonyms.size()) {
          why += " (rule '" + synonyms.get(i).strip() + "')";
        }
      }
      errors.add(new KbError(source, 0, 0, "invalid synonym rules: " + why));
    }
  }

  static KbLoadResult finish(
      String source,
      List<EntryDraft> drafts,
      List<KbError> errors,
      List<String> synonyms,
      List<Path> sources) {
    List<KbError> all = new ArrayList<>(errors);
    Map<String, EntryDraft> seen = new HashMap<>();
    for (EntryDraft d : drafts) {
      if (d.id == null || d.id.isBlank()) {
        all.add(new KbError(source, d.line, 0, "entry has no id"));
        continue;
      }
      if (!ID.matcher(d.id).matches()) {
        all.add(new KbError(source, d.line, 0,
            "id '" + d.id + "' must be letters, digits, '.', '_' or '-'"));
      }
      EntryDraft previous = seen.putIfAbsent(d.id, d);
      if (previous != null) {
        all.add(new KbError(source, d.line, 0,
            "duplicate id '" + d.id + "' (first defined on line " + previous.line + ")"));
      }
      if (d.questions.isEmpty()) {
        all.add(new KbError(source, d.line, 0, "entry '" + d.id + "' has no questions"));
      }
      if (d.answer.isEmpty()) {
        all.add(new KbError(source, d.line, 0, "entry '" + d.id + "' has no answer"));
      }
    }
    for (EntryDraft d : drafts) {
      for (String r : d.related) {
        if (!seen.containsKey(r)) {
          all.add(new KbError(source, d.relatedLine, 0,
              "entry '" + d.id + "' is related to unknown id '" + r + "'"));
        }
      }
    }
    checkSynonyms(source, synonyms, all);
    if (drafts.isEmpty() && all.isEmpty()) {
      all.add(new KbError(source, 0, 0, "knowledge base has no entries"));
    }
    if (!all.isEmpty()) {
      return new KbLoadResult.Failed(all);
    }
    List<FaqEntry> entries = new ArrayList<>();
    for (EntryDraft d : drafts) {
      entries.add(new FaqEntry(d.id, d.questions, d.answer, d.keywords, d.related, d.line));
    }
    return new KbLoadResult.Loaded(KnowledgeBase.of(entries, synonyms, sources));
  }
}
