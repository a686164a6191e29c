package dnt.data.store;

import dnt.core.InvalidInputException;
import dnt.data.milan.MilanTime;
import dnt.data.raw.BadRows;
import dnt.data.raw.RawFiles;
import dnt.data.raw.RawReader;
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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBFunctions;
import org.jspecify.annotations.Nullable;

/**
 * The ingest pipeline of a {@link TrafficStore}, one transaction per file. A raw tab-separated file
 * goes the fast way: DuckDB inserts from the table function {@link SlotSumFunction}, whose workers
 * parse the file's chunks in parallel and sum each (cell, slot) over its country codes; the result
 * is kept if every line has the plain shape and no (cell, slot) occurs in two places of the file.
 * Any other file (a CSV re-export, a bad line, a key that repeats inside the file) goes through the
 * validating {@link RawReader} into a staging table, where the later line of a key (cell, slot,
 * country code) wins, and is summed from there. Then the file's slots are recorded and the file is
 * refused if an earlier file holds one of them.
 */
final class StoreIngest {
  private static final AtomicInteger FUNCTIONS = new AtomicInteger();

  /** The nominal chunk size of the parallel parser; tests set small ones to get many chunks. */
  static volatile int chunkBytes = RawChunkReader.CHUNK;

  private static final long HOUR_MILLIS = 3_600_000L;

  private final Connection conn;
  private final Minimisation minimisation;
  private final SlotSumFunction sums = new SlotSumFunction();
  private final String function = SlotSumFunction.NAME + "_" + FUNCTIONS.incrementAndGet();
  private boolean registered;

  StoreIngest(Connection conn, Minimisation minimisation) {
    this.conn = conn;
    this.minimisation = minimisation;
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

  /**
   * What one file gave.
   *
   * @param rowsRead raw lines read
   * @param rowsStored (cell, slot) rows stored
   * @param rowsReplaced raw lines replaced by a later line of the same key in the file
   * @param bytes bytes read
   * @param fastPath whether the parallel parser loaded it
   * @param md5 its MD5, when computed
   */
  private record FileResult(
      long rowsRead,
      long rowsStored,
      long rowsReplaced,
      long bytes,
      boolean fastPath,
      @Nullable String md5) {}

  private FileResult ingestFile(
      Path file, long size, long modified, IngestOptions options, BadRows bad) {
    long badBefore = bad.count();
    try {
      conn.setAutoCommit(false);
      int id = nextFileId();
      FileResult result = looksLikeTabRaw(file) ? fastLoad(file, id, options.verify()) : null;
      if (result == null) {
        String md5 = options.verify() ? md5(file) : null;
        result = validatedLoad(file, id, bad, md5);
      }
      if (options.verify()) {
        // IngestOptions requires metadata to verify; a verifying load computes the checksum
        Objects.requireNonNull(options.metadata())
            .verify(file, Objects.requireNonNull(result.md5()));
      }
      refuseSlotsHeldElsewhere(file, id);
      if (minimisation == Minimisation.HOURLY) {
        result = toHours(id, result);
      }
      recordFile(id, file, size, modified, result, bad.count() - badBefore);
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
   * The fast way: one {@code INSERT} from the parallel parser, without keeping the file order (each
   * worker still writes its chunks in order, so a one-cell query reads few row groups). Returns
   * null, with the transaction rolled back, when the file is not plain or a (cell, slot) occurs in
   * two places of it: the validating reader then loads it (and names a bad line).
   */
  private @Nullable FileResult fastLoad(Path file, int id, boolean md5) throws SQLException {
    if (!registered) {
      DuckDBFunctions.tableFunction().withName(function).withFunction(sums).register(conn);
      registered = true;
    }
    SlotSumFunction.Job job = new SlotSumFunction.Job(file, md5, chunkBytes);
    long stored;
    sums.use(job);
    try {
      setPreserveOrder(false);
      try (Statement s = conn.createStatement()) {
        stored = s.executeUpdate("INSERT INTO traffic SELECT * FROM " + function + "()");
      } catch (SQLException e) {
        conn.rollback();
        if (job.stopped() != null) {
          return null;
        }
        throw e;
      }
    } finally {
      sums.use(null);
      job.close();
      setPreserveOrder(true);
    }
    if (!job.keysDistinct()) {
      conn.rollback();
      return null;
    }
    insertSlots(id, job.slots());
    return new FileResult(job.rows(), stored, 0, job.bytes(), true, job.md5());
  }

  /** Records a file's slots, as runs of consecutive slots. */
  private void insertSlots(int id, Set<Long> slots) throws SQLException {
    try (PreparedStatement p =
        conn.prepareStatement("INSERT INTO slots SELECT ?, range FROM range(?, ?, ?)")) {
      long from = -1;
      long next = -1;
      for (long t : slots) {
        if (t != next) {
          if (from >= 0) {
            addRange(p, id, from, next);
          }
          from = t;
        }
        next = t + RawReader.SLOT_MILLIS;
      }
      if (from >= 0) {
        addRange(p, id, from, next);
      }
      p.executeBatch();
    }
  }

  private static void addRange(PreparedStatement p, int id, long from, long to)
      throws SQLException {
    p.setInt(1, id);
    p.setLong(2, from);
    p.setLong(3, to);
    p.setLong(4, RawReader.SLOT_MILLIS);
    p.addBatch();
  }

  /**
   * Refuses the file if an earlier file holds one of its slots: a store takes each slot from one
   * file only, so data is never added twice (a day ingested again under another name, or two files
   * that overlap).
   */
  private void refuseSlotsHeldElsewhere(Path file, int id) throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT f.path, count(*), min(s.time), max(s.time) FROM slots s JOIN files f"
                    + " ON f.id = s.file WHERE s.file <> "
                    + id
                    + " AND s.time IN (SELECT time FROM slots WHERE file = "
                    + id
                    + ") GROUP BY f.id, f.path ORDER BY f.id LIMIT 1")) {
      if (r.next()) {
        long n = r.getLong(2);
        throw new InvalidInputException(
            "cannot ingest "
                + file
                + ": "
                + n
                + " of its slots ("
                + MilanTime.format(r.getLong(3))
                + " .. "
                + MilanTime.format(r.getLong(4) + RawReader.SLOT_MILLIS)
                + (n == 1 ? ") is" : ") are")
                + " already in the store, from "
                + r.getString(1)
                + "; a store takes each slot from one file only, so that nothing is counted"
                + " twice: leave out one of the two files or ingest into a new store");
      }
    }
  }

