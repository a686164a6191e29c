package dnt.benchmarks.caching;

import dnt.caching.workload.ZipfDistribution;
import dnt.core.util.Seeds;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Writes the seeded Zipf key trace of the replay comparison with the Caffeine simulator, one key
 * per line (the LIRS format both simulators read), and prints the hits of an independent LRU on it
 * (an access-order {@link LinkedHashMap}, not dnt's {@code Lru}), so that {@code
 * benchmarks/cache-replay-vs-caffeine.sh} can check every replay's hit count. Keys are the ranks
 * 0..items-1 of {@link ZipfDistribution}, drawn from {@code Seeds.generator(seed)}: the sequence of
 * {@link CacheReplayBenchmark}'s single-cache trace without its client draws.
 *
 * {@snippet lang="shell" :
 * java -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     dnt.benchmarks.caching.ZipfKeyTrace trace.lirs 10000000 1000000 0.9 42 150
 * }
 */
public final class ZipfKeyTrace {
  private ZipfKeyTrace() {}

  /**
   * Writes the trace and prints {@code requests=}, {@code lru_hits=} and {@code bytes=}.
   *
   * @param args output file, requests, items, Zipf exponent, seed, LRU capacity
   * @throws IOException when writing fails
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 6) {
      System.err.println("usage: ZipfKeyTrace OUT REQUESTS ITEMS ALPHA SEED CAPACITY");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    long requests = Long.parseLong(args[1]);
    int items = Integer.parseInt(args[2]);
    double alpha = Double.parseDouble(args[3]);
    long seed = Long.parseLong(args[4]);
    int capacity = Integer.parseInt(args[5]);
    ZipfDistribution zipf = new ZipfDistribution(items, alpha);
    RandomGenerator random = Seeds.generator(seed);
    Map<Integer, Boolean> lru =
        new LinkedHashMap<>(2 * capacity, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
            return size() > capacity;
          }
        };
    long hits = 0;
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.US_ASCII))) {
      StringBuilder line = new StringBuilder(16);
      for (long i = 0; i < requests; i++) {
        int key = zipf.sample(random);
        if (lru.get(key) != null) {
          hits++;
        } else {
          lru.put(key, Boolean.TRUE);
        }
        line.setLength(0);
        line.append(key).append('\n');
        w.append(line);
      }
    }
    System.out.println("requests=" + requests);
    System.out.println("lru_hits=" + hits);
    System.out.println("bytes=" + Files.size(out));
  }
}
