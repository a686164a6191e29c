package dnt.cli.cache;

import dnt.caching.io.AssociationCsv;
import dnt.caching.io.KeyRequests;
import dnt.caching.io.StatsCsv;
import dnt.caching.io.TraceCsv;
import dnt.caching.io.TraceFormats;
import dnt.caching.network.Footprint;
import dnt.caching.network.NetworkSimulator;
import dnt.caching.network.RequestStream;
import dnt.caching.network.SimulationOptions;
import dnt.caching.network.SimulationResult;
import dnt.caching.network.StationCacheFactory;
import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.caching.policy.PolicyRegistry;
import dnt.core.InvalidInputException;
import dnt.core.Registry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt cache simulate}: replays a request trace over one shared cache or a network of
 * stations, with a classic policy or Belady's MIN: the Belady bound for one shared cache, a
 * clairvoyant reference (not a bound) over a network of stations that serve each other's clients.
 *
 * {@snippet lang="shell" :
 * dnt cache simulate --trace trace.csv --capacity 150 --policy lru --association assoc.csv --out stats.csv
 * dnt cache simulate --trace trace.lirs --format lirs --capacity 150 --policy lru
 * }
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Replay a request trace (CSV time,client,item in time order, or a single-cache key trace:"
          + " lirs, arc, binary) over a cache or a network of caches; prints hit_rate=<decimal>"
          + " as the last stdout line. Key traces are streamed (memory does not grow with the"
          + " trace) except under belady, which reads the future and holds the trace in memory.",
      "Serving rule: a hit if the item is cached at any of the client's stations; if two hold it,"
          + " the one that has served fewer requests so far serves (ties to home); on a miss the"
          + " home station admits the item, evicting by the policy."
    })
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--trace", required = true, paramLabel = "FILE", description = "The trace.")
  Path trace;

  @Option(
      names = "--format",
      defaultValue = "csv",
      paramLabel = "NAME",
      description =
          "The trace's format: csv (time,client,item), lirs (one key per line; alias keys), arc"
              + " (start length ... per line) or binary (dnt's DNTK keys), case-insensitive"
              + " (default: ${DEFAULT-VALUE}). Key traces replay over one shared cache.")
  String format;

  @Option(
      names = "--capacity",
      required = true,
      paramLabel = "C",
      description =
          "Slots per cache (each station has C slots); at most 268435456, and the full caches"
              + " must fit in the Java heap (64 to 96 bytes a slot, by policy).")
  int capacity;

  @Option(
      names = "--policy",
      defaultValue = "lru",
      paramLabel = "NAME",
      description =
          "lru, lfu, fifo, random, arc, wtinylfu or belady, case-insensitive (default:"
              + " ${DEFAULT-VALUE}). belady is the offline MIN: a bound for one shared cache, but"
              + " with --association a clairvoyant reference, not a bound (stations serve each"
              + " other's clients).")
  String policy;

  @Option(
      names = "--association",
      paramLabel = "A.csv",
      description =
          "CSV client,station (home first, at most two per client); without it all"
              + " clients share one cache.")
  @Nullable Path association;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed for randomised policies (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "STATS.csv",
      description = "Write per-station requests, hits, hit rate and load share here.")
  @Nullable Path out;

  @Option(
      names = "--load-window",
      defaultValue = "400",
      description = "Requests in the sliding load window (default: ${DEFAULT-VALUE}).")
  int loadWindow;

  @Override
  public Integer call() throws IOException {
    if (capacity < 1) {
      throw new InvalidInputException("--capacity must be at least 1, got " + capacity);
    }
    if (loadWindow < 1) {
      throw new InvalidInputException("--load-window must be at least 1, got " + loadWindow);
    }
    Outputs.check("--out", out);
    PolicyRegistry.Spec policySpec = PolicyRegistry.spec(policy);
    Registry.Entry<TraceFormats.Format> traceFormat;
    try {
      traceFormat = TraceFormats.named(format);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--format: " + e.getMessage());
    }
    if (association != null && !traceFormat.factory().clients()) {
      throw new InvalidInputException(
          "--association needs a trace with clients (--format csv); a "
              + traceFormat.name()
              + " trace has one key per request and replays over one shared cache");
    }
    Topology topology = association == null ? Topology.shared() : AssociationCsv.read(association);
    checkCapacityFits(policySpec, topology.stationCount());
    StationCacheFactory caches = StationCacheFactory.of(policySpec, seed);
    SimulationOptions options = new SimulationOptions(loadWindow, 50, 1.5);
    SimulationResult r;
    if (traceFormat.factory().clients()) {
      Trace requests = TraceCsv.read(trace);
      AssociationCsv.checkCovers(requests, topology, trace.toString());
      r = NetworkSimulator.run(requests, topology, capacity, caches, options);
    } else {
      try (RequestStream requests = KeyRequests.of(traceFormat.factory().opener().open(trace))) {
        r = NetworkSimulator.run(requests, topology, capacity, caches, options);
      }
    }
    if (out != null) {
      new Outputs()
          .add(
              "--out",
              out,
              f -> {
                try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                  StatsCsv.write(r, w);
                }
              })
          .commit();
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(Locale.ROOT, "policy=%s%n", policySpec.name());
    stdout.printf(Locale.ROOT, "stations=%d%n", topology.stationCount());
    stdout.printf(Locale.ROOT, "requests=%d%n", r.requests());
    stdout.printf(Locale.ROOT, "hits=%d%n", r.hits());
    stdout.printf(Locale.ROOT, "load_max_over_mean=%.6f%n", r.maxOverMean());
    stdout.printf(Locale.ROOT, "load_jain=%.6f%n", r.jain());
    stdout.printf(Locale.ROOT, "overload_events=%d%n", r.overloadEvents());
    stdout.printf(Locale.ROOT, "hit_rate=%.6f%n", r.hitRate());
    stdout.flush();
    return 0;
  }

  /**
   * Refuses, before any work, a capacity the policies cannot index or whose caches, when full,
   * would not fit in the heap this Java VM can still use (estimated from their data structures).
   */
  private void checkCapacityFits(PolicyRegistry.Spec policySpec, int stations) {
    if (capacity > Footprint.MAX_CAPACITY) {
      throw new InvalidInputException(
          String.format(
              Locale.ROOT,
              "--capacity %d is above %d, the largest cache whose item index the policies can"
                  + " address (2^30 hash-table entries at load 0.5 for 2C items)",
              capacity,
              Footprint.MAX_CAPACITY));
    }
    long need = Footprint.caches(policySpec, stations, capacity);
    long available = Footprint.available();
    if (need > available) {
      long perSlot = Footprint.bytesPerSlot(policySpec);
      throw new InvalidInputException(
          String.format(
              Locale.ROOT,
              "--capacity %d cannot fit in memory: %d %s of %d slots under %s need up to %s (%d"
                  + " bytes a slot when full) and this Java VM can use %s more; use --capacity %d"
                  + " or less, or give Java a larger heap (e.g. DNT_JAVA_OPTS=-Xmx16g)",
              capacity,
              stations,
              stations == 1 ? "cache" : "caches",
              capacity,
              policySpec.name(),
              Footprint.format(need),
              perSlot,
              Footprint.format(available),
              available / (perSlot * stations)));
    }
  }
}
