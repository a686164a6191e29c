package dnt.benchmarks.live;

import dnt.data.raw.RawRow;
import dnt.live.ForecastSettings;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import dnt.live.RadioSettings;
import dnt.live.cluster.ClusterStatus;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Heap per entity of the live twin, for issue 14's scale-out projection (docs/PERFORMANCE.md,
 * "Scale-out projection (issue 14)"): a single-node twin (embedded journal, forecasting off) is
 * started, its used heap after a full garbage collection measured, then one day of {@code cells}
 * cells (the rows of {@link HttpIngestRate}, seed 42, file order, about 560 rows a cell) ingested
 * in batches of 1,000 and the used heap measured again while every cell twin is running (the
 * cluster status counts them; idle passivation comes after 2 minutes). The difference divided by
 * the cell twins is the heap of a cell twin holding a day of history, with everything the node
 * keeps per cell (its entry in the latest board, the held spans, sharding's bookkeeping) and the
 * journal's caches that grew with it; the read side (DuckDB) keeps its data off the Java heap and
 * is not counted.
 *
 * <p>With {@code radio} the twin also runs the radio twin of Milan (10,000 users, seed 1, as {@code
 * dnt serve} does), one actor; with {@code regions:METRES} partitioned into region entities of
 * tiles of that side. The heap of a region entity is then (heap with regions - heap with one radio
 * twin) / regions, both after the same day: the regions' own {@code NetworkTwin} subsets and border
 * copies, beyond the whole twin every node builds once.
 *
 * {@snippet lang="shell" :
 * java -Xmx2g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   dnt.benchmarks.live.EntityMemory /tmp/dnt-mem 2000 off
 * }
 *
 * <p>Arguments: a state folder (must not exist; deleted at the end), cells, and {@code off}, {@code
 * radio} or {@code regions:METRES}. Memory is not a time: the figures do not depend on the load of
 * the machine (only the garbage collector's timing does, which the repeated collections settle).
 */
public final class EntityMemory {
  private EntityMemory() {}

  /**
   * Runs the measurement.
   *
   * @param args state folder, cells, radio mode
   * @throws Exception if the twin cannot start or a batch is refused
   */
  public static void main(String[] args) throws Exception {
    Path state = Path.of(args.length > 0 ? args[0] : "/tmp/dnt-mem");
    int cells = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    String radio = args.length > 2 ? args[2] : "off";
    if (Files.exists(state)) {
      throw new IllegalArgumentException("the state folder " + state + " exists; give a new one");
    }
    LiveSettings settings =
        LiveSettings.defaults(state.resolve("twin")).withForecast(ForecastSettings.off());
    if (radio.equals("radio")) {
      settings = settings.withRadio(RadioSettings.milan(10_000, 1));
    } else if (radio.startsWith("regions:")) {
      settings =
          settings.withRadio(
              RadioSettings.milan(10_000, 1)
                  .withRegions(Double.parseDouble(radio.substring("regions:".length()))));
    } else if (!radio.equals("off")) {
      throw new IllegalArgumentException("radio must be off, radio or regions:METRES: " + radio);
    }
    String[] lines = HttpIngestRate.rows(cells, false, 42);
    try (LiveTwin twin = LiveTwins.start(settings)) {
      long before = usedAfterGc();
      List<RawRow> batch = new ArrayList<>(1000);
      for (String line : lines) {
        String[] f = line.split("\t", -1);
        batch.add(
            new RawRow(
                Integer.parseInt(f[0]),
                Long.parseLong(f[1]),
                Integer.parseInt(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                Double.parseDouble(f[5]),
                Double.parseDouble(f[6]),
                Double.parseDouble(f[7])));
        if (batch.size() == 1000) {
          twin.ingest(batch).toCompletableFuture().join();
          batch = new ArrayList<>(1000);
        }
      }
      long after = usedAfterGc();
      ClusterStatus s = twin.cluster().toCompletableFuture().join();
      int running = entities(s, "cell");
      int regions = entities(s, "radio-region");
      System.out.printf(
          Locale.ROOT,
          "radio %s, %d rows of %d cells ingested; %d cell twins and %d region entities running%n"
              + "used heap after GC: %.1f MB before, %.1f MB after; %.0f bytes per cell twin"
              + " (all the growth divided by the cell twins)%n",
          radio,
          lines.length,
          cells,
          running,
          regions,
          before / 1e6,
          after / 1e6,
          (after - before) / (double) running);
      // the rows are cut to whole batches, which may leave the last cell out
      long sent = Arrays.stream(lines).map(l -> l.substring(0, l.indexOf('\t'))).distinct().count();
      if (running != sent) {
        throw new IllegalStateException(running + " cell twins run, not " + sent);
      }
    } finally {
      LiveIngestRate.deleteTree(state);
    }
  }

  private static int entities(ClusterStatus s, String type) {
    return s.entityTypes().stream()
        .filter(t -> t.name().equals(type))
        .flatMap(t -> t.nodes().stream())
        .mapToInt(ClusterStatus.NodeShards::entities)
        .sum();
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
