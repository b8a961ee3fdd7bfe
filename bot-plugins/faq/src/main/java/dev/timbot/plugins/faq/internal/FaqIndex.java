package dev.timbot.plugins.faq.internal;

import dev.timbot.plugins.faq.FaqEntry;
import dev.timbot.plugins.faq.KnowledgeBase;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The Lucene side: one document per question phrasing in an in-memory index, with a word field,
 * a CJK-bigram field and the entry's keywords; BM25 does all the term scoring.
 *
 * <p>Raw BM25 scores are not comparable between queries, so each hit is also divided by its
 * document's <em>self score</em>: the BM25 score that document gets when its own question is the
 * query, computed once at build time. A paraphrase that covers the same rare terms as a stored
 * phrasing scores near 1; a query that only shares a common word ("怎么", "how") scores near 0.
 * This is what lets {@code FaqConfig} thresholds be plain fractions, independent of KB size.
 */
public final class FaqIndex implements Closeable {
  static final String F_WORDS = "q_words";
  static final String F_BIGRAMS = "q_bigrams";
  static final String F_KEYWORDS = "keywords";
  private static final String F_ENTRY = "entry";
  private static final String F_QUESTION = "question";

  // Field weights: words carry meaning, bigrams are the safety net, keywords are curated hints.
  private static final float W_WORDS = 1.0f;
  private static final float W_BIGRAMS = 0.7f;
  private static final float W_KEYWORDS = 0.8f;

  private final List<FaqEntry> entries;
  private final ByteBuffersDirectory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final QueryBuilder wordsQuery;
  private final QueryBuilder bigramsQuery;
  // Per global doc id: which entry, which phrasing, and the self score used for normalisation.
  private final int[] docEntry;
  private final int[] docQuestion;
  private final float[] docSelf;

  /** One entry's best-scoring phrasing for a query. */
  public record Hit(int entry, int question, float raw, double normalized) {}

  public FaqIndex(KnowledgeBase kb) throws ParseException {
    this.entries = kb.entries();
    Analyzer wordsIndex = Analyzers.words(null);
    Analyzer bigramsIndex = Analyzers.bigrams(null);
    SynonymMap wordSyn = Analyzers.synonymMap(kb.synonyms(), wordsIndex);
    SynonymMap bigramSyn = Analyzers.synonymMap(kb.synonyms(), bigramsIndex);
    this.wordsQuery = new QueryBuilder(Analyzers.words(wordSyn));
    this.bigramsQuery = new QueryBuilder(Analyzers.bigrams(bigramSyn));

    Analyzer indexAnalyzer = new PerFieldAnalyzerWrapper(
        wordsIndex, Map.of(F_BIGRAMS, bigramsIndex, F_KEYWORDS, wordsIndex));
    this.directory = new ByteBuffersDirectory();
    try {
      IndexWriterConfig iwc = new IndexWriterConfig(indexAnalyzer);
      iwc.setSimilarity(new BM25Similarity());
      iwc.setRAMBufferSizeMB(64);
      try (IndexWriter writer = new IndexWriter(directory, iwc)) {
        for (int e = 0; e < entries.size(); e++) {
          FaqEntry entry = entries.get(e);
          for (int q = 0; q < entry.questions().size(); q++) {
            String text = TextNormalizer.normalize(entry.questions().get(q));
            Document doc = new Document();
            doc.add(new StoredField(F_ENTRY, e));
            doc.add(new StoredField(F_QUESTION, q));
            doc.add(new TextField(F_WORDS, text, Field.Store.NO));
            doc.add(new TextField(F_BIGRAMS, text, Field.Store.NO));
            for (String kw : entry.keywords()) {
              doc.add(new TextField(F_KEYWORDS, TextNormalizer.normalize(kw), Field.Store.NO));
            }
            writer.addDocument(doc);
          }
        }
        // One segment: doc ids are then stable and dense, which the arrays below rely on.
        writer.forceMerge(1);
      }
      this.reader = DirectoryReader.open(directory);
      this.searcher = new IndexSearcher(reader);
      searcher.setSimilarity(new BM25Similarity());
      int maxDoc = reader.maxDoc();
      docEntry = new int[maxDoc];
      docQuestion = new int[maxDoc];
      docSelf = new float[maxDoc];
      StoredFields stored = reader.storedFields();
      for (int d = 0; d < maxDoc; d++) {
        Document doc = stored.document(d);
        docEntry[d] = doc.getField(F_ENTRY).numericValue().intValue();
        docQuestion[d] = doc.getField(F_QUESTION).numericValue().intValue();
      }
      for (int d = 0; d < maxDoc; d++) {
        FaqEntry entry = entries.get(docEntry[d]);
        String own = TextNormalizer.normalize(entry.questions().get(docQuestion[d]));
        docSelf[d] = scoreOf(buildQuery(own), d);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Best hit per entry, best first, at most {@code limit} entries. */
  public List<Hit> search(String normalizedQuery, int limit) {
    Query query = buildQuery(normalizedQuery);
    if (query == null) {
      return List.of();
    }
    try {
      TopDocs top = searcher.search(query, Math.max(50, limit * 10));
      Map<Integer, Hit> best = new HashMap<>();
      for (ScoreDoc sd : top.scoreDocs) {
        float self = docSelf[sd.doc];
        double norm = self <= 0 ? 0 : Math.min(1.0, sd.score / self);
        Hit hit = new Hit(docEntry[sd.doc], docQuestion[sd.doc], sd.score, norm);
        best.merge(hit.entry(), hit, (a, b) -> better(a, b) ? a : b);
      }
      List<Hit> ranked = new ArrayList<>(best.values());
      ranked.sort((a, b) -> better(a, b) ? -1 : better(b, a) ? 1 : 0);
      return ranked.size() > limit ? List.copyOf(ranked.subList(0, limit)) : List.copyOf(ranked);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean better(Hit a, Hit b) {
    if (a.normalized() != b.normalized()) {
      return a.normalized() > b.normalized();
    }
    return a.raw() > b.raw();
  }

  private Query buildQuery(String text) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    clauses += add(b, wordsQuery.createBooleanQuery(F_WORDS, text), W_WORDS);
    clauses += add(b, bigramsQuery.createBooleanQuery(F_BIGRAMS, text), W_BIGRAMS);
    clauses += add(b, wordsQuery.createBooleanQuery(F_KEYWORDS, text), W_KEYWORDS);
    return clauses == 0 ? null : b.build();
  }

  private static int add(BooleanQuery.Builder b, Query q, float weight) {
    if (q == null) {
      return 0;
    }
    b.add(new BoostQuery(q, weight), BooleanClause.Occur.SHOULD);
    return 1;
  }

  /** The score {@code query} gives one document, straight from Lucene's scorer. */
  private float scoreOf(Query query, int doc) throws IOException {
    if (query == null) {
      return 0;
    }
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE, 1f);
    for (LeafReaderContext leaf : reader.leaves()) {
      int local = doc - leaf.docBase;
      if (local < 0 || local >= leaf.reader().maxDoc()) {
        continue;
      }
      Scorer scorer = weight.scorer(leaf);
      if (scorer != null && scorer.iterator().advance(local) == local) {
        return scorer.score();
      }
    }
    return 0;
  }

  public int documents() {
    return reader.maxDoc();
  }

  @Override
  public void close() throws IOException {
    reader.close();
    directory.close();
  }
}
