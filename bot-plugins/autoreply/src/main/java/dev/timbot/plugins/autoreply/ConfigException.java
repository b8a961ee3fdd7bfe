package dev.timbot.plugins.autoreply;

/** A rules file that cannot be used, with where the problem is ({@code file:line:column}). */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int line;

  public ConfigException(String message, int line, Throwable cause) {
    super(message, cause);
    this.line = line;
  }

  /** 1-based line of the problem, or 0 when unknown. */
  public int line() {
    return line;
  }
}
