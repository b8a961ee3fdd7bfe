package dev.timbot.plugins.faq;

/**
 * One problem found while loading a knowledge base.
 *
 * @param source file name (or another label) the problem was found in
 * @param line 1-based line, or 0 if unknown
 * @param column 1-based column, or 0 if unknown
 * @param message what is wrong, for an operator
 */
public record KbError(String source, int line, int column, String message) {

  @Override
  public String toString() {
    if (line <= 0) {
      return source + ": " + message;
    }
    return source + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
  }
}
