package dnt.data.store;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
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
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The traffic store: one embedded DuckDB file holding per-(cell, slot) activity totals summed over
 * country codes.
 *
 * <p>Schema: {@code traffic(cell INTEGER, time BIGINT, smsin, smsout, callin, callout, internet
 * DOUBLE)} with one row per (cell, slot) that had activity in a file (absent pairs are 0 activity),
 * each file's rows inserted sorted by cell then time so that DuckDB's per-row-group min/max
 * statistics make a one-cell query touch few row groups; {@code files} records every ingested file;
 * {@code dnt_store} marks the database as a dnt store.
 *
 * <p>Ingest streams: the fast path checks a raw tab-separated file with {@link RawScanner} and lets
 * DuckDB's CSV reader parse and group it; any file the scanner or DuckDB does not accept, and every
 * CSV re-export, goes through the validating {@link RawReader} instead, which reports {@code
 * file:line: what is wrong} (or skips and counts bad rows with {@code skipBad}). The Java heap
 * holds at most one buffer, whatever the file size.
 *
 * <p>A store holds one DuckDB connection and is not thread-safe; DuckDB itself uses all cores
 * inside each query. A store file can be open for writing in one process at a time.
 */
public final class TrafficStore implements AutoCloseable {
  /** The value of the {@code format} key that marks a dnt store. */
  static final String FORMAT = "dnt-traffic-store";

  /** The store layout version. */
  static final String VERSION = "1";

  private static final long SLOT = RawReader.SLOT_MILLIS;
  private static final String SYNTHETIC_PREFIX = "synthetic-";
  private static final int FEW_CELLS = 16;
  private static final long SMALL_EXPORT_ROWS = 1_000_000;

  private final Path path;
  private final Connection conn;

  private TrafficStore(Path path, Connection conn) {
    this.path = path;
    this.conn = conn;
  }

  /**
   * Opens a store for writing, creating it (and its folder) if absent.
   *
   * @param path the store file
   * @return the store
   * @throws InvalidInputException if the path exists but is not a store
   */
  public static TrafficStore create(Path path) {
    boolean exists = Files.exists(path);
    if (exists && !Files.isRegularFile(path)) {
      throw new InvalidInputException("the store path " + path + " is a folder, not a store file");
    }
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of " + path, e);
    }
    TrafficStore store = new TrafficStore(path, connect(path, false));
    try {
      if (exists) {
        store.checkMarker();
      } else {
        store.createSchema();
      }
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * Opens an existing store read-only.
   *
   * @param path the store file
   * @return the store
   * @throws InvalidInputException if the file is missing or is not a store
   */
  public static TrafficStore open(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new InvalidInputException(
          "no store at " + path + "; create one with dnt data ingest FILE... --store " + path);
    }
    TrafficStore store = new TrafficStore(path, connect(path, true));
    try {
      store.checkMarker();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private static Connection connect(Path path, boolean readOnly) {
    Properties props = new Properties();
    if (readOnly) {
      props.setProperty("duckdb.read_only", "true");
    }
    try {
      return DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath(), props);
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("lock")) {
        throw new IllegalStateException(
            "the store " + path + " is in use by another process: " + firstLine(e), e);
      }
      throw new InvalidInputException(
          path + " is not a dnt store (DuckDB cannot open it: " + firstLine(e) + ")", e);
    }
  }

