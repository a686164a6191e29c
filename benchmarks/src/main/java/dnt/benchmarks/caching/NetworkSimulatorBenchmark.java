package dnt.benchmarks.caching;

import dnt.caching.network.NetworkSimulator;
import dnt.caching.network.RequestStream;
import dnt.caching.network.ServingRule;
import dnt.caching.network.SimulationOptions;
import dnt.caching.network.StationCacheFactory;
import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.caching.policy.PolicyRegistry;
import dnt.caching.workload.ZipfDistribution;
import dnt.core.util.Seeds;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Requests per second of the multi-station simulator ({@link NetworkSimulator}: serving rule, load
 * window, overload events, time series) on a 2-million-request Zipf(0.9) trace over 100,000 items,
 * clients drawn uniformly, on a ring of {@code stations} stations with 8 home clients per station
 * (the paper's five) or 200 (issue 16's scale: 50 stations and 10,000 clients), 40% of the clients
 * covered by two stations; C = 150 slots per station. {@code replay} reads the trace from memory,
 * {@code replayStream} through a {@link RequestStream} in batches (the path of {@code dnt cache
 * simulate} for key traces).
 *
 * {@snippet lang="shell" :
 * mvn -o -B -q -DskipTests package -pl benchmarks -am
 * java -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   org.openjdk.jmh.Main NetworkSimulatorBenchmark -f 1 -wi 2 -i 3
 * }
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NetworkSimulatorBenchmark {
  static final int REQUESTS = 2_000_000;
  static final int CAPACITY = 150;

  /** Stations and clients per station: {@code 5x8} or {@code 50x200}. */
  @Param({"5x8", "50x200"})
  public String network;

  /** The serving rule: {@code HOME_FETCH} or {@code LEAST_LOADED}. */
  @Param({"HOME_FETCH", "LEAST_LOADED"})
  public String serving;

  /** The policy at every station. */
  @Param({"lru", "wtinylfu"})
  public String policy;

  Trace trace;
  Topology topology;
  SimulationOptions options;
  StationCacheFactory caches;

  /** Generates the trace and network once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    String[] size = network.split("x", 2);
    int stations = Integer.parseInt(size[0]);
    int perStation = Integer.parseInt(size[1]);
    RandomGenerator random = Seeds.generator(42);
    ZipfDistribution zipf = new ZipfDistribution(100_000, 0.9);
    int[] items = new int[REQUESTS];
    int[] clients = new int[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      items[i] = zipf.sample(random);
      clients[i] = random.nextInt(stations * perStation);
    }
    trace = Trace.sequential(clients, items);
    topology = Topology.ring(stations, perStation, 0.4, Seeds.generator(1));
    options = new SimulationOptions(400, 50, 1.5, ServingRule.valueOf(serving));
    caches = StationCacheFactory.of(PolicyRegistry.spec(policy), 1);
  }

  /**
   * The whole trace through the simulator, from memory.
   *
   * @return the hits
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OperationsPerInvocation(REQUESTS)
  public long replay() {
    return NetworkSimulator.run(trace, topology, CAPACITY, caches, options).hits();
  }

  /**
   * The whole trace through the simulator, as a stream of batches.
   *
   * @return the hits
   * @throws IOException never (the stream is in memory)
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OperationsPerInvocation(REQUESTS)
  public long replayStream() throws IOException {
    return NetworkSimulator.run(RequestStream.of(trace), topology, CAPACITY, caches, options)
        .hits();
  }
}
