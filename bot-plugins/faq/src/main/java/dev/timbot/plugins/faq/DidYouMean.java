package dev.timbot.plugins.faq;

import dev.timbot.plugins.faq.internal.TextNormalizer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two halves of the "did you mean" turn: the numbered list sent to the user, and reading the
 * number the user replies with. The session that remembers the offered list between the two
 * messages belongs to the runtime plugin; this class has no state.
 */
public final class DidYouMean {
  // "2", "２", "2.", "第2个", "选2", "no. 2", "#2" — but not "2 件衣服退货" (a new question).
  private static final Pattern NUMBER =
      Pattern.compile("^(?:第|选|选择|no\\.?|#|number)?\\s*([1-9])\\s*(?:个|条|项|号)?\\s*[.。!！]?$");
  private static final String CN_DIGITS = "一二三四五六七八九";
  /** A reply longer than this (in characters) is a new question, not a choice. */
  static final int MAX_WORD_REPLY = 16;
  private static final java.util.Set<String> STOP =
      java.util.Set.of("the", "one", "and", "that", "this", "mean", "want");

  private DidYouMean() {}

  /**
   * "Did you mean" followed by one numbered line per suggestion. Each line shows the phrasing that
   * matched, not the entry's first one, so an English question gets English suggestions.
   */
  public static String format(List<FaqMatch> suggestions) {
    StringBuilder sb = new StringBuilder("您是不是想问（回复数字即可）/ Did you mean (reply with a number):");
    for (int i = 0; i < suggestions.size(); i++) {
      sb.append('\n').append(i + 1).append(". ").append(suggestions.get(i).question());
    }
    return sb.toString();
  }

  /**
   * The clarifying question for close siblings: it names each candidate (the phrasing that
   * matched) and asks which one is meant, in one short line per language.
   */
  public static String clarify(List<FaqMatch> candidates) {
    StringBuilder zh = new StringBuilder("请问您是想问");
    StringBuilder en = new StringBuilder("Do you mean");
    for (int i = 0; i < candidates.size(); i++) {
      String sep = i == 0 ? "" : i == candidates.size() - 1 ? "，还是" : "，";
      String enSep = i == 0 ? " " : i == candidates.size() - 1 ? ", or " : ", ";
      zh.append(sep).append(i + 1).append(". ").append(candidates.get(i).question());
      en.append(enSep).append(i + 1).append(". ").append(candidates.get(i).question());
    }
    return zh.append("？（回复数字或关键词）\n").append(en).append("? (reply with the number or a word)").toString();
  }

  /**
   * The offered entry a short word reply names ("信用卡", "the credit one"): the one entry whose
   * phrasings or keywords contain the reply, or else the one entry that shares the most of the
   * reply's characters (Chinese) or words (English) that the other offered entries lack. Empty
   * when the reply is long (a new question) or names no single entry.
   */
  public static Optional<FaqMatch> pickByWord(String reply, List<FaqMatch> offered) {
    String text = TextNormalizer.normalize(reply).strip()
        .replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s]+$", "");
    if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_WORD_REPLY) {
      return Optional.empty();
    }
    List<FaqMatch> containing = offered.stream()
        .filter(m -> texts(m).stream().anyMatch(t -> t.contains(text)))
        .toList();
    if (containing.size() == 1) {
      return Optional.of(containing.get(0));
    }
    List<String> units = units(text);
    int best = 0;
    FaqMatch winner = null;
    boolean tie = false;
    for (FaqMatch m : offered) {
      String mine = String.join(" ", texts(m));
      String others = String.join(" ",
          offered.stream().filter(o -> o != m).flatMap(o -> texts(o).stream()).toList());
      int n = (int) units.stream().filter(u -> mine.contains(u) && !others.contains(u)).count();
      if (n > best) {
        best = n;
        winner = m;
        tie = false;
      } else if (n == best && n > 0) {
        tie = true;
      }
    }
    return tie || winner == null ? Optional.empty() : Optional.of(winner);
  }

  private static List<String> texts(FaqMatch m) {
    List<String> out = new ArrayList<>();
    m.entry().questions().forEach(q -> out.add(TextNormalizer.normalize(q)));
    m.entry().keywords().forEach(k -> out.add(TextNormalizer.normalize(k)));
    return out;
  }

  /** Chinese characters one by one, other words whole (at least 3 letters, so "or"/"the" name nothing). */
  private static List<String> units(String text) {
    List<String> out = new ArrayList<>();
    for (String word : text.split("[^\\p{L}\\p{N}]+")) {
      if (word.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
        word.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
            .forEach(c -> out.add(Character.toString(c)));
      } else if (word.length() >= 3 && !STOP.contains(word)) {
        out.add(word);
      }
    }
    return out;
  }

  /**
   * The suggestion the user picked, if {@code reply} is just a number (Arabic, full-width or a
   * Chinese numeral 一…九) within the offered range; anything else is a new question. {@code offered}
   * is the list as it was numbered: matches, or the ids a pending offer keeps across a reload.
   */
  public static <T> Optional<T> pick(String reply, List<T> offered) {
    String text = Normalizer.normalize(reply, Normalizer.Form.NFKC).strip().toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i < CN_DIGITS.length(); i++) {
      text = text.replace(CN_DIGITS.charAt(i), (char) ('1' + i));
    }
    Matcher m = NUMBER.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int n = m.group(1).charAt(0) - '0'; // one digit: FaqConfig offers at most nine
    return n <= offered.size() ? Optional.of(offered.get(n - 1)) : Optional.empty();
  }

  /**
   * The reply to a number whose entry left the knowledge base after the list was offered (a
   * reload in between): the list is stale, so the customer is asked to ask again, which runs
   * against the current knowledge base.
   */
  static String gone(int number) {
    return "抱歉，第" + number + "项已不再提供，请重新提问。/ Sorry, item " + number
        + " is no longer available; please ask your question again.";
  }
}