  private void createSchema() {
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE dnt_store(key VARCHAR PRIMARY KEY, value VARCHAR)");
      s.execute(
          "INSERT INTO dnt_store VALUES ('format', '"
              + FORMAT
              + "'), ('version', '"
              + VERSION
              + "')");
      s.execute(
          "CREATE TABLE traffic(cell INTEGER NOT NULL, time BIGINT NOT NULL, smsin DOUBLE NOT NULL,"
              + " smsout DOUBLE NOT NULL, callin DOUBLE NOT NULL, callout DOUBLE NOT NULL,"
              + " internet DOUBLE NOT NULL)");
      s.execute(
          "CREATE TABLE files(name VARCHAR, path VARCHAR, bytes BIGINT, md5 VARCHAR,"
              + " rows_read BIGINT, rows_stored BIGINT, rows_rejected BIGINT, synthetic BOOLEAN,"
              + " ingested_at TIMESTAMP)");
    } catch (SQLException e) {
      throw failure("cannot create the store schema", e);
    }
  }

  private void checkMarker() {
    try (Statement s = conn.createStatement();
        ResultSet r = s.executeQuery("SELECT value FROM dnt_store WHERE key = 'format'")) {
      if (r.next() && FORMAT.equals(r.getString(1))) {
        return;
      }
    } catch (SQLException e) {
      // fall through: no marker table
    }
    throw new InvalidInputException(
        path + " is a DuckDB database but not a dnt store (it has no dnt_store marker)");
  }

  /**
   * The store file.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  // ---------------------------------------------------------------------------------- ingest

  /**
   * Ingests files (or folders of files) into the store, one transaction per file.
   *
   * @param inputs files and folders; folders give their data files sorted by name
   * @param options verification, bad-row policy and progress
   * @return the summary
   * @throws InvalidInputException at the first malformed row (unless skipping bad rows), for an MD5
   *     mismatch, or for a missing input; files before it stay ingested
   */
  public IngestSummary ingest(List<Path> inputs, IngestOptions options) {
    List<Path> files = RawFiles.expand(inputs);
    BadRows bad = options.skipBad() ? BadRows.skip() : BadRows.fail();
    int done = 0;
    int skipped = 0;
    long read = 0;
    long stored = 0;
    long bytes = 0;
    boolean synthetic = false;
    int fast = 0;
    for (Path file : files) {
      options.progress().update(done + skipped, files.size(), file.getFileName().toString());
      long size = size(file);
      if (alreadyIngested(file, size)) {
        skipped++;
        continue;
      }
      FileResult r = ingestFile(file, size, options, bad);
      done++;
      read += r.rowsRead;
      stored += r.rowsStored;
      bytes += r.bytes;
      synthetic |= isSynthetic(file);
      fast += r.fastPath ? 1 : 0;
    }
    options.progress().update(files.size(), files.size(), "done");
    return new IngestSummary(
        done, skipped, read, stored, bad.count(), bad.firstMessages(), bytes, synthetic, fast);
  }

  private record FileResult(
      long rowsRead, long rowsStored, long rowsRejected, long bytes, boolean fastPath) {}

  private FileResult ingestFile(Path file, long size, IngestOptions options, BadRows bad) {
    long badBefore = bad.count();
    try {
      conn.setAutoCommit(false);
      FileResult result = null;
      String md5 = null;
      if (looksLikeTabRaw(file)) {
        // The scanner and DuckDB read the file at the same time; the bulk result is kept only if
        // the scanner finds every line in the plain shape (and the checksum matches).
        CompletableFuture<RawScanner.Result> scanning =
            CompletableFuture.supplyAsync(() -> RawScanner.scan(file, options.verify()));
        FileResult bulk = bulkLoad(file);
        RawScanner.Result scan = join(scanning);
        md5 = scan.md5();
        if (options.verify()) {
          options.metadata().verify(file, md5);
        }
        if (bulk != null && scan.clean()) {
          result = new FileResult(scan.rows(), bulk.rowsStored, 0, scan.bytes(), true);
        } else if (bulk != null) {
          conn.rollback();
        }
      } else if (options.verify()) {
        md5 = md5(file);
        options.metadata().verify(file, md5);
      }
      if (result == null) {
        result = validatedLoad(file, bad);
      }
      recordFile(file, size, md5, result, bad.count() - badBefore);
      conn.commit();
      return result;
    } catch (SQLException e) {
      rollback();
      throw failure("cannot ingest " + file, e);
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
   * DuckDB's CSV reader (strict mode off: the scanner checks the shape of every line), grouping
   * country codes; returns null, with the transaction rolled back, if DuckDB rejects the file.
   */
  private FileResult bulkLoad(Path file) throws SQLException {
    String compression;
    try {
      compression = RawFiles.isGzip(file) ? "gzip" : "none";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    String sql =
        "INSERT INTO traffic SELECT cell, time, sum(coalesce(smsin, 0)), sum(coalesce(smsout, 0)),"
            + " sum(coalesce(callin, 0)), sum(coalesce(callout, 0)), sum(coalesce(internet, 0))"
            + " FROM read_csv("
            + quote(file.toAbsolutePath().toString())
            + ", delim = '\\t', header = false, auto_detect = false, null_padding = true,"
            + " strict_mode = false, quote = '', escape = '', compression = '"
            + compression
            + "', columns = {'cell': 'INTEGER', 'time': 'BIGINT', 'cc': 'INTEGER',"
            + " 'smsin': 'DOUBLE', 'smsout': 'DOUBLE', 'callin': 'DOUBLE', 'callout': 'DOUBLE',"
            + " 'internet': 'DOUBLE'}) WHERE cell IS NOT NULL GROUP BY cell, time ORDER BY cell, time";
    try (Statement s = conn.createStatement()) {
      return new FileResult(0, s.executeUpdate(sql), 0, 0, true);
    } catch (SQLException e) {
      // DuckDB could not parse a value the scanner let through; the validating reader will say
      // where.
      conn.rollback();
      return null;
    }
  }

  /** The validating Java reader, appending country-code rows to a staging table. */
  private FileResult validatedLoad(Path file, BadRows bad) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute(
          "CREATE OR REPLACE TEMP TABLE staging(cell INTEGER, time BIGINT, smsin DOUBLE,"
              + " smsout DOUBLE, callin DOUBLE, callout DOUBLE, internet DOUBLE)");
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
                      .append(row.smsIn())
                      .append(row.smsOut())
                      .append(row.callIn())
                      .append(row.callOut())
                      .append(row.internet())
                      .endRow();
                } catch (SQLException e) {
                  throw new IllegalStateException("cannot append to the store: " + firstLine(e), e);
                }
              });
    }
    long stored;
    try (Statement s = conn.createStatement()) {
      stored =
          s.executeUpdate(
              "INSERT INTO traffic SELECT cell, time, sum(smsin), sum(smsout), sum(callin),"
                  + " sum(callout), sum(internet) FROM staging GROUP BY cell, time"
                  + " ORDER BY cell, time");
      s.execute("DROP TABLE staging");
    }
    return new FileResult(read.rowsRead(), stored, read.rowsBad(), size(file), false);
  }

  private void recordFile(Path file, long size, String md5, FileResult r, long rejected)
      throws SQLException {
    try (PreparedStatement p =
        conn.prepareStatement(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)")) {
      p.setString(1, RawFiles.plainName(file));
      p.setString(2, file.toAbsolutePath().toString());
      p.setLong(3, size);
      p.setString(4, md5);
      p.setLong(5, r.rowsRead);
      p.setLong(6, r.rowsStored);
      p.setLong(7, rejected);
      p.setBoolean(8, isSynthetic(file));
      p.executeUpdate();
    }
  }

  private boolean alreadyIngested(Path file, long size) {
    try (PreparedStatement p =
        conn.prepareStatement("SELECT count(*) FROM files WHERE name = ? AND bytes = ?")) {
      p.setString(1, RawFiles.plainName(file));
      p.setLong(2, size);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1) > 0;
      }
    } catch (SQLException e) {
      throw failure("cannot read the file list of the store", e);
    }
  }

  /** Whether a file name marks synthetic data ({@code synthetic-...}). */
  static boolean isSynthetic(Path file) {
    return file.getFileName().toString().startsWith(SYNTHETIC_PREFIX);
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
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void rollback() {
    try {
      conn.rollback();
    } catch (SQLException e) {
      // nothing more can be done; the original failure is reported
    }
  }

  // ---------------------------------------------------------------------------------- queries

  /**
   * Summarises the store.
   *
   * @return cells, span, totals, missing slots and file counts
   */
  public StoreInfo info() {
    try (Statement s = conn.createStatement()) {
      long files;
      long synthetic;
      try (ResultSet r =
          s.executeQuery("SELECT count(*), count(*) FILTER (WHERE synthetic) FROM files")) {
        r.next();
        files = r.getLong(1);
        synthetic = r.getLong(2);
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT count(DISTINCT cell), count(*), coalesce(min(time), 0), coalesce(max(time), 0),"
                  + " count(DISTINCT time), count(DISTINCT (cell, time)), coalesce(sum(smsin), 0),"
                  + " coalesce(sum(smsout), 0), coalesce(sum(callin), 0),"
                  + " coalesce(sum(callout), 0), coalesce(sum(internet), 0) FROM traffic")) {
        r.next();
        long cells = r.getLong(1);
        long rows = r.getLong(2);
        long first = r.getLong(3);
        long last = r.getLong(4);
        long distinctTimes = r.getLong(5);
        long distinctPairs = r.getLong(6);
        long slots = rows == 0 ? 0 : (last - first) / SLOT + 1;
        Map<Service, Double> totals = new EnumMap<>(Service.class);
        for (Service sv : Service.values()) {
          totals.put(sv, r.getDouble(7 + sv.ordinal()));
        }
        return new StoreInfo(
            files,
            synthetic,
            cells,
            rows,
            first,
            last,
            slots,
            slots - distinctTimes,
            cells * slots - distinctPairs,
            totals);
      }
    } catch (SQLException e) {
      throw failure("cannot read the store " + path, e);
    }
  }

  /**
   * The cells with any activity, ascending.
   *
   * @return the cells
   */
  public List<CellId> cells() {
    List<CellId> out = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet r = s.executeQuery("SELECT DISTINCT cell FROM traffic ORDER BY cell")) {
      while (r.next()) {
        out.add(CellId.of(r.getInt(1)));
      }
    } catch (SQLException e) {
      throw failure("cannot read the store " + path, e);
    }
    return out;
  }

  /**
   * Whether any ingested file is synthetic.
   *
   * @return true when the store holds synthetic data
   */
  public boolean hasSyntheticData() {
    try (Statement s = conn.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM files WHERE synthetic")) {
      r.next();
      return r.getLong(1) > 0;
    } catch (SQLException e) {
      throw failure("cannot read the store " + path, e);
    }
  }

  /** A selection resolved against the store: concrete cells and an aligned range. */
  private record Resolved(List<CellId> cells, boolean allCells, long from, long to, long step) {
    int length() {
      return (int) ((to - from) / step);
    }
  }

  private Resolved resolve(Selection sel) throws SQLException {
    long step = sel.resolution().step().toMillis();
    long first;
    long last;
    try (Statement s = conn.createStatement();
        ResultSet r = s.executeQuery("SELECT min(time), max(time), count(*) FROM traffic")) {
      r.next();
      if (r.getLong(3) == 0) {
        throw new InvalidInputException("the store " + path + " is empty; ingest files first");
      }
      first = r.getLong(1);
      last = r.getLong(2);
    }
    long from = Math.floorDiv(sel.fromMillis().orElse(first), step) * step;
    long to = -Math.floorDiv(-sel.toMillis().orElse(last + SLOT), step) * step;
    if (from >= to) {
      throw new InvalidInputException(
          "the time range "
              + Instant.ofEpochMilli(from)
              + " .. "
              + Instant.ofEpochMilli(to)
              + " is empty");
    }
    if (to <= first || from > last) {
      throw new InvalidInputException(
          "the time range "
              + Instant.ofEpochMilli(from)
              + " .. "
              + Instant.ofEpochMilli(to)
              + " holds no data; the store covers "
              + Instant.ofEpochMilli(first)
              + " .. "
              + Instant.ofEpochMilli(last + SLOT));
    }
    List<CellId> cells;
    if (sel.cells().isEmpty()) {
      cells = cells();
    } else {
      TreeSet<CellId> wanted = new TreeSet<>(sel.cells());
      TreeSet<CellId> present = new TreeSet<>();
      if (wanted.size() <= FEW_CELLS) {
        // A LIMIT 1 probe stops at the first row group holding the cell.
        try (PreparedStatement p =
            conn.prepareStatement("SELECT 1 FROM traffic WHERE cell = ? LIMIT 1")) {
          for (CellId c : wanted) {
            p.setInt(1, c.value());
            try (ResultSet r = p.executeQuery()) {
              if (r.next()) {
                present.add(c);
              }
            }
          }
        }
      } else {
        try (Statement s = conn.createStatement();
            ResultSet r =
                s.executeQuery(
                    "SELECT DISTINCT cell FROM traffic WHERE cell IN (" + inList(wanted) + ")")) {
          while (r.next()) {
            present.add(CellId.of(r.getInt(1)));
          }
        }
      }
      wanted.removeAll(present);
      if (!wanted.isEmpty()) {
        throw new InvalidInputException(
            (wanted.size() == 1 ? "cell " : "cells ")
                + wanted.stream().map(CellId::toString).collect(Collectors.joining(", "))
                + (wanted.size() == 1 ? " has" : " have")
                + " no data in the store "
                + path);
      }
      cells = List.copyOf(new TreeSet<>(sel.cells()));
    }
    return new Resolved(cells, sel.cells().isEmpty(), from, to, step);
  }

  private static String selectionSql(Resolved r) {
    String in = inList(r.cells());
    String cells =
        r.allCells() ? "SELECT DISTINCT cell FROM traffic" : "SELECT unnest([" + in + "]) AS cell";
    String cellFilter = r.allCells() ? "" : "cell IN (" + in + ") AND ";
    return String.format(
        Locale.ROOT,
        "WITH c AS (%s), s AS (SELECT range AS time FROM range(%d, %d, %d)),"
            + " a AS (SELECT cell, time - (time %% %d) AS time, sum(smsin) AS smsin,"
            + " sum(smsout) AS smsout, sum(callin) AS callin, sum(callout) AS callout,"
            + " sum(internet) AS internet FROM traffic WHERE %stime >= %d AND time < %d"
            + " GROUP BY ALL)"
            + " SELECT c.cell AS cell, s.time AS time, coalesce(a.smsin, 0) AS smsin,"
            + " coalesce(a.smsout, 0) AS smsout, coalesce(a.callin, 0) AS callin,"
            + " coalesce(a.callout, 0) AS callout, coalesce(a.internet, 0) AS internet"
            + " FROM c CROSS JOIN s LEFT JOIN a ON a.cell = c.cell AND a.time = s.time"
            + " ORDER BY cell, time",
        cells,
        r.from(),
        r.to(),
        r.step(),
        r.step(),
        cellFilter,
        r.from(),
        r.to());
  }

  /**
   * Writes the exact export CSV: header {@code cell,time,smsin,smsout,callin,callout,internet}, one
   * row per (cell, step), {@code time} the step's first slot in epoch ms UTC, values summed over
   * country codes (0 without activity), ordered by cell then time.
   *
   * @param sel cells, range and resolution
   * @param out the CSV file to write (its folder must exist)
   * @return rows written
   */
  public long export(Selection sel, Path out) {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new InvalidInputException("the folder of the output file " + out + " does not exist");
    }
    try {
      Resolved r = resolve(sel);
      long rows = (long) r.cells().size() * r.length();
      // A parallel COPY costs more than it saves on a small export (a few cells): run those on
      // one thread.
      boolean small = rows <= SMALL_EXPORT_ROWS;
      try (Statement s = conn.createStatement()) {
        if (small) {
          s.execute("SET threads = 1");
        }
        try {
          s.execute(
              "COPY ("
                  + selectionSql(r)
                  + ") TO "
                  + quote(out.toAbsolutePath().toString())
                  + " (FORMAT csv, HEADER true, DELIMITER ',', NEW_LINE '\\n')");
        } finally {
          if (small) {
            s.execute("RESET threads");
          }
        }
      }
      return rows;
    } catch (SQLException e) {
      throw failure("cannot export from the store " + path + " to " + out, e);
    }
  }

  /**
   * Loads a selection as a dataset of all five services.
   *
   * @param sel cells, range and resolution
   * @return the dataset (cells ascending)
   */
  public TrafficDataset load(Selection sel) {
    try {
      Resolved r = resolve(sel);
      int length = r.length();
      float[][][] values = new float[r.cells().size()][length][5];
      int cellIndex = -1;
      int lastCell = -1;
      try (Statement s = conn.createStatement();
          ResultSet rs = s.executeQuery(selectionSql(r))) {
        while (rs.next()) {
          int cell = rs.getInt(1);
          if (cell != lastCell) {
            cellIndex++;
            lastCell = cell;
          }
          int t = (int) ((rs.getLong(2) - r.from()) / r.step());
          for (int k = 0; k < 5; k++) {
            values[cellIndex][t][k] = (float) rs.getDouble(3 + k);
          }
        }
      }
      return TrafficDataset.of(
          r.cells(), r.from(), Duration.ofMillis(r.step()), List.of(Service.values()), values);
    } catch (SQLException e) {
      throw failure("cannot read the store " + path, e);
    }
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw failure("cannot close the store " + path, e);
    }
  }

  // ---------------------------------------------------------------------------------- helpers

  private static String inList(java.util.Collection<CellId> cells) {
    return cells.stream().map(c -> Integer.toString(c.value())).collect(Collectors.joining(","));
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String firstLine(SQLException e) {
    String m = String.valueOf(e.getMessage()).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException(what + ": " + firstLine(e).toLowerCase(Locale.ROOT), e);
  }
}
