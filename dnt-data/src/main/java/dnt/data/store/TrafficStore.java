package dnt.data.store;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.MilanTime;
import dnt.data.raw.BadRows;
import dnt.data.raw.RawFiles;
import dnt.data.raw.RawReader;
import dnt.data.raw.RawScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The traffic store: one embedded DuckDB file holding the raw rows of the ingested files, one per
 * (cell, slot, country code), the key of a raw row.
 *
 * <p>Schema (layout version {@value #VERSION}): {@code traffic(cell INTEGER, time BIGINT, cc
 * INTEGER, smsin, smsout, callin, callout, internet DOUBLE, file INTEGER)}, a {@code NULL} value
 * being no activity (0); {@code slots(file, time)} the slots each file holds a row for (what was
 * ingested, so that a slot without a row in any file is a gap, not zero activity); {@code files}
 * every ingested file; {@code dnt_store} marks the database as a dnt store. Queries sum over
 * country codes.
 *
 * <p><b>Ingest is idempotent on the key.</b> A row whose (cell, slot, country code) is already in
 * the store replaces the stored one (the last one wins, in the order the files are given; inside
 * one file the later line wins), and the number of replaced rows is counted per file. Ingesting the
 * same day twice, under one name or two, leaves the store as one ingest of it.
 *
 * <p>Ingest streams: the fast path checks a raw tab-separated file with {@link RawScanner} and lets
 * DuckDB's CSV reader parse it into the table in one statement; any file the scanner or DuckDB does
 * not accept, and every CSV re-export, goes through the validating {@link RawReader} instead, which
 * reports {@code file:line: what is wrong} (or skips and counts bad rows with {@code skipBad}). The
 * Java heap holds at most one buffer, whatever the file size.
 *
 * <p>A store holds one DuckDB connection and is not thread-safe; DuckDB itself uses all cores
 * inside each query. A store file can be open for writing in one process at a time.
 */
public final class TrafficStore implements AutoCloseable {
  /** The value of the {@code format} key that marks a dnt store. */
  static final String FORMAT = "dnt-traffic-store";

  /** The store layout version. */
  static final String VERSION = "2";

  /** The suffix of the sidecar file that labels a data file synthetic. */
  public static final String SYNTHETIC_SIDECAR = ".synthetic";

