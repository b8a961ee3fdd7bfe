package dev.timbot.plugins.faq.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The two analysis chains, each in an index flavour and a query flavour (the query flavour adds
 * the domain synonyms, so editing synonyms never needs a re-index of the wording).
 *
 * <ul>
 *   <li><b>words</b>: smartcn's HMM segmenter (dictionary words for Chinese, whitespace/punctuation
 *       for Latin) → lower case → Porter stemming (English "refunds"/"refunded" → "refund") →
 *       smartcn's punctuation stop set. This is {@link SmartChineseAnalyzer}'s chain, rebuilt so
 *       the synonym filter can sit in it.
 *   <li><b>bigrams</b>: StandardTokenizer → CJK width folding → lower case → overlapping CJK
 *       bigrams → Porter → English stop words. Bigrams need no dictionary, so they still match
 *       when the segmenter cuts an unknown word or a typo differently on the two sides.
 * </ul>
 */
public final class Analyzers {
  private static final CharArraySet SMARTCN_STOP = SmartChineseAnalyzer.getDefaultStopSet();

  private Analyzers() {}

  public static Analyzer words(SynonymMap synonyms) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new HMMChineseTokenizer();
        TokenStream ts = new LowerCaseFilter(tokenizer);
        ts = new PorterStemFilter(ts);
        ts = new StopFilter(ts, SMARTCN_STOP);
        if (synonyms != null) {
          ts = new SynonymGraphFilter(ts, synonyms, true);
        }
        return new TokenStreamComponents(tokenizer, ts);
      }
    };
  }

  public static Analyzer bigrams(SynonymMap synonyms) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new StandardTokenizer();
        TokenStream ts = new CJKWidthFilter(tokenizer);
        ts = new LowerCaseFilter(ts);
        ts = new CJKBigramFilter(ts);
        ts = new PorterStemFilter(ts);
        ts = new StopFilter(ts, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        if (synonyms != null) {
          ts = new SynonymGraphFilter(ts, synonyms, true);
        }
        return new TokenStreamComponents(tokenizer, ts);
      }
    };
  }

  /**
   * Parses Solr-format synonym rules with the given (synonym-free) analyzer, so that both sides
   * of a rule are tokenized, stemmed and folded exactly like the field they will be applied to.
   * Returns {@code null} when there are no rules.
   */
  public static SynonymMap synonymMap(List<String> rules, Analyzer analyzer) throws ParseException {
    StringBuilder text = new StringBuilder();
    for (String rule : rules) {
      text.append(TextNormalizer.normalize(rule)).append('\n');
    }
    if (text.toString().isBlank()) {
      return null;
    }
    SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
    try {
      parser.parse(new StringReader(text.toString()));
      SynonymMap map = parser.build();
      return map.fst == null ? null : map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
