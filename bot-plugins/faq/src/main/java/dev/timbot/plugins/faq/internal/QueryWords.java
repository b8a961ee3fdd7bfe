package dev.timbot.plugins.faq.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A query's words as the index's words analyzer (smartcn, without synonyms) cuts them, analysed once per lookup: the
 * typo clauses, the Latin keyword match and the query's self score each analysed the query with that same analyzer,
 * three HMM segmentations of one text (the analyzer ignores the field name, so their tokens were the same).
 *
 * @param terms the tokens in order
 * @param positions how many of them start a new position (the document length BM25 would record)
 */
record QueryWords(List<String> terms, int positions) {

  static QueryWords of(Analyzer words, String field, String text) throws IOException {
    List<String> terms = new ArrayList<>();
    int positions = 0;
    try (TokenStream ts = words.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute posInc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
        if (posInc.getPositionIncrement() > 0) {
          positions++;
        }
      }
      ts.end();
    }
    return new QueryWords(List.copyOf(terms), positions);
  }
}