  /**
   * Data minimisation: replaces the file's (cell, 10-minute slot) rows by (cell, hour) rows, each
   * the sum of the hour's slots in time order, before the transaction commits, so that the store
   * never holds the finer series. The file's rows are those at its slots: every slot comes from one
   * file only (checked before this), and the hour rows of earlier files sit at the first slot of
   * their hour, which is theirs. An hour split over two files gets a row from each; queries sum
   * them. The slots themselves stay recorded, so an hour with a slot that no file held is still a
   * gap.
   *
   * @return the file's result with the hour rows as its stored rows
   */
  private FileResult toHours(int id, FileResult r) throws SQLException {
    String mine = "time IN (SELECT time FROM slots WHERE file = " + id + ")";
    long stored;
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE OR REPLACE TEMP TABLE fine AS SELECT * FROM traffic WHERE " + mine);
      s.executeUpdate("DELETE FROM traffic WHERE " + mine);
      StringBuilder sums = new StringBuilder();
      for (String v : new String[] {"smsin", "smsout", "callin", "callout", "internet"}) {
        sums.append(", sum(").append(v).append(" ORDER BY time)");
      }
      stored =
          s.executeUpdate(
              "INSERT INTO traffic SELECT cell, time - time % "
                  + HOUR_MILLIS
                  + " AS hour"
                  + sums
                  + " FROM fine GROUP BY cell, hour ORDER BY cell, hour");
      s.execute("DROP TABLE fine");
    }
    return new FileResult(r.rowsRead(), stored, r.rowsReplaced(), r.bytes(), r.fastPath(), r.md5());
  }

  private void setPreserveOrder(boolean preserve) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute("SET preserve_insertion_order = " + preserve);
    }
  }

  /**
   * The validating Java reader, appending rows to a staging table in file order; the later line of
   * a key (cell, slot, country code) wins, and the rows are summed per (cell, slot) in line order.
   */
  private FileResult validatedLoad(Path file, int id, BadRows bad, @Nullable String md5)
      throws SQLException {
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
    long keys;
    try (Statement s = conn.createStatement()) {
      StringBuilder sums = new StringBuilder();
      for (String v : new String[] {"smsin", "smsout", "callin", "callout", "internet"}) {
        sums.append(", coalesce(sum(").append(v).append(" ORDER BY rid), 0)");
      }
      stored =
          s.executeUpdate(
              "INSERT INTO traffic SELECT cell, time"
                  + sums
                  + " FROM (SELECT *, row_number() OVER (PARTITION BY cell, time, cc ORDER BY rid"
                  + " DESC) AS later FROM (SELECT *, rowid AS rid FROM staging)) WHERE later = 1"
                  + " GROUP BY cell, time ORDER BY cell, time");
      try (ResultSet r =
          s.executeQuery("SELECT count(*) FROM (SELECT DISTINCT cell, time, cc FROM staging)")) {
        r.next();
        keys = r.getLong(1);
      }
      s.executeUpdate("INSERT INTO slots SELECT DISTINCT " + id + ", time FROM staging");
      s.execute("DROP TABLE staging");
    }
    long good = read.rowsRead() - read.rowsBad();
    return new FileResult(read.rowsRead(), stored, good - keys, size(file), false, md5);
  }

  private void recordFile(int id, Path file, long size, long modified, FileResult r, long rejected)
      throws SQLException {
    try (PreparedStatement p =
        conn.prepareStatement(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp)")) {
      p.setInt(1, id);
      p.setString(2, RawFiles.plainName(file));
      p.setString(3, file.toAbsolutePath().toString());
      p.setLong(4, size);
      p.setLong(5, modified);
      p.setString(6, r.md5());
      p.setLong(7, r.rowsRead());
      p.setLong(8, r.rowsStored());
      p.setLong(9, r.rowsReplaced());
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
