package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.UserId;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.TwinEvent;
import dnt.core.twin.TwinKpis;
import dnt.core.util.Progress;
import dnt.data.Service;
import dnt.data.milan.BundledData;
import dnt.data.milan.MilanGrid;
import dnt.data.milan.RadioLayer;
import dnt.data.raw.RawRow;
import dnt.data.twinbuild.MilanTwin;
import dnt.data.twinbuild.StationProfile;
import dnt.data.twinbuild.UserPlacement;
import dnt.live.radio.RadioFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The radio twin after a restart (docs/live.md, "The radio twin"): each cell twin tells the radio
 * twin its newest slot's internet activity once it has recovered, as after each event, so once the
 * cell twins of the journal have started in the background a restarted twin's radio state (every
 * user's demand, the KPIs, a fork) is the one before the stop, after a clean stop and after {@code
 * kill -9} (a separate JVM), with the single radio twin and with regions; and it equals a {@link
 * NetworkTwin} built from scratch with the same cells' traffic, computed here from the rows sent.
 */
final class RadioRecoveryTest {
  static final int USERS = 600;
  static final long SEED = 7;
  static final double TILE_M = 1500;

  /** The cells that get traffic: the radio twin's busiest (most users). */
  static final int CELLS = 8;

  /** Users' mean demand before their cell's first row (docs/live.md, "Your own network"). */
  private static final double MEAN_DEMAND_MBPS = 0.5;

  private static final long SLOT = 600_000L;
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();

  /**
   * Interference against a recomputation: each twin keeps its running sums within 1e-9 relative of
   * one (NetworkTwin's stated bound, docs/twin.md; dnt-core's IncrementalConsistencyTest), so a
   * fork of the live twin against a twin recomputed from scratch is within 1e-9.
   */
  private static final double DRIFT = 1e-9;

  /**
   * KPIs of two such twins (or of the regions, docs/cluster.md "How exact"): interference within 2
   * x 1e-9 relative of each other, so SINR within 10 / ln 10 x 2e-9 = 8.7e-9 dB (2e-8 with margin),
   * rates within 2e-9 relative (log2(1 + x) moves relatively no more than x) and activity factors
   * (loads over capacity, running sums too) within 2e-9 relative; 5e-9 with margin. Counts exact.
   */
  private static final double SINR_DB = 2e-8;

  private static final double REL = 5e-9;

  @TempDir Path tmp;

  static LiveSettings settings(Path state, double tileM) {
    RadioSettings radio = RadioSettings.milan(USERS, SEED);
    return LiveSettings.defaults(state)
        .withRadio(tileM > 0 ? radio.withRegions(tileM) : radio)
        .withForecast(ForecastSettings.off());
  }

  /** The users of each grid square, found from their positions independently of the runtime. */
  static Map<Integer, List<UserId>> usersByCell(NetworkTwin twin) {
    MilanGrid grid = MilanGrid.load();
    Map<Integer, List<UserId>> byCell = new HashMap<>();
    for (UserId u : twin.userIds()) {
      byCell
          .computeIfAbsent(
              grid.nearestCell(twin.userSpec(u).position()).value(), c -> new ArrayList<>())
          .add(u);
    }
    return byCell;
  }

  /** The {@link #CELLS} cells with most users (ties: the lower cell first). */
  static List<Integer> busiest(Map<Integer, List<UserId>> byCell) {
    List<Map.Entry<Integer, List<UserId>>> cells = new ArrayList<>(byCell.entrySet());
    cells.sort(
        (a, b) ->
            a.getValue().size() != b.getValue().size()
                ? Integer.compare(b.getValue().size(), a.getValue().size())
                : Integer.compare(a.getKey(), b.getKey()));
    return cells.subList(0, CELLS).stream().map(Map.Entry::getKey).toList();
  }

  @Test
  void theSingleRadioTwinIsRestoredAfterACleanStop() throws Exception {
    cleanStop(0);
  }

  @Test
  void theRegionsAreRestoredAfterACleanStop() throws Exception {
    cleanStop(TILE_M);
  }

  /** With the ingest log (the default): rows may be only in the log's events when the JVM dies. */
  @Test
  void theSingleRadioTwinIsRestoredAfterKillNine() throws Exception {
    killNine(0, Map.of());
  }

  /** On the per-cell path: every row is in the cell twins' own events, read back on recovery. */
  @Test
  void theRegionsAreRestoredAfterKillNine() throws Exception {
    killNine(TILE_M, Map.of("dnt-live.ingest-log.partitions", "0"));
  }

