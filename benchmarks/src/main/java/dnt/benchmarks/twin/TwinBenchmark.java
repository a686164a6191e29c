package dnt.benchmarks.twin;

import dnt.core.BaseStationId;
import dnt.core.geo.GeoBounds;
import dnt.core.radio.LosMode;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinDelta;
import dnt.core.twin.TwinEvent;
import dnt.core.util.Seeds;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
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
 * Issue 4's targets on a synthetic city with the Milan grid's extent: the latency of one handover
 * with full propagation (load coupling, interference and shares of every affected user, the delta
 * built), a full recomputation of the same twin for comparison, and the throughput of a 90% move /
 * 10% handover mix with every delta computed. The twin is built once per trial (tens of seconds).
 *
 * {@snippet lang="shell" :
 * java -Xmx4g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     org.openjdk.jmh.Main 'twin.TwinBenchmark' -f 1 -wi 2 -i 3 -w 5s -r 10s -jvmArgs -Xmx4g
 * }
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class TwinBenchmark {
  @Param("10000")
  int stations;

  @Param("1000000")
  int users;

  @Param("never")
  String los;

  private NetworkTwin twin;
  private List<BaseStationId> ids;
  private GeoBounds area;
  private RandomGenerator rng;
  private long time;

  /** Builds the city. */
  @Setup(Level.Trial)
  public void build() {
    area = CityScale.milanExtent();
    twin = CityScale.build(area, LosMode.parse(los), stations, users);
    ids = twin.stationIds();
    rng = Seeds.generator(7);
  }

  /**
   * One explicit handover to a nearby station, with full propagation.
   *
   * @return the delta
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public TwinDelta handover() {
    return twin.apply(CityScale.handover(twin, rng, ids));
  }

  /**
   * A full recomputation of every derived quantity (the baseline the handover is compared with).
   *
   * @return the recomputed twin
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public NetworkTwin fullRecomputation() {
    return twin.recomputed();
  }

  /**
   * The event mix: 90% moves of up to 20 m (with the A3 rule evaluated), 10% handovers.
   *
   * @return the delta
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public TwinDelta mixedEvents() {
    time += 10;
    TwinEvent e =
        rng.nextInt(10) == 0
            ? CityScale.handover(twin, rng, ids)
            : CityScale.move(twin, rng, area, time);
    return twin.apply(e);
  }
}
