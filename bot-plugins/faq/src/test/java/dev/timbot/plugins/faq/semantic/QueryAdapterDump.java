package dev.timbot.plugins.faq.semantic;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Analysis tool (session 40, not shipped): what {@code tools/fit-query-adapter.py} fits the {@link QueryAdapter} on. For
 * each case file, the Chinese route's row vectors with their entry and whether the route reads them
 * ({@code rows.tsv}, {@code rows.f32}), and each case question the Chinese route takes, unmapped, with its expected
 * entry (-1: out of scope; {@code queries.tsv}, {@code queries.f32}). Vectors are little-endian floats, one after another.
 *
 * <pre>
 * java -Dtimbot.faq.queryAdapter=off -cp bot-plugins/faq/target/test-classes:bot-plugins/faq/target/faq-cli.jar \
 *   dev.timbot.plugins.faq.semantic.QueryAdapterDump DATA_DIR OUT_DIR KB1 CASES1 [KB2 CASES2 ...]
 * </pre>
 */
public final class QueryAdapterDump {
  private QueryAdapterDump() {}

  public static void main(String[] args) throws Exception {
    Path out = Files.createDirectories(Path.of(args[1]));
    try (PrintWriter queries = new PrintWriter(Files.newBufferedWriter(out.resolve("queries.tsv")));
        PrintWriter rows = new PrintWriter(Files.newBufferedWriter(out.resolve("rows.tsv")));
        DataOutputStream queryVectors = open(out.resolve("queries.f32"));
        DataOutputStream rowVectors = open(out.resolve("rows.f32"))) {
      for (int i = 2; i + 1 < args.length; i += 2) {
        List<AnswerModelTraining.Lookup> lookups =
            AnswerModelTraining.lookups(Path.of(args[0]), Path.of(args[i]), Path.of(args[i + 1]));
        String set = Path.of(args[i + 1]).getFileName().toString();
        if (lookups.isEmpty()) {
          continue;
        }
        SemanticIndex.Route chinese = lookups.get(0).index().chinese();
        if (chinese.vectors().mapsQueries()) {
          throw new IllegalStateException("dump unmapped vectors: run with -Dtimbot.faq.queryAdapter=off");
        }
        VectorIndex index = chinese.index();
        for (int r = 0; r < index.rows(); r++) {
          rows.println(set + "\t" + index.entryOfRow(r) + "\t" + (index.reads(r) ? 1 : 0));
          write(rowVectors, index.row(r));
        }
        for (AnswerModelTraining.Lookup l : lookups) {
          if (l.route() == chinese) {
            queries.println(set + "\t" + l.expected());
            write(queryVectors, l.vector());
          }
        }
      }
    }
  }

  private static DataOutputStream open(Path p) throws IOException {
    return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(p)));
  }

  private static void write(DataOutputStream out, float[] v) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      b.putFloat(x);
    }
    out.write(b.array());
  }
}
