package dev.timbot.plugins.faq.internal;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Folds the surface variants that users type but that mean the same thing, before any Lucene
 * analysis or embedding, on both the indexed questions and the queries:
 *
 * <ul>
 *   <li>NFKC: full-width letters, digits and punctuation ({@code ＶＩＰ？}) become half-width;
 *   <li>traditional → simplified Chinese with ICU's {@code Traditional-Simplified} transform
 *       (the maintained Unihan/CLDR mapping, covering every CJK character rather than a
 *       hand-picked list);
 *   <li>written Cantonese words to their Mandarin equivalents ({@link CantoneseFolding}: 唔见咗 → 不见了);
 *   <li>lower case (root locale, so Turkish dotless-i rules never apply).
 * </ul>
 *
 * <p>ICU's transform is character-level, so a few characters stay ambiguous (乾/干, 著/着), but
 * both sides go through the same transform, so a consistent mapping is all matching needs. The Cantonese fold is not
 * only a consistent mapping: the sentence model reads its output, so it touches only text written in Cantonese.
 */
public final class TextNormalizer {
  /** One transliterator per thread: ICU documents instances as not safe for concurrent use. */
  private static final ThreadLocal<Transliterator> T2S =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

  private TextNormalizer() {}

  public static String normalize(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    // ICU maps 帳 to 帐 (curtain); mainland text writes accounts and bills (帳號, 帳單) as 账.
    String chinese = hasHan(nfkc) ? CantoneseFolding.fold(T2S.get().transliterate(nfkc).replace('帐', '账')) : nfkc;
    return chinese.toLowerCase(Locale.ROOT);
  }

  /**
   * What {@link #normalize} does beyond the fixed steps, for keys of state computed from normalised text (a route's
   * calibration reads KB keywords and synonyms it normalises itself): whether and with which table Cantonese is folded.
   */
  public static String describe() {
    return CantoneseFolding.describe();
  }

  private static boolean hasHan(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.UnicodeScript.of(s.charAt(i)) == Character.UnicodeScript.HAN) {
        return true;
      }
    }
    return false;
  }
}
