package dev.timbot.plugins.faq.semantic;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An approximate nearest-neighbour graph (Lucene's HNSW) over the rows of a {@link VectorIndex},
 * held in memory. It only proposes candidate rows: their scores are recomputed exactly by the
 * caller, so the decision keeps the scale the calibration was fitted on. The vectors must have
 * length 1 (dot product = cosine).
 */
final class HnswRows {
  private static final String VECTOR = "v";
  private static final String ROW = "row";

  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  HnswRows(float[] matrix, int rows, int dimension) {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    // One big buffer: a single flushed segment, so no merge has to rebuild the graph.
    IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(1024).setCommitOnClose(true);
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      for (int r = 0; r < rows; r++) {
        float[] v = new float[dimension];
        System.arraycopy(matrix, r * dimension, v, 0, dimension);
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new NumericDocValuesField(ROW, r));
        writer.addDocument(doc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("building the HNSW graph", e);
    }
    try {
      this.reader = DirectoryReader.open(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("opening the HNSW graph", e);
    }
    this.searcher = new IndexSearcher(reader);
  }

  /** The (about) {@code k} rows nearest to {@code query}, nearest first; thread-safe. */
  int[] nearest(float[] query, int k) {
    try {
      TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, query, k), k);
      int[] rows = new int[top.scoreDocs.length];
      for (int i = 0; i < rows.length; i++) {
        ScoreDoc hit = top.scoreDocs[i];
        LeafReaderContext leaf = reader.leaves().get(ReaderUtil.subIndex(hit.doc, reader.leaves()));
        NumericDocValues row = leaf.reader().getNumericDocValues(ROW);
        int doc = hit.doc - leaf.docBase;
        if (row == null || !row.advanceExact(doc)) {
          throw new IllegalStateException("HNSW document " + hit.doc + " has no row number");
        }
        rows[i] = (int) row.longValue();
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("searching the HNSW graph", e);
    }
  }
}
