package dnt.data.store;

import dnt.core.InvalidInputException;
import dnt.data.raw.BadRows;
import dnt.data.raw.RawFiles;
import dnt.data.raw.RawReader;
import dnt.data.raw.RawScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * The ingest pipeline of a {@link TrafficStore}: per file, the {@link RawScanner} checks a raw
 * tab-separated file while DuckDB's CSV reader bulk-loads it (kept only if the scanner accepts
 * every line), else the validating {@link RawReader} appends the rows; then the earlier rows with
 * the same key (cell, slot, country code) are replaced and the file is recorded, all in one
 * transaction per file.
 */
final class StoreIngest {
  private final Connection conn;

  StoreIngest(Connection conn) {
    this.conn = conn;
  }

  /** See {@link TrafficStore#ingest(List, IngestOptions)}. */
  IngestSummary ingest(List<Path> inputs, IngestOptions options) {
    List<Path> files = RawFiles.expand(inputs);
    BadRows bad = options.skipBad() ? BadRows.skip() : BadRows.fail();
    int done = 0;
    int skipped = 0;
    long read = 0;
    long stored = 0;
    long replaced = 0;
    long bytes = 0;
    boolean synthetic = false;
    int fast = 0;
    for (Path file : files) {
      options.progress().update(done + skipped, files.size(), file.getFileName().toString());
      long size = size(file);
      long modified = modified(file);
      if (alreadyIngested(file, size, modified)) {
        skipped++;
        continue;
      }
      FileResult r;
      try {
        r = ingestFile(file, size, modified, options, bad);
      } catch (UncheckedIOException e) {
        throw new InvalidInputException(
            "cannot read "
                + file
                + " (is it a complete, readable file?): "
                + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()),
            e);
      }
      done++;
      read += r.rowsRead;
      stored += r.rowsStored;
      replaced += r.rowsReplaced;
      bytes += r.bytes;
      synthetic |= TrafficStore.isSynthetic(file);
      fast += r.fastPath ? 1 : 0;
    }
    options.progress().update(files.size(), files.size(), "done");
    return new IngestSummary(
        done,
        skipped,
        read,
        stored,
        replaced,
        bad.count(),
        bad.firstMessages(),
        bytes,
        synthetic,
        fast);
  }

  private record FileResult(
      long rowsRead, long rowsStored, long rowsReplaced, long bytes, boolean fastPath) {
    FileResult withReplaced(long replaced) {
      return new FileResult(rowsRead, rowsStored - replaced, replaced, bytes, fastPath);
    }
  }

  private FileResult ingestFile(
      Path file, long size, long modified, IngestOptions options, BadRows bad) {
    long badBefore = bad.count();
    try {
      conn.setAutoCommit(false);
      int id = nextFileId();
      FileResult result = null;
      @Nullable String md5 = null;
      boolean keysInOrder = false;
      if (looksLikeTabRaw(file)) {
        // The scanner and DuckDB read the file at the same time; the bulk result is kept only if
        // the scanner finds every line in the plain shape (and the checksum matches).
        CompletableFuture<RawScanner.Result> scanning =
            CompletableFuture.supplyAsync(() -> RawScanner.scan(file, options.verify()));
        // Loading without keeping the file order is about a third faster; the order matters only
        // when a key may occur twice in the file (the later line wins), which the scanner tells.
        Long bulk = bulkLoad(file, id, false);
        RawScanner.Result scan = join(scanning);
        md5 = scan.md5();
        if (options.verify()) {
          // IngestOptions requires metadata to verify; a verifying scan computes the checksum
          Objects.requireNonNull(options.metadata()).verify(file, Objects.requireNonNull(md5));
        }
        if (bulk != null && scan.clean() && !scan.keysInOrder()) {
          conn.rollback();
          bulk = bulkLoad(file, id, true);
        }
        if (bulk != null && scan.clean()) {
          result = new FileResult(scan.rows(), bulk, 0, scan.bytes(), true);
          keysInOrder = scan.keysInOrder();
        } else if (bulk != null) {
          conn.rollback();
        }
      } else if (options.verify()) {
        md5 = md5(file);
        Objects.requireNonNull(options.metadata()).verify(file, md5);
      }
      if (result == null) {
        result = validatedLoad(file, id, bad);
      }
      long replaced = keysInOrder ? 0 : dropEarlierDuplicatesWithin(id);
      replaced += replaceEarlierFiles(id);
      result = result.withReplaced(replaced);
      recordFile(id, file, size, modified, md5, result, bad.count() - badBefore);
      conn.commit();
      return result;
    } catch (SQLException e) {
      rollback();
      throw StoreSql.failure("cannot ingest " + file, e);
    } catch (RuntimeException e) {
      rollback();
      throw e;
    } finally {
      try {
        conn.setAutoCommit(true);
      } catch (SQLException e) {
        // the connection is unusable; the next statement reports it
      }
    }
  }

  private int nextFileId() throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM files")) {
      r.next();
      return r.getInt(1);
    }
  }

  /**
   * Inside one file the later line of a key wins: deletes the earlier ones (DuckDB keeps the
   * insertion order in row ids). Skipped when the scanner saw every key once, in order.
   */
  private long dropEarlierDuplicatesWithin(int id) throws SQLException {
    try (Statement s = conn.createStatement()) {
      return s.executeUpdate(
          "DELETE FROM traffic WHERE file = "
              + id
              + " AND rowid NOT IN (SELECT max(rowid) FROM traffic WHERE file = "
              + id
              + " GROUP BY cell, time, cc)");
    }
  }

  /**
   * Records the file's slots and deletes the rows of earlier files that the new file replaces (same
   * key); only slots that an earlier file also holds are compared.
   */
  private long replaceEarlierFiles(int id) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.executeUpdate(
          "INSERT INTO slots SELECT DISTINCT " + id + ", time FROM traffic WHERE file = " + id);
      long shared;
      try (ResultSet r =
          s.executeQuery(
              "SELECT count(*) FROM slots WHERE file <> "
                  + id
                  + " AND time IN (SELECT time FROM slots WHERE file = "
                  + id
                  + ")")) {
        r.next();
        shared = r.getLong(1);
      }
      if (shared == 0) {
        return 0;
      }
      return s.executeUpdate(
          "DELETE FROM traffic AS o USING (SELECT cell, time, cc FROM traffic WHERE file = "
              + id
              + " AND time IN (SELECT time FROM slots WHERE file <> "
              + id
              + ")) AS n WHERE o.file <> "
              + id
              + " AND o.cell = n.cell AND o.time = n.time AND o.cc = n.cc");
    }
  }

  private static RawScanner.Result join(CompletableFuture<RawScanner.Result> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  /**
   * DuckDB's CSV reader (strict mode off: the scanner checks the shape of every line) inserting the
   * raw rows; returns the rows inserted, or null, with the transaction rolled back, if DuckDB
   * rejects the file.
   *
   * @param inFileOrder whether the rows must keep the file's order in row ids (needed only to find
   *     the later of two lines with the same key)
   */
  private @Nullable Long bulkLoad(Path file, int id, boolean inFileOrder) throws SQLException {
    String compression;
    try {
      compression = RawFiles.isGzip(file) ? "gzip" : "none";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String sql =
        "INSERT INTO traffic SELECT cell, time, cc, smsin, smsout, callin, callout, internet, "
            + id
            + " FROM read_csv("
            + StoreSql.quote(file.toAbsolutePath().toString())
            + ", delim = '\\t', header = false, auto_detect = false, null_padding = true,"
            + " strict_mode = false, quote = '', escape = '', compression = '"
            + compression
            + "', columns = {'cell': 'INTEGER', 'time': 'BIGINT', 'cc': 'INTEGER',"
            + " 'smsin': 'DOUBLE', 'smsout': 'DOUBLE', 'callin': 'DOUBLE', 'callout': 'DOUBLE',"
            + " 'internet': 'DOUBLE'}) WHERE cell IS NOT NULL";
    setPreserveOrder(inFileOrder);
    try (Statement s = conn.createStatement()) {
      return (long) s.executeUpdate(sql);
    } catch (SQLException e) {
      // DuckDB could not parse a value the scanner let through (or a truncated .gz); the
      // validating reader will say where.
      conn.rollback();
      return null;
    } finally {
      // after the rollback, if any (an aborted transaction refuses every statement), on a new
      // statement (a failed one is closed)
      setPreserveOrder(true);
    }
  }

  private void setPreserveOrder(boolean preserve) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute("SET preserve_insertion_order = " + preserve);
    }
  }

  /** The validating Java reader, appending rows to a staging table in file order. */
  private FileResult validatedLoad(Path file, int id, BadRows bad) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute(
          "CREATE OR REPLACE TEMP TABLE staging(cell INTEGER, time BIGINT, cc INTEGER,"
              + " smsin DOUBLE, smsout DOUBLE, callin DOUBLE, callout DOUBLE, internet DOUBLE)");
    }
    RawReader.Result read;
    try (DuckDBAppender app =
        conn.unwrap(DuckDBConnection.class).createAppender("temp", "main", "staging")) {
      read =
          RawReader.read(
              file,
              bad,
              row -> {
                try {
                  app.beginRow()
                      .append(row.cell())
                      .append(row.timeMillis())
                      .append(row.countryCode())
                      .append(row.smsIn())
                      .append(row.smsOut())
                      .append(row.callIn())
                      .append(row.callOut())
                      .append(row.internet())
                      .endRow();
                } catch (SQLException e) {
                  throw new IllegalStateException(
                      "cannot append to the store: " + StoreSql.firstLine(e), e);
                }
              });
    }
    long stored;
    try (Statement s = conn.createStatement()) {
      stored =
          s.executeUpdate(
              "INSERT INTO traffic SELECT cell, time, cc, smsin, smsout, callin, callout,"
                  + " internet, "
                  + id
                  + " FROM staging ORDER BY rowid");
      s.execute("DROP TABLE staging");
    }
    return new FileResult(read.rowsRead(), stored, 0, size(file), false);
  }

  private void recordFile(
      int id,
      Path file,
      long size,
      long modified,
      @Nullable String md5,
      FileResult r,
      long rejected)
      throws SQLException {
    try (PreparedStatement p =
        conn.prepareStatement(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)")) {
      p.setInt(1, id);
      p.setString(2, RawFiles.plainName(file));
      p.setString(3, file.toAbsolutePath().toString());
      p.setLong(4, size);
      p.setLong(5, modified);
      p.setString(6, md5);
      p.setLong(7, r.rowsRead);
      p.setLong(8, r.rowsStored);
      p.setLong(9, r.rowsReplaced);
      p.setLong(10, rejected);
      p.setBoolean(11, TrafficStore.isSynthetic(file));
      p.executeUpdate();
    }
  }

  private boolean alreadyIngested(Path file, long size, long modified) {
    try (PreparedStatement p =
        conn.prepareStatement(
            "SELECT count(*) FROM files WHERE name = ? AND bytes = ? AND modified = ?")) {
      p.setString(1, RawFiles.plainName(file));
      p.setLong(2, size);
      p.setLong(3, modified);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1) > 0;
      }
    } catch (SQLException e) {
      throw StoreSql.failure("cannot read the file list of the store", e);
    }
  }

  private static boolean looksLikeTabRaw(Path file) {
    try (var in = RawFiles.open(file)) {
      int b;
      do {
        b = in.read();
      } while (b == '\n' || b == '\r');
      return b >= '0' && b <= '9';
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String md5(Path file) {
    try (DigestInputStream in =
        new DigestInputStream(RawFiles.open(file), MessageDigest.getInstance("MD5"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no MD5", e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void rollback() {
    try {
      conn.rollback();
    } catch (SQLException e) {
      // nothing more can be done; the original failure is reported
    }
  }
}
