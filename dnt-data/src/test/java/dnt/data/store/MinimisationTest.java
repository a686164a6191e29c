package dnt.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store minimised to hours keeps only hourly series per cell, summed over the hour's slots and
 * over country codes, and refuses everything that needs the 10-minute detail it dropped. The
 * expected sums are computed here from the rows as they are written, in Java; every value is a
 * multiple of 1/4 below 2^20, so every partial sum is exact in double precision and the store's
 * sums must equal them exactly, whatever the order of summation.
 */
final class MinimisationTest {
  private static final long SLOT = 600_000L;
  private static final long HOUR = 3_600_000L;
  private static final long T0 = 1_383_260_400_000L; // 2013-11-01T00:00 Milan, a whole hour
  private static final int[] COUNTRY_CODES = {0, 33, 39};

  @TempDir Path dir;

  /** (cell, hour start) -> five sums, computed from the rows written. */
  private final Map<List<Long>, double[]> expected =
      new TreeMap<>(
          (a, b) ->
              a.get(0).equals(b.get(0))
                  ? Long.compare(a.get(1), b.get(1))
                  : Long.compare(a.get(0), b.get(0)));

  /**
   * Writes a raw file holding the given slots (indices from T0) for cells 1 and 2, three country
   * codes each (cell 2 has no row in slot 4: no activity), and adds its rows to the expected sums.
   */
  private Path raw(String name, int... slots) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int slot : slots) {
      for (int cell = 1; cell <= 2; cell++) {
        if (cell == 2 && slot == 4) {
          continue;
        }
        long time = T0 + slot * SLOT;
        for (int cc : COUNTRY_CODES) {
          double[] v = new double[5];
          StringBuilder line = new StringBuilder();
          line.append(cell).append('\t').append(time).append('\t').append(cc);
          for (int k = 0; k < 5; k++) {
            v[k] = (cell * 1000 + slot * 37 + cc * 3 + k * 11) / 4.0;
            line.append('\t').append(v[k]);
          }
          lines.add(line.toString());
          double[] sum =
              expected.computeIfAbsent(
                  List.of((long) cell, time - time % HOUR), key -> new double[5]);
          for (int k = 0; k < 5; k++) {
            sum[k] += v[k];
          }
        }
      }
    }
    return Files.write(dir.resolve(name), lines);
  }

  private static Selection hourly() {
    return Selection.all().withResolution(Resolution.HOUR);
  }

  @Test
  void aMinimisedStoreHoldsTheHourlySumsOverSlotsAndCountryCodesAndNothingFiner() throws Exception {
    // hour 0 whole in a.txt; hour 1 split over a.txt and b.txt; hour 2 without its slot 15 (a gap)
    Path a = raw("a.txt", 0, 1, 2, 3, 4, 5, 6, 7, 8);
    Path b = raw("b.txt", 9, 10, 11, 12, 13, 14, 16, 17);
    Path store = dir.resolve("min.duckdb");
    try (TrafficStore ts = TrafficStore.create(store, null, Minimisation.HOURLY)) {
      IngestSummary first = ts.ingest(List.of(a), IngestOptions.defaults());
      assertThat(first.rowsRead()).isEqualTo((9 * 2 - 1) * 3);
      assertThat(first.rowsStored()).isEqualTo(4); // 2 cells x hours 0 and 1 (a part of it)
      ts.ingest(List.of(b), IngestOptions.defaults());
    }
    try (TrafficStore ts = TrafficStore.open(store)) {
      assertThat(ts.minimisation()).isEqualTo(Minimisation.HOURLY);
      TrafficDataset ds = ts.load(hourly().between(T0, T0 + 2 * HOUR));
      assertThat(ds.cells()).containsExactly(CellId.of(1), CellId.of(2));
      for (int c = 0; c < 2; c++) {
        for (int h = 0; h < 2; h++) {
          double[] want = expected.get(List.of((long) c + 1, T0 + h * HOUR));
          for (Service s : Service.values()) {
            // float: the dataset stores float32, so compare with the rounded expected sum
            assertThat(ds.value(c, h, s)).isEqualTo((float) want[s.ordinal()]);
          }
        }
      }
      Path csv = dir.resolve("hourly.csv");
      ExportResult r = ts.export(hourly(), csv, false);
      // hour 2 misses slot 15: a gap, so only hours 0 and 1 have rows
      assertThat(r.rows()).isEqualTo(4);
      assertThat(r.gaps()).containsExactly(new TimeRange(T0 + 15 * SLOT, T0 + 16 * SLOT));
      List<String> lines = Files.readAllLines(csv);
      assertThat(lines).hasSize(5);
      for (String line : lines.subList(1, 5)) {
        String[] f = line.split(",");
        double[] want = expected.get(List.of(Long.parseLong(f[0]), Long.parseLong(f[1])));
        for (int k = 0; k < 5; k++) {
          assertThat(Double.parseDouble(f[2 + k])).as(line).isEqualTo(want[k]);
        }
      }

      StoreInfo info = ts.info();
      assertThat(info.minimisation()).isEqualTo(Minimisation.HOURLY);
      assertThat(info.cellSlots()).isEqualTo(6); // 2 cells x 3 hours; hour 1 has two rows each
      assertThat(info.absentCellSlots()).isZero();
      assertThat(info.slotsWithoutData()).isEqualTo(1);
      for (Service s : Service.values()) {
        double total = expected.values().stream().mapToDouble(v -> v[s.ordinal()]).sum(); // exact
        assertThat(info.totals().get(s)).isEqualTo(total);
      }
    }
    // the file itself holds only whole hours and no country code
    Properties ro = new Properties();
    ro.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store, ro);
        Statement s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "SELECT count(*), count(*) FILTER (WHERE time % " + HOUR + " <> 0) FROM traffic")) {
        r.next();
        assertThat(r.getLong(1)).isEqualTo(8); // hours 0, 1 (twice: a.txt and b.txt), 2
        assertThat(r.getLong(2)).isZero();
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT count(*) FROM information_schema.columns WHERE column_name ILIKE '%country%'"
                  + " OR column_name = 'cc'")) {
        r.next();
        assertThat(r.getLong(1)).isZero();
      }
    }
  }

  @Test
  void aMinimisedStoreRefusesEverythingThatNeedsTenMinuteSlots() throws Exception {
    Path store = dir.resolve("min.duckdb");
    try (TrafficStore ts = TrafficStore.create(store, null, Minimisation.HOURLY)) {
      ts.ingest(List.of(raw("a.txt", 0, 1, 2, 3, 4, 5)), IngestOptions.defaults());
    }
    String refusal =
        "the store "
            + store
            + " is minimised to hourly series (dnt data ingest --minimise hourly) and holds no"
            + " 10-minute slots; read it at hourly resolution (--resolution hour)";
    try (TrafficStore ts = TrafficStore.open(store)) {
      assertThatThrownBy(() -> ts.load(Selection.all()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(refusal);
      Path csv = dir.resolve("fine.csv");
      assertThatThrownBy(() -> ts.export(Selection.all(), csv, false))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(refusal);
      assertThat(csv).doesNotExist();
      assertThatThrownBy(() -> ts.gaps(Selection.all()))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage(refusal);
    }
  }

  @Test
  void aStoreKeepsTheDetailItWasMadeWith() throws Exception {
    Path plain = dir.resolve("plain.duckdb");
    try (TrafficStore ts = TrafficStore.create(plain)) {
      ts.ingest(List.of(raw("a.txt", 0, 1, 2, 3, 4, 5)), IngestOptions.defaults());
    }
    assertThatThrownBy(() -> TrafficStore.create(plain, null, Minimisation.HOURLY))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "the store "
                + plain
                + " keeps 10-minute slots and cannot be minimised in place; ingest its files into"
                + " a new store with --minimise hourly");
    Path min = dir.resolve("min.duckdb");
    TrafficStore.create(min, null, Minimisation.HOURLY).close();
    // an ingest that does not ask for minimisation still gets the store's
    try (TrafficStore ts = TrafficStore.create(min)) {
      assertThat(ts.minimisation()).isEqualTo(Minimisation.HOURLY);
      IngestSummary s = ts.ingest(List.of(raw("b.txt", 6, 7, 8)), IngestOptions.defaults());
      assertThat(s.rowsStored()).isEqualTo(2);
    }
  }

  @Test
  void hourlySumsEqualThoseOfAStoreThatKeptTheSlots() throws Exception {
    Path a = raw("a.txt", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    Map<Path, Minimisation> stores =
        Map.of(
            dir.resolve("fine.duckdb"), Minimisation.NONE,
            dir.resolve("min.duckdb"), Minimisation.HOURLY);
    List<String> exports = new ArrayList<>();
    for (var e : new TreeMap<>(stores).entrySet()) {
      try (TrafficStore ts = TrafficStore.create(e.getKey(), null, e.getValue())) {
        ts.ingest(List.of(a), IngestOptions.defaults());
        Path csv = dir.resolve(e.getValue().label() + ".csv");
        ts.export(hourly(), csv, false);
        exports.add(Files.readString(csv));
      }
    }
    // exact: the values are quarters, so every order of summation gives the same doubles
    assertThat(exports.get(0)).isEqualTo(exports.get(1));
    assertThat(exports.get(0).lines().count()).isEqualTo(1 + 2 * 2);
  }

  @Test
  void minimisationNamesParseIgnoringCaseAndUnknownOnesAreRefused() {
    assertThat(Minimisation.parse("Hourly")).isEqualTo(Minimisation.HOURLY);
    assertThat(Minimisation.parse("none")).isEqualTo(Minimisation.NONE);
    assertThatThrownBy(() -> Minimisation.parse("daily"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown minimisation 'daily'; expected hourly (or none)");
  }
}