  private static final long SLOT = RawReader.SLOT_MILLIS;
  private static final String SYNTHETIC_PREFIX = "synthetic-";
  private static final int FEW_CELLS = 16;
  private static final long SMALL_EXPORT_ROWS = 1_000_000;
  private static final int GAPS_LISTED = 5;

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
   * @throws InvalidInputException if the path exists but is not a store, or its folder cannot be
   *     created
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
      throw new InvalidInputException(
          "cannot create the folder of the store " + path + ": " + e.getMessage(), e);
    }
    if (!exists) {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null && !Files.isWritable(parent)) {
        throw new InvalidInputException(
            "cannot create the store " + path + ": its folder is not writable");
      }
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
    if (Files.isDirectory(path)) {
      throw new InvalidInputException("the store path " + path + " is a folder, not a store file");
    }
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
          "CREATE TABLE traffic(cell INTEGER NOT NULL, time BIGINT NOT NULL, cc INTEGER NOT NULL,"
              + " smsin DOUBLE, smsout DOUBLE, callin DOUBLE, callout DOUBLE, internet DOUBLE,"
              + " file INTEGER NOT NULL)");
      s.execute("CREATE TABLE slots(file INTEGER NOT NULL, time BIGINT NOT NULL)");
      s.execute(
          "CREATE TABLE files(id INTEGER, name VARCHAR, path VARCHAR, bytes BIGINT,"
              + " modified BIGINT, md5 VARCHAR, rows_read BIGINT, rows_stored BIGINT,"
              + " rows_replaced BIGINT, rows_rejected BIGINT, synthetic BOOLEAN,"
              + " ingested_at TIMESTAMP)");
    } catch (SQLException e) {
      throw failure("cannot create the store schema", e);
    }
  }

  private void checkMarker() {
    String format = null;
    String version = null;
    try (Statement s = conn.createStatement();
        ResultSet r = s.executeQuery("SELECT key, value FROM dnt_store")) {
      while (r.next()) {
        if (r.getString(1).equals("format")) {
          format = r.getString(2);
        } else if (r.getString(1).equals("version")) {
          version = r.getString(2);
        }
      }
    } catch (SQLException e) {
      // fall through: no marker table
    }
    if (!FORMAT.equals(format)) {
      throw new InvalidInputException(
          path + " is a DuckDB database but not a dnt store (it has no dnt_store marker)");
    }
    if (!VERSION.equals(version)) {
      throw new InvalidInputException(
          "the store "
              + path
              + " has layout version "
              + version
              + " (this dnt reads version "
              + VERSION
              + ", which keeps country codes so that a row ingested twice is replaced, not"
              + " added); ingest its files again into a new store");
    }
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
   * Ingests files (or folders of files) into the store, one transaction per file. A row whose key
   * (cell, slot, country code) the store already holds replaces the stored row. A file whose name,
   * size and modification time match a file already ingested is skipped (ingesting it again would
   * change nothing).
   *
   * @param inputs files and folders; folders give their data files sorted by name
   * @param options verification, bad-row policy and progress
   * @return the summary
   * @throws InvalidInputException at the first malformed row (unless skipping bad rows), for an MD5
   *     mismatch, for a missing input or for a file that cannot be read (a truncated {@code .gz});
   *     files before it stay ingested
   */
  public IngestSummary ingest(List<Path> inputs, IngestOptions options) {
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
      synthetic |= isSynthetic(file);
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
      String md5 = null;
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
          options.metadata().verify(file, md5);
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
        options.metadata().verify(file, md5);
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
  private Long bulkLoad(Path file, int id, boolean inFileOrder) throws SQLException {
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
            + quote(file.toAbsolutePath().toString())
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
                  throw new IllegalStateException("cannot append to the store: " + firstLine(e), e);
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
      int id, Path file, long size, long modified, String md5, FileResult r, long rejected)
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
      p.setBoolean(11, isSynthetic(file));
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
      throw failure("cannot read the file list of the store", e);
    }
  }

  /**
   * Whether a data file is labelled synthetic: its name starts with {@code synthetic-} (what {@code
   * dnt data synth} writes), or a sidecar file of the same name plus {@value #SYNTHETIC_SIDECAR}
   * lies next to it (what {@code dnt data export} writes for an export of synthetic data).
   *
   * @param file a data file
   * @return true when the file is labelled synthetic
   */
  public static boolean isSynthetic(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(SYNTHETIC_PREFIX)
        || Files.exists(sidecarOf(file))
        || Files.exists(sidecarOf(file.resolveSibling(RawFiles.plainName(file))));
  }

  /**
   * The sidecar that labels a data file synthetic.
   *
   * @param file a data file
   * @return {@code file} with {@value #SYNTHETIC_SIDECAR} appended to its name
   */
  public static Path sidecarOf(Path file) {
    return file.resolveSibling(file.getFileName() + SYNTHETIC_SIDECAR);
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

  // ---------------------------------------------------------------------------------- queries

  /**
   * Summarises the store.
   *
   * @return cells, span, totals, gaps, replaced rows and file counts
   */
  public StoreInfo info() {
    try (Statement s = conn.createStatement()) {
      long files;
      long synthetic;
      long replaced;
      try (ResultSet r =
          s.executeQuery(
              "SELECT count(*), count(*) FILTER (WHERE synthetic), coalesce(sum(rows_replaced), 0)"
                  + " FROM files")) {
        r.next();
        files = r.getLong(1);
        synthetic = r.getLong(2);
        replaced = r.getLong(3);
      }
      long first;
      long last;
      long ingestedSlots;
      try (ResultSet r =
          s.executeQuery(
              "SELECT coalesce(min(time), 0), coalesce(max(time), 0), count(DISTINCT time)"
                  + " FROM slots")) {
        r.next();
        first = r.getLong(1);
        last = r.getLong(2);
        ingestedSlots = r.getLong(3);
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT count(DISTINCT cell), count(*), count(DISTINCT (cell, time)),"
                  + " coalesce(sum(smsin), 0), coalesce(sum(smsout), 0), coalesce(sum(callin), 0),"
                  + " coalesce(sum(callout), 0), coalesce(sum(internet), 0) FROM traffic")) {
        r.next();
        long cells = r.getLong(1);
        long rows = r.getLong(2);
        long pairs = r.getLong(3);
        long slots = ingestedSlots == 0 ? 0 : (last - first) / SLOT + 1;
        Map<Service, Double> totals = new EnumMap<>(Service.class);
        for (Service sv : Service.values()) {
          totals.put(sv, r.getDouble(4 + sv.ordinal()));
        }
        return new StoreInfo(
            files,
            synthetic,
            cells,
            rows,
            pairs,
            replaced,
            first,
            last,
            slots,
            slots - ingestedSlots,
            cells * ingestedSlots - pairs,
            totals);
      }
    } catch (SQLException e) {
      throw failure("cannot read the store " + path, e);
    }
  }

  /**
   * The cells with any row, ascending.
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

  /**
   * The ranges of 10-minute slots inside a selection that no ingested file holds (never ingested,
   * as opposed to ingested without activity).
   *
   * @param sel cells, range and resolution
   * @return the gaps, in time order, each a maximal run of missing slots
   * @throws InvalidInputException if the selection is outside the store's span
   */
  public List<TimeRange> gaps(Selection sel) {
    try {
      return gaps(resolve(sel));
    } catch (SQLException e) {
      throw failure("cannot read the store " + path, e);
    }
  }

  private List<TimeRange> gaps(Resolved r) throws SQLException {
    List<TimeRange> out = new ArrayList<>();
    String sql =
        String.format(
            Locale.ROOT,
            "SELECT range FROM range(%d, %d, %d) WHERE range NOT IN"
                + " (SELECT DISTINCT time FROM slots WHERE time >= %d AND time < %d) ORDER BY 1",
            r.from(),
            r.to(),
            SLOT,
            r.from(),
            r.to());
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      long start = -1;
      long end = -1;
      while (rs.next()) {
        long t = rs.getLong(1);
        if (t != end) {
          if (start >= 0) {
            out.add(new TimeRange(start, end));
          }
          start = t;
        }
        end = t + SLOT;
      }
      if (start >= 0) {
        out.add(new TimeRange(start, end));
      }
    }
    return out;
  }

  /** A selection resolved against the store: concrete cells and an aligned range. */
  private record Resolved(List<CellId> cells, boolean allCells, long from, long to, long step) {}

  private Resolved resolve(Selection sel) throws SQLException {
    long step = sel.resolution().step().toMillis();
    String stepName = sel.resolution() == Resolution.HOUR ? "an hour" : "a 10-minute slot";
    long first;
    long end;
    try (Statement s = conn.createStatement();
        ResultSet r = s.executeQuery("SELECT min(time), max(time), count(*) FROM slots")) {
      r.next();
      if (r.getLong(3) == 0) {
        throw new InvalidInputException("the store " + path + " is empty; ingest files first");
      }
      first = r.getLong(1);
      end = r.getLong(2) + SLOT;
    }
    for (OptionalLong bound : List.of(sel.fromMillis(), sel.toMillis())) {
      if (bound.isPresent() && Math.floorMod(bound.getAsLong(), step) != 0) {
        throw new InvalidInputException(
            "the time "
                + MilanTime.format(bound.getAsLong())
                + " is not the start of "
                + stepName
                + "; at this resolution --from and --to must fall on step boundaries (e.g. "
                + MilanTime.format(Math.floorDiv(bound.getAsLong(), step) * step)
                + ")");
      }
    }
    // Without a bound: the whole steps inside the store's span.
    long from = sel.fromMillis().orElse(-Math.floorDiv(-first, step) * step);
    long to = sel.toMillis().orElse(Math.floorDiv(end, step) * step);
    if (from < first || to > end) {
      throw new InvalidInputException(
          "the time range "
              + MilanTime.format(from)
              + " .. "
              + MilanTime.format(to)
              + " is outside the store "
              + path
              + ", which holds "
              + MilanTime.format(first)
              + " .. "
              + MilanTime.format(end));
    }
    if (from >= to) {
      throw new InvalidInputException(
          "the time range "
              + MilanTime.format(from)
              + " .. "
              + MilanTime.format(to)
              + " holds no whole step of "
              + sel.resolution().label()
              + " (the store holds "
              + MilanTime.format(first)
              + " .. "
              + MilanTime.format(end)
              + ")");
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

  /**
   * The rows of a selection: every cell at every step whose slots were all ingested (a step with a
   * gap is left out), summed over country codes, 0 without activity.
   */
  private static String selectionSql(Resolved r) {
    String in = inList(r.cells());
    String cells =
        r.allCells() ? "SELECT DISTINCT cell FROM traffic" : "SELECT unnest([" + in + "]) AS cell";
    String cellFilter = r.allCells() ? "" : "cell IN (" + in + ") AND ";
    return String.format(
        Locale.ROOT,
        "WITH c AS (%s), s AS (SELECT time - (time %% %d) AS time FROM (SELECT DISTINCT time"
            + " FROM slots WHERE time >= %d AND time < %d) GROUP BY 1 HAVING count(*) = %d),"
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
        r.step(),
        r.from(),
        r.to(),
        r.step() / SLOT,
        r.step(),
        cellFilter,
        r.from(),
        r.to());
  }

  /**
   * Writes the exact export CSV: header {@code cell,time,smsin,smsout,callin,callout,internet}, one
   * row per (cell, step), {@code time} the step's first slot in epoch ms UTC, values summed over
   * country codes (0 for an ingested slot without activity), ordered by cell then time. A step with
   * a slot that no file held (a gap) has no row; the gaps are returned. The file is written under a
   * temporary name in its folder and moved into place, so a failure leaves no partial file. When
   * the store holds synthetic data, a sidecar {@code out.synthetic} is written next to the CSV (and
   * a stale one removed otherwise).
   *
   * @param sel cells, range and resolution
   * @param out the CSV file to write (its folder must exist)
   * @param overwrite whether an existing {@code out} may be replaced
   * @return rows written and the gaps left out
   * @throws InvalidInputException for a range outside the store's span, an unaligned bound, an
   *     existing {@code out} without {@code overwrite}, or an output that cannot be written
   */
  public ExportResult export(Selection sel, Path out, boolean overwrite) {
    Path parent = out.toAbsolutePath().getParent();
    if (Files.isDirectory(out)) {
      throw new InvalidInputException("the output file " + out + " is a folder");
    }
    if (Files.exists(out) && !overwrite) {
      throw new InvalidInputException(
          "the output file " + out + " exists; choose another name or pass --force to replace it");
    }
    if (parent == null || !Files.isDirectory(parent)) {
      throw new InvalidInputException("the folder of the output file " + out + " does not exist");
    }
    if (!Files.isWritable(parent)) {
      throw new InvalidInputException(
          "cannot write the output file " + out + ": its folder is not writable");
    }
    Path tmp = null;
    try {
      Resolved r = resolve(sel);
      List<TimeRange> gaps = gaps(r);
      boolean synthetic = hasSyntheticData();
      tmp = Files.createTempFile(parent, "." + out.getFileName() + ".", ".tmp");
      long rows;
      try (Statement s = conn.createStatement()) {
        // A parallel COPY costs more than it saves on a small export (a few cells): run those on
        // one thread.
        long estimate = (long) r.cells().size() * ((r.to() - r.from()) / r.step());
        boolean small = estimate <= SMALL_EXPORT_ROWS;
        if (small) {
          s.execute("SET threads = 1");
        }
        try {
          rows =
              s.executeUpdate(
                  "COPY ("
                      + selectionSql(r)
                      + ") TO "
                      + quote(tmp.toAbsolutePath().toString())
                      + " (FORMAT csv, HEADER true, DELIMITER ',', NEW_LINE '\\n')");
        } finally {
          if (small) {
            s.execute("RESET threads");
          }
        }
      }
      Path sidecar = sidecarOf(out);
      if (synthetic) {
        Files.writeString(
            sidecar,
            "SYNTHETIC: "
                + out.getFileName()
                + " was exported from the store "
                + path.toAbsolutePath()
                + ", which holds data written by dnt data synth, not measurements.\n");
      } else {
        Files.deleteIfExists(sidecar);
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      return new ExportResult(rows, gaps, synthetic);
    } catch (SQLException e) {
      throw new InvalidInputException(
          "cannot export from the store " + path + " to " + out + ": " + firstLine(e), e);
    } catch (IOException e) {
      throw new InvalidInputException("cannot write the output file " + out + ": " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // best effort: the temporary file of a failed export
        }
      }
    }
  }

  /**
   * Loads a selection as a dataset of all five services, labelled synthetic when the store holds
   * synthetic data.
   *
   * @param sel cells, range and resolution
   * @return the dataset (cells ascending)
   * @throws InvalidInputException if the selection is outside the store's span or holds a gap (a
   *     slot no file held: a dense dataset would have to fill it with zeros)
   */
  public TrafficDataset load(Selection sel) {
    try {
      Resolved r = resolve(sel);
      List<TimeRange> gaps = gaps(r);
      if (!gaps.isEmpty()) {
        throw new InvalidInputException(
            "the store "
                + path
                + " has no data for "
                + describe(gaps)
                + " inside the selection; choose a range without gaps");
      }
      int length = (int) ((r.to() - r.from()) / r.step());
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
              r.cells(), r.from(), Duration.ofMillis(r.step()), List.of(Service.values()), values)
          .labelledSynthetic(hasSyntheticData());
    } catch (SQLException e) {
      throw failure("cannot read the store " + path, e);
    }
  }

  /**
   * Describes gaps for a message: the first few ranges in Milan time, and how many more.
   *
   * @param gaps the gaps
   * @return e.g. {@code 2013-11-02T00:00+01:00 .. 2013-11-03T00:00+01:00 (144 slots)}
   */
  public static String describe(List<TimeRange> gaps) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(GAPS_LISTED, gaps.size()); i++) {
      TimeRange g = gaps.get(i);
      if (i > 0) {
        b.append(", ");
      }
      b.append(MilanTime.format(g.fromMillis()))
          .append(" .. ")
          .append(MilanTime.format(g.toMillis()))
          .append(" (")
          .append(g.slots())
          .append(g.slots() == 1 ? " slot)" : " slots)");
    }
    if (gaps.size() > GAPS_LISTED) {
      b.append(" and ").append(gaps.size() - GAPS_LISTED).append(" more gaps");
    }
    return b.toString();
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