  /**
   * Feeds the busiest cells rows of different newest slots, a late row for an older slot (which
   * leaves the radio twin as it is) and a row sent again with another value (which replaces), stops
   * the twin and starts it again on its state folder.
   */
  private void cleanStop(double tileM) throws Exception {
    Path state = tmp.resolve("state");
    Map<Integer, List<UserId>> byCell;
    // (cell, slot) -> country code -> internet, as sent (a row sent again replaces)
    Map<Integer, TreeMap<Long, Map<Integer, Double>>> sent = new HashMap<>();
    TwinKpis before;
    NetworkTwin scratch;
    try (LiveTwin twin = LiveTwins.start(settings(state, tileM))) {
      byCell = usersByCell(twin.radioTwin().toCompletableFuture().join());
      List<Integer> cells = busiest(byCell);
      List<RawRow> older = new ArrayList<>();
      List<RawRow> newest = new ArrayList<>();
      for (int k = 0; k < cells.size(); k++) {
        int last = k % 3; // newest slots 0, 1 or 2
        for (int slot = 0; slot <= last; slot++) {
          for (int code : new int[] {0, 39, 7}) {
            // integers: every sum exact in double, whatever its order
            double internet = 1000.0 * (k + 1) + 10 * slot + code;
            (slot == 2 ? newest : older).add(row(cells.get(k), slot, code, internet));
          }
        }
      }
      // a late row of an older slot of a cell whose newest slot is 2, and a newest row sent again
      List<RawRow> late =
          List.of(
              row(cells.get(2), 0, 33, 777),
              row(cells.get(1), 1, 39, 5),
              row(cells.get(4), 1, 0, 3));
      for (List<RawRow> batch : List.of(older, newest, late)) {
        twin.ingest(batch).toCompletableFuture().join();
        for (RawRow r : batch) {
          sent.computeIfAbsent(r.cell(), c -> new TreeMap<>())
              .computeIfAbsent((r.timeMillis() - DAY) / SLOT, s -> new HashMap<>())
              .put(r.countryCode(), r.value(Service.INTERNET));
        }
      }
      scratch = fromScratch(byCell, newestActivity(sent));
      NetworkTwin live = awaitDemands(twin, scratch, tileM);
      assertThat(live.maxRelativeDifference(scratch)).isLessThanOrEqualTo(DRIFT);
      before = twin.radioKpis().toCompletableFuture().join();
      assertClose(before, scratch.kpis());
    }
    try (LiveTwin twin = LiveTwins.start(settings(state, tileM))) {
      TwinStatus started = awaitStarted(twin);
      assertThat(started.cellTwinsToStart()).as("the cells of the journal").isEqualTo(CELLS);
      NetworkTwin after = awaitDemands(twin, scratch, tileM);
      assertThat(after.maxRelativeDifference(scratch)).isLessThanOrEqualTo(DRIFT);
      TwinKpis k = twin.radioKpis().toCompletableFuture().join();
      assertClose(k, before);
      assertClose(k, scratch.kpis());
    }
  }

  /**
   * Kills a JVM ingesting (with the system properties given) after 20 acknowledged batches and
   * restarts on its state folder: each busy cell's newest slot is the last acknowledged one or the
   * one in flight (whole or absent per cell), and the radio twin shows that slot's traffic.
   */
  private void killNine(double tileM, Map<String, String> properties) throws Exception {
    Path state = tmp.resolve("state");
    Path acks = tmp.resolve("acks.txt");
    Map<String, String> child = new HashMap<>(properties);
    // the radio twin's stations and grid, found here from the repository's root
    child.put(BundledData.DATA_DIR_PROPERTY, BundledData.dir().toAbsolutePath().toString());
    int lastAcked =
        ChildKill.killAfter(
            ChildKill.command(
                child,
                RadioKillTarget.class,
                state.toString(),
                acks.toString(),
                Double.toString(tileM)),
            tmp.resolve("child.log"),
            acks,
            20,
            Duration.ofMinutes(3));
    Map<String, @Nullable String> saved = TestProperties.current(properties.keySet());
    Map<String, @Nullable String> set = new HashMap<>(properties);
    TestProperties.set(set);
    try (LiveTwin twin = LiveTwins.start(settings(state, tileM))) {
      awaitStarted(twin);
      Map<Integer, List<UserId>> byCell =
          usersByCell(twin.radioTwin().toCompletableFuture().join());
      List<Integer> cells = busiest(byCell);
      Map<Integer, CellLatest> latest = new HashMap<>();
      for (CellLatest c : twin.latest().toCompletableFuture().join()) {
        latest.put(c.cell().value(), c);
      }
      Map<Integer, Double> expected = new HashMap<>();
      for (int k = 0; k < cells.size(); k++) {
        CellLatest c = latest.get(cells.get(k));
        assertThat(c).as("cell %d holds its rows", cells.get(k)).isNotNull();
        int slot = (int) (c.slotMillis() / SLOT);
        assertThat(slot)
            .as("cell %d's newest slot", cells.get(k))
            .isBetween(lastAcked, lastAcked + 1);
        double internet = 0;
        for (int code : RadioKillTarget.CODES) {
          internet += RadioKillTarget.activity(k, slot, code);
        }
        assertThat(c.services()[Service.INTERNET.ordinal()]).isEqualTo(internet);
        expected.put(cells.get(k), internet);
      }
      NetworkTwin scratch = fromScratch(byCell, expected);
      NetworkTwin after = awaitDemands(twin, scratch, tileM);
      assertThat(after.maxRelativeDifference(scratch)).isLessThanOrEqualTo(DRIFT);
      assertClose(twin.radioKpis().toCompletableFuture().join(), scratch.kpis());
    } finally {
      TestProperties.set(saved);
    }
  }

