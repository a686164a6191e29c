package dnt.benchmarks.caching;

import dnt.caching.network.NetworkSimulator;
import dnt.caching.network.SimulationOptions;
import dnt.caching.network.StationCacheFactory;
import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.caching.policy.Belady;
import dnt.caching.policy.CachePolicy;
import dnt.caching.policy.Lru;
import dnt.caching.policy.NextUse;
import dnt.caching.policy.PolicyRegistry;
import dnt.caching.workload.ZipfDistribution;
import dnt.core.util.Seeds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Replay speed of the caching simulator on a 10-million-request Zipf(0.9) trace over one million
 * items, against a {@link LinkedHashMap} access-order LRU as the reference implementation (the
 * Caffeine simulator needs Java 25 and cannot run beside it here).
 *
 * <ul>
 *   <li>{@code lru}, {@code linkedHashMapLru}: requests per second, one cache of 150 slots;
 *   <li>{@code belady}: seconds for next-use precomputation plus replay, one cache of 150 slots;
 *   <li>{@code networkLru}: requests per second through the full network simulator (5 stations, 40
 *       clients, 40% dual-homed), including load windows and time series.
 * </ul>
 *
 * {@snippet lang="shell" :
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   org.openjdk.jmh.Main CacheReplayBenchmark -f 1 -wi 2 -i 3
 * }
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CacheReplayBenchmark {
  static final int REQUESTS = 10_000_000;
  static final int CAPACITY = 150;

  int[] items;
  Trace networkTrace;
  Topology topology;

  /** Generates the trace once per trial. */
  @Setup(Level.Trial)
  public void setUp() {
    RandomGenerator random = Seeds.generator(42);
    ZipfDistribution zipf = new ZipfDistribution(1_000_000, 0.9);
    items = new int[REQUESTS];
    int[] clients = new int[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      items[i] = zipf.sample(random);
      clients[i] = random.nextInt(40);
    }
    networkTrace = Trace.sequential(clients, items);
    topology = Topology.ring(5, 8, 0.4, Seeds.generator(1));
  }

  /**
   * LRU replay of the whole trace.
   *
   * @return the hits
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OperationsPerInvocation(REQUESTS)
  public int lru() {
    CachePolicy lru = new Lru(CAPACITY);
    int hits = 0;
    for (int item : items) {
      if (lru.access(item, CachePolicy.NEVER)) {
        hits++;
      }
    }
    return hits;
  }

  /**
   * The reference: an access-order {@link LinkedHashMap} evicting its eldest entry.
   *
   * @return the hits
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OperationsPerInvocation(REQUESTS)
  public int linkedHashMapLru() {
    Map<Integer, Boolean> lru =
        new LinkedHashMap<>(2 * CAPACITY, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
            return size() > CAPACITY;
          }
        };
    int hits = 0;
    for (int item : items) {
      if (lru.get(item) != null) {
        hits++;
      } else {
        lru.put(item, Boolean.TRUE);
      }
    }
    return hits;
  }

  /**
   * Belady: next-use precomputation and replay.
   *
   * @return the hits
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  public int belady() {
    int[] next = NextUse.of(items);
    CachePolicy b = new Belady(CAPACITY);
    int hits = 0;
    for (int i = 0; i < items.length; i++) {
      if (b.access(items[i], next[i])) {
        hits++;
      }
    }
    return hits;
  }

  /**
   * LRU through the network simulator.
   *
   * @return the hits
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OperationsPerInvocation(REQUESTS)
  public long networkLru() {
    return NetworkSimulator.run(
            networkTrace,
            topology,
            CAPACITY,
            StationCacheFactory.of(PolicyRegistry.spec("lru"), 1),
            SimulationOptions.DEFAULTS)
        .hits();
  }
}
