package dnt.benchmarks.live;

import dnt.data.raw.RawRow;
import dnt.live.JournalSettings;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * How large a cell twin's snapshot grows with the history it holds, which decides how the embedded
 * journal stores snapshots (docs/PERFORMANCE.md, "Fewer B-trees per journaled event"): a live twin
 * with the defaults of {@code dnt serve} ingests {@code days} days of {@code cells} cells in time
 * order (every cell of a slot before the next slot, 1 to 6 country codes a slot, as in the real
 * Milan files), with a snapshot every 144 events, so that each cell's snapshots fall at the end of
 * each day (one event per cell and slot); then the sizes of the snapshots and events in the journal
 * are read with SQL.
 *
 * {@snippet lang="shell" :
 * java -Xmx2g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   dnt.benchmarks.live.SnapshotSize /tmp/dnt-snapshot-size 50 3
 * }
 *
 * <p>Arguments: a state folder (must not exist; kept), cells, days.
 */
public final class SnapshotSize {
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();
  private static final long SLOT = 600_000L;
  private static final int[] CODES = {39, 33, 49, 44, 86, 1, 7};

  private SnapshotSize() {}

  /**
   * Runs the probe.
   *
   * @param args state folder, cells, days
   * @throws SQLException if the journal cannot be read
   */
  public static void main(String[] args) throws SQLException {
    Path state = Path.of(args.length > 0 ? args[0] : "/tmp/dnt-snapshot-size");
    int cells = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int days = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    if (Files.exists(state)) {
      throw new IllegalArgumentException("the state folder " + state + " exists; give a new one");
    }
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
    LiveSettings settings = LiveSettings.defaults(state).withSnapshotEvery(144);
    try (LiveTwin twin = LiveTwins.start(settings)) {
      for (int t = 0; t < days * 144; t++) {
        twin.ingest(slot(rng, cells, t)).toCompletableFuture().join();
      }
    }
    try (Connection c =
            DriverManager.getConnection(JournalSettings.embedded(state).url(), "sa", "");
        Statement st = c.createStatement()) {
      try (ResultSet r =
          st.executeQuery(
              "select \"sequence_number\" / 144, count(*), min(octet_length(\"snapshot_payload\")),"
                  + " avg(octet_length(\"snapshot_payload\")), max(octet_length("
                  + "\"snapshot_payload\")) from \"snapshot\" where \"persistence_id\" like"
                  + " 'cell|%' group by \"sequence_number\" / 144 order by 1")) {
        while (r.next()) {
          System.out.printf(
              Locale.ROOT,
              "cell snapshots after %d days of history: %d, bytes min %d mean %.0f max %d%n",
              r.getLong(1),
              r.getLong(2),
              r.getLong(3),
              r.getDouble(4),
              r.getLong(5));
        }
      }
      try (ResultSet r =
          st.executeQuery(
              "select count(*), avg(octet_length(\"event_payload\")), max(octet_length("
                  + "\"event_payload\")) from \"event_journal\" where \"persistence_id\" like"
                  + " 'cell|%'")) {
        r.next();
        System.out.printf(
            Locale.ROOT,
            "cell events: %d, bytes mean %.0f max %d%n",
            r.getLong(1),
            r.getDouble(2),
            r.getLong(3));
      }
    }
  }

  /**
   * One slot's rows of synthetic cells: 1 to 6 country codes per cell, random activities (the draws
   * in a fixed order, so a seed gives the same rows; {@link RetentionMemory} uses it too).
   *
   * @param rng the draws
   * @param cells cells 1 to {@code cells}
   * @param t the slot's index from the first day's midnight
   * @return the rows
   */
  static List<RawRow> slot(RandomGenerator rng, int cells, int t) {
    List<RawRow> batch = new ArrayList<>();
    for (int cell = 1; cell <= cells; cell++) {
      int codes = 1 + rng.nextInt(6);
      for (int k = 0; k < codes; k++) {
        batch.add(
            new RawRow(
                cell,
                DAY + t * SLOT,
                CODES[k],
                rng.nextDouble(),
                rng.nextDouble(),
                rng.nextDouble(),
                rng.nextDouble(),
                rng.nextDouble() * 50));
      }
    }
    return batch;
  }
}