  private static RawRow row(int cell, int slot, int code, double internet) {
    return new RawRow(cell, DAY + slot * SLOT, code, 0, 0, 0, 0, internet);
  }

  /** Each cell's newest slot's internet activity, summed over its country codes. */
  private static Map<Integer, Double> newestActivity(
      Map<Integer, TreeMap<Long, Map<Integer, Double>>> sent) {
    Map<Integer, Double> out = new HashMap<>();
    sent.forEach(
        (cell, slots) ->
            out.put(
                cell,
                slots.lastEntry().getValue().values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum()));
    return out;
  }

  /**
   * The radio twin built anew by the same builder and seed, each traffic cell's users given an
   * equal share of {@code 0.01} Mbit/s per unit of its activity, everything derived recomputed.
   */
  private static NetworkTwin fromScratch(
      Map<Integer, List<UserId>> byCell, Map<Integer, Double> internet) {
    MilanTwin milan =
        MilanTwin.bundled(
            RadioLayer.LTE,
            StationProfile.smallCell(),
            USERS,
            UserPlacement.STATIONS,
            0,
            MEAN_DEMAND_MBPS,
            SEED);
    NetworkTwin twin = milan.build(TwinConfig.defaults(milan.area()), Progress.NONE);
    double mbpsPerActivity = RadioSettings.milan(USERS, SEED).mbpsPerActivity();
    internet.forEach(
        (cell, activity) -> {
          List<UserId> users = byCell.get(cell);
          for (UserId u : users) {
            twin.apply(new TwinEvent.TrafficObserved(u, mbpsPerActivity * activity / users.size()));
          }
        });
    return twin.recomputed();
  }

  /**
   * The live radio twin once every user's demand is the from-scratch twin's, bit for bit. The
   * single radio twin has them at once (the cell twins told it before their start was counted);
   * regions are polled for up to 30 s, since each forwards the demands of its border users to its
   * neighbours by message.
   */
  private static NetworkTwin awaitDemands(LiveTwin twin, NetworkTwin scratch, double tileM)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    NetworkTwin live = twin.radioTwin().toCompletableFuture().join();
    while (tileM > 0 && !sameDemands(live, scratch) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      live = twin.radioTwin().toCompletableFuture().join();
    }
    for (UserId u : scratch.userIds()) {
      assertThat(live.userSpec(u).demandMbps())
          .as("demand of %s", u)
          .isEqualTo(scratch.userSpec(u).demandMbps());
    }
    return live;
  }

  private static boolean sameDemands(NetworkTwin a, NetworkTwin b) {
    for (UserId u : b.userIds()) {
      if (a.userSpec(u).demandMbps() != b.userSpec(u).demandMbps()) {
        return false;
      }
    }
    return true;
  }

  /** Waits until the cell twins of the journal have all started (recovered), up to 60 s. */
  private static TwinStatus awaitStarted(LiveTwin twin) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    TwinStatus s = twin.status();
    while ((s.cellTwinsToStart() < 0 || s.cellTwinsStarted() < s.cellTwinsToStart())
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
      s = twin.status();
    }
    assertThat(s.cellTwinsToStart()).as("the journal was listed").isNotNegative();
    assertThat(s.cellTwinsStarted()).isEqualTo(s.cellTwinsToStart());
    return s;
  }

  private static void assertClose(TwinKpis a, TwinKpis e) {
    RadioFixture.assertKpis(a, e, SINR_DB, REL, REL);
  }
}
