package dev.timbot.benchmarks.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** SQLite in WAL mode with synchronous=FULL (fsync of the WAL at every commit); a batch is one transaction. */
final class SqliteEngine implements StoreEngines.Engine {
  private final Connection connection;
  private final PreparedStatement insert;

  SqliteEngine(Path dir) throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("journal.db"));
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("CREATE TABLE journal (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
    }
    connection.setAutoCommit(false);
    insert = connection.prepareStatement("INSERT INTO journal (id, body) VALUES (?, ?)");
  }

  @Override
  public void appendDurably(long firstKey, List<byte[]> batch) throws SQLException {
    long k = firstKey;
    for (byte[] b : batch) {
      insert.setLong(1, k++);
      insert.setBytes(2, b);
      insert.addBatch();
    }
    insert.executeBatch();
    connection.commit();
  }

  @Override
  public void close() throws SQLException {
    insert.close();
    connection.close();
  }
}
