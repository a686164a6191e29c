package dnt.live.runtime;

import dnt.data.integrity.Verdict;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The read side of the live twin: a DuckDB file holding every cell's telemetry rows (one per cell,
 * slot and country code, the latest), the masked slots and the journal offset it has read up to,
 * written from the journal's events in order ({@link ReadSideProjection}). Upserts on the row key
 * make a re-read event harmless, and the offset is written in the same transaction as the rows, so
 * the file is always a prefix of the journal; a lost file is rebuilt from offset 0.
 */
final class ReadSide implements AutoCloseable {
  /** The layout version in {@code read_side_meta}; another one is rebuilt. */
  static final int VERSION = 1;

  private final Connection db;

  /**
   * Opens (creating if needed) the read side.
   *
   * @throws SQLException if DuckDB cannot open the file
   */
  ReadSide(Path file) throws SQLException {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      throw new SQLException("the DuckDB JDBC driver is not on the class path", e);
    }
    this.db = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
    try (Statement st = db.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS read_side_meta (version INTEGER, journal_offset BIGINT)");
      st.execute(
          "CREATE TABLE IF NOT EXISTS telemetry (cell INTEGER, slot BIGINT, country INTEGER,"
              + " smsin DOUBLE, smsout DOUBLE, callin DOUBLE, callout DOUBLE, internet DOUBLE,"
              + " PRIMARY KEY (cell, slot, country))");
      st.execute(
          "CREATE TABLE IF NOT EXISTS masked (cell INTEGER, slot BIGINT, smsin DOUBLE,"
              + " smsout DOUBLE, callin DOUBLE, callout DOUBLE, internet DOUBLE,"
              + " PRIMARY KEY (cell, slot))");
      st.execute(
          "CREATE TEMP TABLE IF NOT EXISTS staging (seq BIGINT, cell INTEGER, slot BIGINT,"
              + " country INTEGER, smsin DOUBLE, smsout DOUBLE, callin DOUBLE, callout DOUBLE,"
              + " internet DOUBLE)");
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_side_meta")) {
        rs.next();
        if (rs.getLong(1) == 0) {
          st.execute("INSERT INTO read_side_meta VALUES (" + VERSION + ", 0)");
        }
      }
    }
  }

  /** The journal offset (ordering) of the last event applied; 0 for none. */
  synchronized long offset() throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT journal_offset FROM read_side_meta")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** An event of a cell at a journal offset. */
  record Applied(int cell, long offset, CellTwin.Observed event) {}

  /**
   * Applies events in journal order, with the offset of the last, in one transaction.
   *
   * @throws SQLException if DuckDB fails; nothing of the batch is applied then
   */
  synchronized void apply(List<Applied> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    // the rows go through a staging table by DuckDB's appender, then one set-based upsert that
    // keeps the last row of each key (row-by-row upserts are far too slow)
    try (Statement st = db.createStatement()) {
      st.execute("DELETE FROM staging");
    }
    long seq = 0;
    try (DuckDBAppender app =
        db.unwrap(DuckDBConnection.class).createAppender("temp", "main", "staging")) {
      for (Applied a : events) {
        for (Observation o : a.event().rows()) {
          app.beginRow()
              .append(seq++)
              .append(a.cell())
              .append(o.slot())
              .append(o.countryCode())
              .append(o.smsIn())
              .append(o.smsOut())
              .append(o.callIn())
              .append(o.callOut())
              .append(o.internet())
              .endRow();
        }
      }
    }
    db.setAutoCommit(false);
    try (Statement st = db.createStatement();
        PreparedStatement mask =
            db.prepareStatement("INSERT OR REPLACE INTO masked VALUES (?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement unmask =
            db.prepareStatement("DELETE FROM masked WHERE cell = ? AND slot = ?");
        PreparedStatement offset =
            db.prepareStatement("UPDATE read_side_meta SET journal_offset = ?")) {
      st.execute(
          "INSERT OR REPLACE INTO telemetry SELECT cell, slot, country, smsin, smsout, callin,"
              + " callout, internet FROM staging QUALIFY row_number() OVER (PARTITION BY cell,"
              + " slot, country ORDER BY seq DESC) = 1");
      for (Applied a : events) {
        for (Verdict v : a.event().verdicts()) {
          if (v.masked()) {
            mask.setInt(1, a.cell());
            mask.setLong(2, v.slot());
            for (int s = 0; s < Observation.SERVICES; s++) {
              mask.setDouble(3 + s, v.prediction()[s]);
            }
            mask.executeUpdate();
          } else {
            unmask.setInt(1, a.cell());
            unmask.setLong(2, v.slot());
            unmask.executeUpdate();
          }
        }
      }
      offset.setLong(1, events.get(events.size() - 1).offset());
      offset.executeUpdate();
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }

  /**
   * Per-slot totals of a cell over country codes, added in ascending country code (as the cell twin
   * adds them, so both give the same doubles).
   *
   * @param masked whether a masked slot shows the prediction that replaced it (the twin's view)
   *     instead of the observation
   * @return {@code totals[slot - fromSlot][service]}
   */
  synchronized double[][] totals(int cell, long fromSlot, long toSlot, boolean masked)
      throws SQLException {
    double[][] out = new double[Math.toIntExact(toSlot - fromSlot)][Observation.SERVICES];
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT slot, sum(smsin ORDER BY code), sum(smsout ORDER BY code),"
                + " sum(callin ORDER BY code), sum(callout ORDER BY code),"
                + " sum(internet ORDER BY code)"
                + " FROM (SELECT *, CAST(country AS VARCHAR) AS code FROM telemetry)"
                + " WHERE cell = ? AND slot >= ? AND slot < ? GROUP BY slot")) {
      fill(q, cell, fromSlot, toSlot, out);
    }
    if (!masked) {
      return out;
    }
    try (PreparedStatement q =
        db.prepareStatement(
            "SELECT slot, smsin, smsout, callin, callout, internet"
                + " FROM masked WHERE cell = ? AND slot >= ? AND slot < ?")) {
      fill(q, cell, fromSlot, toSlot, out);
    }
    return out;
  }

  /**
   * The masked slots of a cell before a slot.
   *
   * @param cell the cell
   * @param beforeSlot the slot after the last one returned
   * @return the slots, ascending
   * @throws SQLException if DuckDB fails
   */
  synchronized long[] maskedSlots(int cell, long beforeSlot) throws SQLException {
    try (PreparedStatement q =
        db.prepareStatement("SELECT slot FROM masked WHERE cell = ? AND slot < ? ORDER BY slot")) {
      q.setInt(1, cell);
      q.setLong(2, beforeSlot);
      try (ResultSet rs = q.executeQuery()) {
        List<Long> slots = new ArrayList<>();
        while (rs.next()) {
          slots.add(rs.getLong(1));
        }
        return slots.stream().mapToLong(Long::longValue).toArray();
      }
    }
  }

  private static void fill(PreparedStatement q, int cell, long from, long to, double[][] out)
      throws SQLException {
    q.setInt(1, cell);
    q.setLong(2, from);
    q.setLong(3, to);
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        double[] row = out[(int) (rs.getLong(1) - from)];
        for (int s = 0; s < Observation.SERVICES; s++) {
          row[s] = rs.getDouble(2 + s);
        }
      }
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    db.close();
  }
}
