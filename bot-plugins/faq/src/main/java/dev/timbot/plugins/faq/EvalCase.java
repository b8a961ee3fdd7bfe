package dev.timbot.plugins.faq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of an evaluation file: a query and the entry that should answer it, or
 * {@link #OUT_OF_SCOPE} ({@code -}) when the bot must not answer at all.
 *
 * @param line 1-based line in the case file, for reporting
 */
public record EvalCase(String query, String expectedId, int line) {
  public static final String OUT_OF_SCOPE = "-";

  public boolean inScope() {
    return !OUT_OF_SCOPE.equals(expectedId);
  }

  /**
   * Reads {@code query<TAB>expected-id} lines; blank lines and lines starting with {@code #} are
   * skipped. A line without a tab is an error (with its line number), not silently skipped, so a
   * broken case file cannot inflate the scores.
   */
  public static List<EvalCase> readTsv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<EvalCase> cases = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String raw = lines.get(i);
      if (i == 0 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      if (raw.isBlank() || raw.startsWith("#")) {
        continue;
      }
      int tab = raw.lastIndexOf('\t');
      if (tab <= 0 || raw.substring(tab + 1).isBlank()) {
        throw new IOException(file + ":" + (i + 1) + ": expected 'query<TAB>expected-id'");
      }
      cases.add(new EvalCase(raw.substring(0, tab).strip(), raw.substring(tab + 1).strip(), i + 1));
    }
    return cases;
  }
}
