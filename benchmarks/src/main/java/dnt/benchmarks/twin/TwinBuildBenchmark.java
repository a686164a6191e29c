package dnt.benchmarks.twin;

import dnt.core.geo.GeoBounds;
import dnt.core.radio.LosMode;
import dnt.core.twin.NetworkTwin;
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
 * Time to build the synthetic Milan-sized twin (10,000 stations, 1,000,000 users) in a 4 GB heap:
 * placing users, associating each with its strongest station, and computing every load and
 * interference sum.
 *
 * {@snippet lang="shell" :
 * java -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     org.openjdk.jmh.Main 'twin.TwinBuildBenchmark' -f 1 -wi 1 -i 3
 * }
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TwinBuildBenchmark {
  @Param("10000")
  int stations;

  @Param("1000000")
  int users;

  @Param("never")
  String los;

  private GeoBounds area;

  /** Reads the Milan extent once. */
  @Setup(Level.Trial)
  public void extent() {
    area = CityScale.milanExtent();
  }

  /**
   * Builds the twin.
   *
   * @return the twin
   */
  @Benchmark
  public NetworkTwin build() {
    return CityScale.build(area, LosMode.parse(los), stations, users);
  }
}
