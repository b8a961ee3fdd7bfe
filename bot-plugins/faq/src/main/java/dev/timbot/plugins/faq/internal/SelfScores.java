package dev.timbot.plugins.faq.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Fields;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermVectors;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity.SimScorer;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.SmallFloat;

/**
 * Self scores, the denominator of {@link FaqIndex}'s normalised BM25 score: what a text would score
 * against a document identical to itself with the index's statistics (split out of {@code FaqIndex}:
 * the normalisation is its own concept, the index only divides by it).
 */
final class SelfScores {
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final BM25Similarity similarity;
  private final Analyzer wordsIndex;
  private final Analyzer bigramsIndex;

  SelfScores(DirectoryReader reader, IndexSearcher searcher, BM25Similarity similarity, Analyzer wordsIndex,
      Analyzer bigramsIndex) {
    this.reader = reader;
    this.searcher = searcher;
    this.similarity = similarity;
    this.wordsIndex = wordsIndex;
    this.bigramsIndex = bigramsIndex;
  }

  /**
   * The BM25 score a text would get against a document identical to itself, over the words and
   * bigram fields, with the index's statistics. Computed with Lucene's own {@link BM25Similarity}
   * scorer (not a re-implementation), term by term. For a query ({@code asNewDoc}) the statistics
   * count the query as if it had been added to the index, so a word no stored question uses gets
   * a high IDF: unmatched, rare content words then lower the normalised score, which is exactly
   * what keeps out-of-scope questions from being answered.
   */
  double of(String text, boolean asNewDoc) throws IOException {
    return of(text, QueryWords.of(wordsIndex, FaqIndex.F_WORDS, text), asNewDoc, Map.of());
  }

  /**
   * {@link #of(String, boolean)} with the text's words analysis done already, and the index statistics of terms a
   * search has looked up ({@code termStates}, read where they hold the term).
   */
  double of(String text, QueryWords words, boolean asNewDoc, Map<Term, TermStates> termStates) throws IOException {
    return FaqIndex.W_WORDS * fieldSelfScore(FaqIndex.F_WORDS, words, asNewDoc, termStates)
        + FaqIndex.W_BIGRAMS * fieldSelfScore(FaqIndex.F_BIGRAMS, QueryWords.of(bigramsIndex, FaqIndex.F_BIGRAMS, text),
            asNewDoc, termStates);
  }

  private double fieldSelfScore(String field, QueryWords tokens, boolean asNewDoc, Map<Term, TermStates> termStates)
      throws IOException {
    // Term frequencies merged in token order, as before: the map's iteration order is the order of the sum below.
    Map<String, Integer> tf = new HashMap<>();
    for (String term : tokens.terms()) {
      tf.merge(term, 1, Integer::sum);
    }
    return bm25Self(field, tf, tokens.positions(), asNewDoc, null, termStates);
  }

  /**
   * A stored phrasing's self score, from its term vector: the same terms and frequencies the
   * analyzer produced at index time, without analysing the text a second time (which would
   * double the build time of a large KB).
   */
  double stored(TermVectors vectors, int doc, Map<Term, SimScorer> scorers)
      throws IOException {
    Fields fields = vectors.get(doc);
    if (fields == null) {
      return 0;
    }
    double total = 0;
    for (String field : List.of(FaqIndex.F_WORDS, FaqIndex.F_BIGRAMS)) {
      Terms terms = fields.terms(field);
      if (terms == null) {
        continue;
      }
      Map<String, Integer> tf = new HashMap<>();
      int length = 0;
      TermsEnum te = terms.iterator();
      BytesRef term;
      while ((term = te.next()) != null) {
        int freq = (int) te.totalTermFreq();
        tf.put(term.utf8ToString(), freq);
        length += freq;
      }
      total += (field.equals(FaqIndex.F_WORDS) ? FaqIndex.W_WORDS : FaqIndex.W_BIGRAMS)
          * bm25Self(field, tf, length, false, scorers, Map.of());
    }
    return total;
  }

  /**
   * Sums Lucene's BM25 term scores for a document with term frequencies {@code tf}. With
   * {@code scorers}, per-term scorers are reused: during the build thousands of phrasings share
   * the same terms and statistics, and creating a scorer is the expensive part.
   */
  private double bm25Self(String field, Map<String, Integer> tf, int length, boolean asNewDoc,
      Map<Term, SimScorer> scorers, Map<Term, TermStates> termStates) throws IOException {
    if (tf.isEmpty()) {
      return 0;
    }
    CollectionStatistics cs = searcher.collectionStatistics(field);
    long extraDoc = asNewDoc ? 1 : 0;
    long maxDoc = reader.maxDoc() + extraDoc;
    long docCount = (cs == null ? 0 : cs.docCount()) + extraDoc;
    long sumTtf = (cs == null ? 0 : cs.sumTotalTermFreq()) + (asNewDoc ? length : 0);
    long sumDf = (cs == null ? 0 : cs.sumDocFreq()) + (asNewDoc ? tf.size() : 0);
    if (docCount == 0) {
      return 0;
    }
    CollectionStatistics stats = new CollectionStatistics(
        field, maxDoc, docCount, Math.max(sumTtf, docCount), Math.max(sumDf, docCount));
    long norm = SmallFloat.intToByte4(Math.max(1, length));
    double total = 0;
    TermLookup lookup = null;
    for (Map.Entry<String, Integer> e : tf.entrySet()) {
      Term t = new Term(field, e.getKey());
      SimScorer scorer = scorers == null ? null : scorers.get(t);
      if (scorer == null) {
        TermStates known = termStates.get(t);
        long docFreq;
        long totalTermFreq;
        if (known != null) {
          docFreq = known.docFreq();
          totalTermFreq = known.totalTermFreq();
        } else {
          if (lookup == null) {
            lookup = new TermLookup(reader, field);
          }
          lookup.seek(t.bytes());
          docFreq = lookup.docFreq;
          totalTermFreq = lookup.totalTermFreq;
        }
        long df = docFreq + extraDoc;
        long ttf = totalTermFreq + (asNewDoc ? e.getValue() : 0);
        if (df == 0) {
          continue; // a stored question's term is always in the index; defensive only
        }
        scorer = similarity.scorer(1f, stats, new TermStatistics(t.bytes(), df, Math.max(ttf, df)));
        if (scorers != null) {
          scorers.put(t, scorer);
        }
      }
      total += scorer.score(e.getValue(), norm);
    }
    return total;
  }

  /**
   * A term's document and total frequencies, as {@link DirectoryReader#docFreq} and {@link DirectoryReader#totalTermFreq}
   * give them (the sum over segments), from one seek per segment in terms enums kept for the field: those two calls
   * open a new terms enum each, which was most of a query's self score.
   */
  private static final class TermLookup {
    private final TermsEnum[] segments;
    long docFreq;
    long totalTermFreq;

    TermLookup(DirectoryReader reader, String field) throws IOException {
      List<LeafReaderContext> leaves = reader.leaves();
      segments = new TermsEnum[leaves.size()];
      for (int i = 0; i < segments.length; i++) {
        Terms terms = leaves.get(i).reader().terms(field);
        segments[i] = terms == null ? null : terms.iterator();
      }
    }

    void seek(BytesRef term) throws IOException {
      docFreq = 0;
      totalTermFreq = 0;
      for (TermsEnum te : segments) {
        if (te != null && te.seekExact(term)) {
          docFreq += te.docFreq();
          totalTermFreq += te.totalTermFreq();
        }
      }
    }
  }
}
