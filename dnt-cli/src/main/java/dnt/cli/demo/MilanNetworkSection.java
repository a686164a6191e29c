package dnt.cli.demo;

import dnt.core.CellId;
import dnt.core.geo.GeoBounds;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.BaseStations;
import dnt.data.milan.BundledData;
import dnt.data.milan.MilanGrid;
import dnt.data.milan.MilanSubset;
import dnt.data.milan.MilanTime;
import dnt.data.milan.RadioLayer;
import dnt.data.raw.BadRows;
import dnt.data.raw.RawReader;
import dnt.data.store.IngestOptions;
import dnt.data.store.IngestSummary;
import dnt.data.store.StoreInfo;
import dnt.data.store.TrafficStore;
import dnt.data.synth.SyntheticMilan;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The Milan network from the bundled data: grid, base stations, the raw sample ingested into a
 * temporary store, the busiest cells and the daily profile of the 25-cell subset.
 */
final class MilanNetworkSection implements DemoSection {
  private static final int BAR_WIDTH = 40;

  @Override
  public String title() {
    return "The Milan network (Telecom Italia Big Data Challenge, ODbL 1.0, from BigDataChallenge"
        + " contest)";
  }

  @Override
  public void run(DemoContext ctx) {
    PrintWriter out = ctx.out();
    MilanGrid grid = MilanGrid.load();
    GeoBounds b = grid.bounds();
    out.printf(
        Locale.ROOT,
        "grid:          %,d cells of about %.0f m, %.1f km x %.1f km%n",
        grid.size(),
        grid.centroid(CellId.of(1)).distanceTo(grid.centroid(CellId.of(2))),
        b.width() / 1000,
        b.height() / 1000);
    BaseStations lte = BaseStations.load(RadioLayer.LTE, grid);
    BaseStations all = BaseStations.load(RadioLayer.LTE_UMTS, grid);
    out.printf(
        Locale.ROOT,
        "base stations: %,d LTE sites and %,d LTE+UMTS sites (OpenCellID, aggregated per cell)%n",
        lte.size(),
        all.size());
    double[] density = SyntheticMilan.baseStationDensity(grid, all);

    long start = System.nanoTime();
    StoreInfo info;
    IngestSummary ingest;
    try (TrafficStore store = TrafficStore.create(ctx.workDir().resolve("demo.duckdb"))) {
      ingest =
          store.ingest(List.of(BundledData.file(BundledData.RAW_SAMPLE)), IngestOptions.defaults());
      info = store.info();
    }
    java.util.Set<Integer> codes = new java.util.TreeSet<>();
    RawReader.read(
        BundledData.file(BundledData.RAW_SAMPLE), BadRows.fail(), r -> codes.add(r.countryCode()));
    out.printf(
        Locale.ROOT,
        "raw sample:    %d rows (%d country codes) -> %d (cell, slot) totals of cell 1,"
            + " %s .. %s, ingested in %.2f s%n",
        ingest.rowsRead(),
        codes.size(),
        info.cellSlots(),
        MilanTime.format(info.firstSlotMillis()),
        MilanTime.format(info.lastSlotMillis() + 600_000L),
        (System.nanoTime() - start) / 1e9);
    StringBuilder totals = new StringBuilder("  traffic totals:");
    for (Service s : Service.values()) {
      totals.append(String.format(Locale.ROOT, " %s %.1f", s.column(), info.totals().get(s)));
    }
    out.println(totals);

    TrafficDataset subset = MilanSubset.load();
    out.printf(
        Locale.ROOT,
        "subset:        %d cells (5x5 block 5541..5945, mapping inferred) x %d days of internet"
            + " from %s%n",
        subset.cellCount(),
        subset.length() / 144,
        MilanTime.format(subset.startMillis()));
    busiestCells(out, subset, grid, density);
    dailyProfile(out, subset);
  }

  private static void busiestCells(
      PrintWriter out, TrafficDataset subset, MilanGrid grid, double[] density) {
    double[] mean = new double[subset.cellCount()];
    for (int c = 0; c < mean.length; c++) {
      mean[c] = java.util.Arrays.stream(subset.series(c, Service.INTERNET)).average().orElse(0);
    }
    out.println("busiest cells (mean internet activity per 10 minutes):");
    out.println("  cell   row col   x (km)  y (km)  base stations   mean internet");
    IntStream.range(0, mean.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer c) -> -mean[c]))
        .limit(5)
        .forEach(
            c -> {
              CellId id = subset.cells().get(c);
              var p = grid.centroid(id);
              out.printf(
                  Locale.ROOT,
                  "  %-5d  %3d %3d  %6.2f  %6.2f  %13.0f  %14.1f%n",
                  id.value(),
                  grid.row(id),
                  grid.column(id),
                  p.x() / 1000,
                  p.y() / 1000,
                  density[id.value() - 1],
                  mean[c]);
            });
  }

  private static void dailyProfile(PrintWriter out, TrafficDataset subset) {
    TrafficDataset hourly = subset.resample(6);
    double[] weekday = new double[24];
    int days = 0;
    for (int h = 0; h < hourly.length(); h++) {
      DayOfWeek dow = Instant.ofEpochMilli(hourly.timeOf(h)).atZone(MilanTime.ZONE).getDayOfWeek();
      if (h / 24 == 0 || dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
        continue; // the holiday 2013-11-01 and weekends
      }
      if (h % 24 == 0) {
        days++;
      }
      for (int c = 0; c < hourly.cellCount(); c++) {
        weekday[h % 24] += hourly.value(c, h, Service.INTERNET);
      }
    }
    double max = 0;
    for (int h = 0; h < 24; h++) {
      weekday[h] /= days * hourly.cellCount();
      max = Math.max(max, weekday[h]);
    }
    out.printf(
        Locale.ROOT, "daily profile (weekdays, mean internet per cell and hour, %d days):%n", days);
    for (int h = 0; h < 24; h++) {
      int bar = (int) Math.round(BAR_WIDTH * weekday[h] / max);
      out.printf(Locale.ROOT, "  %02d:00 %7.0f %s%n", h, weekday[h], "#".repeat(bar));
    }
  }
}
