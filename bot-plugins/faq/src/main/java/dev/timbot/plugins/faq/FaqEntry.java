package dev.timbot.plugins.faq;

import dev.timbot.message.MessageElem;
import dev.timbot.message.TextElem;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One knowledge-base entry: several phrasings of the same question and one answer.
 *
 * @param id stable identifier, used by {@code related}, the evaluation file and the logs
 * @param questions one or more phrasings, any mix of Chinese and English; never empty
 * @param answer the reply as timbot message elements (a plain-text answer is one {@link TextElem})
 * @param keywords extra terms that strongly indicate this entry (indexed in a boosted field)
 * @param related ids of entries worth offering next to this one
 * @param line 1-based line of the entry in its source file, or 0 if it was built in code
 */
public record FaqEntry(
    String id,
    List<String> questions,
    List<MessageElem> answer,
    List<String> keywords,
    List<String> related,
    int line) {

  public FaqEntry {
    Objects.requireNonNull(id, "id");
    questions = List.copyOf(questions);
    answer = List.copyOf(answer);
    keywords = List.copyOf(keywords);
    related = List.copyOf(related);
    if (id.isBlank()) {
      throw new IllegalArgumentException("id is blank");
    }
    if (questions.isEmpty()) {
      throw new IllegalArgumentException("entry " + id + " has no questions");
    }
    if (answer.isEmpty()) {
      throw new IllegalArgumentException("entry " + id + " has no answer");
    }
  }

  /** A plain-text entry without keywords or related ids, mostly for tests and generators. */
  public static FaqEntry of(String id, String answer, String... questions) {
    return new FaqEntry(id, List.of(questions), List.of(TextElem.of(answer)), List.of(), List.of(), 0);
  }

  /** The answer's text elements joined by newlines; non-text elements are skipped. */
  public String answerText() {
    return answer.stream()
        .filter(TextElem.class::isInstance)
        .map(e -> ((TextElem) e).text())
        .collect(Collectors.joining("\n"));
  }

  /** The first phrasing, shown in "did you mean" lists. */
  public String title() {
    return questions.get(0);
  }
}
