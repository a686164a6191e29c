package dnt.data.store;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.MilanTime;
import dnt.data.raw.RawReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The queries of a {@link TrafficStore}: the summary, the cells, the gaps (slots no file held), a
 * selection resolved against the store and its rows summed over country codes, the exact CSV export
 * and the dataset loader.
 */
final class StoreQueries {
  private static final long SLOT = RawReader.SLOT_MILLIS;
  private static final long HOUR = Resolution.HOUR.step().toMillis();
  private static final int FEW_CELLS = 16;
  private static final long SMALL_EXPORT_ROWS = 1_000_000;
  private static final int GAPS_LISTED = 5;

  private final Path path;
  private final Connection conn;
  private final Minimisation minimisation;

  StoreQueries(Path path, Connection conn, Minimisation minimisation) {
    this.path = path;
    this.conn = conn;
    this.minimisation = minimisation;
  }

  /** See {@link TrafficStore#info()}. */
  StoreInfo info() {
    try (Statement s = conn.createStatement()) {
      long files;
      long synthetic;
      long replaced;
      long raw;
      try (ResultSet r =
          s.executeQuery(
              "SELECT count(*), count(*) FILTER (WHERE synthetic), coalesce(sum(rows_replaced), 0),"
                  + " coalesce(sum(rows_read - rows_rejected), 0) FROM files")) {
        r.next();
        files = r.getLong(1);
        synthetic = r.getLong(2);
        replaced = r.getLong(3);
        raw = r.getLong(4);
      }
      boolean hourly = minimisation == Minimisation.HOURLY;
      long first;
      long last;
      long ingestedSlots;
      long ingestedSteps;
      try (ResultSet r =
          s.executeQuery(
              "SELECT coalesce(min(time), 0), coalesce(max(time), 0), count(DISTINCT time),"
                  + " count(DISTINCT time - time % "
                  + HOUR
                  + ") FROM slots")) {
        r.next();
        first = r.getLong(1);
        last = r.getLong(2);
        ingestedSlots = r.getLong(3);
        ingestedSteps = hourly ? r.getLong(4) : ingestedSlots;
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT count(DISTINCT cell), "
                  // an hour split over two files has a row from each: count the pairs
                  + (hourly ? "count(DISTINCT (cell, time))" : "count(*)")
                  + ", coalesce(sum(smsin), 0),"
                  + " coalesce(sum(smsout), 0), coalesce(sum(callin), 0), coalesce(sum(callout), 0),"
                  + " coalesce(sum(internet), 0) FROM traffic")) {
        r.next();
        long cells = r.getLong(1);
        long pairs = r.getLong(2);
        long slots = ingestedSlots == 0 ? 0 : (last - first) / SLOT + 1;
        Map<Service, Double> totals = new EnumMap<>(Service.class);
        for (Service sv : Service.values()) {
          totals.put(sv, r.getDouble(3 + sv.ordinal()));
        }
        return new StoreInfo(
            files,
            synthetic,
            cells,
            raw,
            pairs,
            replaced,
            first,
            last,
            slots,
            slots - ingestedSlots,
            cells * ingestedSteps - pairs,
            totals,
            minimisation);
      }
    } catch (SQLException e) {
      throw StoreSql.failure("cannot read the store " + path, e);
    }
  }

  /** See {@link TrafficStore#cells()}. */
  List<CellId> cells() {
    List<CellId> out = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet r = s.executeQuery("SELECT DISTINCT cell FROM traffic ORDER BY cell")) {
      while (r.next()) {
        out.add(CellId.of(r.getInt(1)));
      }
    } catch (SQLException e) {
      throw StoreSql.failure("cannot read the store " + path, e);
    }
    return out;
  }

  /** See {@link TrafficStore#hasSyntheticData()}. */
  boolean hasSyntheticData() {
    try (Statement s = conn.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM files WHERE synthetic")) {
      r.next();
      return r.getLong(1) > 0;
    } catch (SQLException e) {
      throw StoreSql.failure("cannot read the store " + path, e);
    }
  }

  /** See {@link TrafficStore#gaps(Selection)}. */
  List<TimeRange> gaps(Selection sel) {
    try {
      return gaps(resolve(sel));
    } catch (SQLException e) {
      throw StoreSql.failure("cannot read the store " + path, e);
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
    if (minimisation == Minimisation.HOURLY && sel.resolution() != Resolution.HOUR) {
      throw new InvalidInputException(
          "the store "
              + path
              + " is minimised to hourly series (dnt data ingest --minimise hourly) and holds no"
              + " 10-minute slots; read it at hourly resolution (--resolution hour)");
    }
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
                    "SELECT DISTINCT cell FROM traffic WHERE cell IN ("
                        + StoreSql.inList(wanted)
                        + ")")) {
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
    String in = StoreSql.inList(r.cells());
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

  /** See {@link TrafficStore#export(Selection, Path, boolean)}. */
  ExportResult export(Selection sel, Path out, boolean overwrite) {
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
                      + StoreSql.quote(tmp.toAbsolutePath().toString())
                      + " (FORMAT csv, HEADER true, DELIMITER ',', NEW_LINE '\\n')");
        } finally {
          if (small) {
            s.execute("RESET threads");
          }
        }
      }
      Path sidecar = TrafficStore.sidecarOf(out);
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
          "cannot export from the store " + path + " to " + out + ": " + StoreSql.firstLine(e), e);
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

  /** See {@link TrafficStore#load(Selection)}. */
  TrafficDataset load(Selection sel) {
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
      throw StoreSql.failure("cannot read the store " + path, e);
    }
  }

  /** See {@link TrafficStore#describe(List)}. */
  static String describe(List<TimeRange> gaps) {
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
}
