package dev.timbot.plugins.faq.internal;

import dev.timbot.message.TextElem;
import dev.timbot.plugins.faq.KbError;
import dev.timbot.plugins.faq.KbLoadResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Imports a KB exported from a spreadsheet: RFC 4180 CSV with the header
 * {@code id,questions,answer[,keywords][,related]}; multi-valued cells are separated by {@code |}.
 * Answers are plain text. A small hand-written parser, because the only thing CSV needs here is
 * quoted cells with commas and newlines, and line numbers for errors.
 */
public final class CsvKbReader {
  private static final List<String> COLUMNS = List.of("id", "questions", "answer", "keywords", "related");

  private CsvKbReader() {}

  /** One parsed record and the physical line it starts on. */
  record Row(int line, List<String> cells) {}

  public static KbLoadResult read(String text, String source, Path file) {
    List<KbError> errors = new ArrayList<>();
    List<Row> rows;
    try {
      rows = parse(text);
    } catch (CsvSyntaxException e) {
      return new KbLoadResult.Failed(List.of(new KbError(source, e.line, 0, e.getMessage())));
    }
    if (rows.isEmpty()) {
      return new KbLoadResult.Failed(List.of(new KbError(source, 0, 0, "file is empty")));
    }
    Row header = rows.get(0);
    int[] index = new int[COLUMNS.size()];
    Arrays.fill(index, -1);
    for (int i = 0; i < header.cells().size(); i++) {
      String name = header.cells().get(i).trim().toLowerCase(Locale.ROOT);
      int col = COLUMNS.indexOf(name);
      if (col < 0) {
        errors.add(new KbError(source, header.line(), i + 1, "unknown column '" + name + "'"));
      } else {
        index[col] = i;
      }
    }
    for (int col = 0; col < 3; col++) {
      if (index[col] < 0) {
        errors.add(new KbError(source, header.line(), 0, "missing column '" + COLUMNS.get(col) + "'"));
      }
    }
    if (!errors.isEmpty()) {
      return new KbLoadResult.Failed(errors);
    }
    List<EntryDraft> drafts = new ArrayList<>();
    for (Row row : rows.subList(1, rows.size())) {
      if (row.cells().stream().allMatch(String::isBlank)) {
        continue;
      }
      if (row.cells().size() > header.cells().size()) {
        errors.add(new KbError(source, row.line(), 0,
            "row has " + row.cells().size() + " cells, header has " + header.cells().size()));
        continue;
      }
      EntryDraft d = new EntryDraft(row.line());
      d.id = cell(row, index[0]).trim();
      d.questions.addAll(split(cell(row, index[1])));
      String answer = cell(row, index[2]).strip();
      if (!answer.isEmpty()) {
        d.answer.add(TextElem.of(answer));
      }
      d.keywords.addAll(split(cell(row, index[3])));
      d.related.addAll(split(cell(row, index[4])));
      drafts.add(d);
    }
    List<Path> sources = file == null ? List.of() : List.of(file);
    return KbValidator.finish(source, drafts, errors, List.of(), sources);
  }

  private static String cell(Row row, int index) {
    return index < 0 || index >= row.cells().size() ? "" : row.cells().get(index);
  }

  private static List<String> split(String cell) {
    List<String> out = new ArrayList<>();
    for (String part : cell.split("\\|")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  static List<Row> parse(String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // Excel writes a BOM
    }
    List<Row> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int line = 1;
    int rowLine = 1;
    boolean quoted = false;
    boolean rowHasContent = false;
    int quoteLine = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          quoted = true;
          quoteLine = line;
          rowHasContent = true;
        }
        case ',' -> {
          cells.add(cell.toString());
          cell.setLength(0);
          rowHasContent = true;
        }
        case '\r' -> { }
        case '\n' -> {
          if (rowHasContent || cell.length() > 0) {
            cells.add(cell.toString());
            rows.add(new Row(rowLine, List.copyOf(cells)));
          }
          cells.clear();
          cell.setLength(0);
          rowHasContent = false;
          line++;
          rowLine = line;
        }
        default -> {
          cell.append(c);
          rowHasContent = true;
        }
      }
    }
    if (quoted) {
      throw new CsvSyntaxException(quoteLine, "unterminated quoted cell");
    }
    if (rowHasContent || cell.length() > 0) {
      cells.add(cell.toString());
      rows.add(new Row(rowLine, List.copyOf(cells)));
    }
    return rows;
  }

  private static final class CsvSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int line;

    CsvSyntaxException(int line, String message) {
      super(message);
      this.line = line;
    }
  }
}
