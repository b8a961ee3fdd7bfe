package dev.timbot.plugins.faq;

import java.text.Normalizer;
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
   * The suggestion the user picked, if {@code reply} is just a number (Arabic, full-width or a
   * Chinese numeral 一…九) within the offered range; anything else is a new question.
   */
  public static Optional<FaqMatch> pick(String reply, List<FaqMatch> offered) {
    String text = Normalizer.normalize(reply, Normalizer.Form.NFKC).strip().toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i < CN_DIGITS.length(); i++) {
      text = text.replace(CN_DIGITS.charAt(i), (char) ('1' + i));
    }
    Matcher m = NUMBER.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int n = m.group(1).charAt(0) - '0';
    return n <= offered.size() ? Optional.of(offered.get(n - 1)) : Optional.empty();
  }
}
