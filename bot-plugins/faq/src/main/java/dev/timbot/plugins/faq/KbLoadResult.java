package dev.timbot.plugins.faq;

import java.util.List;

/**
 * The outcome of loading a knowledge base: either a usable KB or the list of errors. There is
 * no partial success, so that a half-broken file can never replace a good KB.
 */
public sealed interface KbLoadResult {

  /** A valid knowledge base. */
  record Loaded(KnowledgeBase kb) implements KbLoadResult {}

  /** The file could not be used; {@code errors} is never empty. */
  record Failed(List<KbError> errors) implements KbLoadResult {
    public Failed {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("a failure needs at least one error");
      }
    }
  }

  default boolean isOk() {
    return this instanceof Loaded;
  }

  /** The KB, or an {@link IllegalStateException} listing every error. */
  default KnowledgeBase orThrow() {
    if (this instanceof Loaded l) {
      return l.kb();
    }
    List<KbError> errors = ((Failed) this).errors();
    StringBuilder sb = new StringBuilder("invalid knowledge base:");
    errors.forEach(e -> sb.append("\n  ").append(e));
    throw new IllegalStateException(sb.toString());
  }
}
