package dnt.benchmarks.live;

import dnt.data.raw.RawRow;
import dnt.live.ForecastSettings;
import dnt.live.JournalSettings;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * What the cell twins' retention window saves (docs/live.md, "The retention window";
 * docs/PERFORMANCE.md, "The retention window"): a live twin (embedded journal, forecasting off, the
 * integrity check on) ingests {@code days} days of {@code cells} cells in time order (every cell of
 * a slot in one batch before the next slot, 1 to 6 country codes a cell and slot, seed 42, as
 * {@link SnapshotSize}) with the window set to {@code retention} ({@code off} or a duration such as
 * {@code 14d}), then reports the used heap after full collections before and after (the growth
 * divided by the cells: a cell twin's heap with what the node keeps per cell) and, from the
 * journal, the size of the cells' newest snapshots. The ingest log is turned off for the run, so
 * every batch is one event per cell and a snapshot falls at the end of each day (every 144 events).
 *
 * {@snippet lang="shell" :
 * java -Xmx2g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   dnt.benchmarks.live.RetentionMemory /tmp/dnt-retention 50 30 off
 * java -Xmx2g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   dnt.benchmarks.live.RetentionMemory /tmp/dnt-retention 50 30 14d
 * }
 *
 * <p>Arguments: a state folder (must not exist; deleted at the end), cells, days, retention. Memory
 * and bytes are not times: the figures do not depend on the load of the machine.
 */
public final class RetentionMemory {

  private RetentionMemory() {}

  /**
   * Runs the measurement.
   *
   * @param args state folder, cells, days, retention
   * @throws Exception if the twin cannot start, a batch is refused or the journal cannot be read
   */
  public static void main(String[] args) throws Exception {
    Path state = Path.of(args.length > 0 ? args[0] : "/tmp/dnt-retention");
    int cells = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    String retention = args.length > 3 ? args[3] : "14d";
    if (Files.exists(state)) {
      throw new IllegalArgumentException("the state folder " + state + " exists; give a new one");
    }
    System.setProperty("dnt-live.cell.retention", retention);
    System.setProperty("dnt-live.ingest-log.partitions", "0");
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
    Path twinState = state.resolve("twin");
    LiveSettings settings =
        LiveSettings.defaults(twinState)
            .withForecast(ForecastSettings.off())
            .withSnapshotEvery(144);
    long rows = 0;
    long before;
    long after;
    long started = System.nanoTime();
    try {
      try (LiveTwin twin = LiveTwins.start(settings)) {
        before = usedAfterGc();
        for (int t = 0; t < days * 144; t++) {
          List<RawRow> batch = SnapshotSize.slot(rng, cells, t);
          twin.ingest(batch).toCompletableFuture().join();
          rows += batch.size();
        }
        after = usedAfterGc();
      }
      System.out.printf(
          Locale.ROOT,
          "retention %s: %d rows of %d cells over %d days (%.0f a cell) in %.0f s%n"
              + "used heap after GC: %.1f MB before, %.1f MB after; %.0f bytes per cell twin"
              + " (all the growth divided by the cells)%n",
          retention,
          rows,
          cells,
          days,
          rows / (double) cells,
          (System.nanoTime() - started) / 1e9,
          before / 1e6,
          after / 1e6,
          (after - before) / (double) cells);
      snapshots(twinState);
    } finally {
      LiveIngestRate.deleteTree(state);
    }
  }

  /** The sizes of the cells' snapshots the journal keeps (the newest two of each cell). */
  private static void snapshots(Path state) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(JournalSettings.embedded(state).url(), "sa", "");
        Statement st = c.createStatement();
        ResultSet r =
            st.executeQuery(
                "select \"sequence_number\" / 144, count(*), min(octet_length(\"snapshot_payload\")),"
                    + " avg(octet_length(\"snapshot_payload\")), max(octet_length("
                    + "\"snapshot_payload\")) from \"snapshot\" where \"persistence_id\" like"
                    + " 'cell|%' group by \"sequence_number\" / 144 order by 1")) {
      while (r.next()) {
        System.out.printf(
            Locale.ROOT,
            "cell snapshots after %d days: %d, bytes min %d mean %.0f max %d%n",
            r.getLong(1),
            r.getLong(2),
            r.getLong(3),
            r.getDouble(4),
            r.getLong(5));
      }
    }
  }

  /** Used heap after repeated full collections, bytes. */
  private static long usedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(300);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
