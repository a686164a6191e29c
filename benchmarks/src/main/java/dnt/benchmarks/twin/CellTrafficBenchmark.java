package dnt.benchmarks.twin;

import dnt.core.UserId;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.TwinDelta;
import dnt.core.twin.TwinEvent;
import dnt.core.util.Progress;
import dnt.data.milan.RadioLayer;
import dnt.data.twinbuild.MilanTwin;
import dnt.data.twinbuild.StationProfile;
import dnt.data.twinbuild.UserPlacement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 12's radio-twin cost: one Milan cell's traffic update on the live twin's radio twin of
 * Milan (bundled LTE stations as small cells, users placed by station density, each user in its
 * nearest grid square, as {@code RadioSettings.milan} builds it), applied as one {@code
 * TrafficObserved} per user (each with its own propagation, as before) against one {@code
 * TrafficBatch} for the cell, and a burst of {@code burstCells} cells (what one time-ordered batch
 * of 1,000 rows touches) as one batch. Cells are taken in turn from those with users, busiest
 * first, so every operation updates a different cell; the demand alternates between two values so
 * every update changes the loads.
 *
 * {@snippet lang="shell" :
 * java -Xmx4g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     org.openjdk.jmh.Main 'twin.CellTrafficBenchmark' -f 1 -wi 3 -i 5 -w 5s -r 5s
 * }
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class CellTrafficBenchmark {
  /** Users of the radio twin (the live twin's {@code RadioSettings.milan} takes this number). */
  @Param("10000")
  int users;

  /** Cells in one burst (a time-ordered batch of 1,000 Milan rows touches about 290). */
  @Param("290")
  int burstCells;

  private NetworkTwin twin;
  private List<List<UserId>> cells;
  private int next;
  private long round;

  /** Builds the radio twin of Milan and groups its users by grid square. */
  @Setup(Level.Trial)
  public void build() {
    MilanTwin milan =
        MilanTwin.bundled(
            RadioLayer.LTE, StationProfile.smallCell(), users, UserPlacement.STATIONS, 0, 0.5, 7);
    twin = milan.build(TwinConfig.defaults(milan.area()), Progress.NONE);
    cells = new ArrayList<>(milan.usersByCell(twin).values());
    cells.sort((a, b) -> Integer.compare(b.size(), a.size()));
  }

  private List<UserId> nextCell() {
    List<UserId> cell = cells.get(next);
    next = (next + 1) % cells.size();
    if (next == 0) {
      round++;
    }
    return cell;
  }

  private double demand() {
    return round % 2 == 0 ? 0.8 : 0.3;
  }

  /**
   * One cell's users, one event and one propagation each.
   *
   * @return the last delta
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public TwinDelta perUser() {
    List<UserId> cell = nextCell();
    double each = demand();
    TwinDelta last = twin.apply(new TwinEvent.TrafficObserved(cell.get(0), each));
    for (int k = 1; k < cell.size(); k++) {
      last = twin.apply(new TwinEvent.TrafficObserved(cell.get(k), each));
    }
    return last;
  }

  /**
   * One cell's users as one batch.
   *
   * @return the delta
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public TwinDelta perCell() {
    List<UserId> cell = nextCell();
    double each = demand();
    List<TwinEvent.TrafficObserved> demands = new ArrayList<>(cell.size());
    for (UserId u : cell) {
      demands.add(new TwinEvent.TrafficObserved(u, each));
    }
    return twin.apply(new TwinEvent.TrafficBatch(demands));
  }

  /**
   * {@code burstCells} cells' users as one batch, as the radio twin actor flushes a burst; divide
   * by {@code burstCells} for the cost per cell.
   *
   * @return the delta
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public TwinDelta burst() {
    List<TwinEvent.TrafficObserved> demands = new ArrayList<>();
    for (int c = 0; c < burstCells; c++) {
      List<UserId> cell = nextCell();
      double each = demand();
      for (UserId u : cell) {
        demands.add(new TwinEvent.TrafficObserved(u, each));
      }
    }
    return twin.apply(new TwinEvent.TrafficBatch(demands));
  }
}
