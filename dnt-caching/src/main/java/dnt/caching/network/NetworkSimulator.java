package dnt.caching.network;

import dnt.caching.policy.CachePolicy;
import dnt.core.InvalidInputException;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Replays a trace over a caching network with a fixed serving rule ({@link ServingRule}, from
 * {@link SimulationOptions#serving()}; see docs/caching.md):
 *
 * <ul>
 *   <li>{@link ServingRule#HOME_FETCH} (the first study's rule, reconstructed): a request from
 *       client u for item f is a hit if f is cached at any of u's stations; when two hold it, the
 *       station that has served fewer requests so far serves it, ties to the home station; on a
 *       miss the home station fetches f over the backhaul, serves it, and its cache decides
 *       admission and eviction ({@link CachePolicy#admit}); load counts served requests.
 *   <li>{@link ServingRule#LEAST_LOADED} (issue 16): a hit is served by the holder with the smaller
 *       windowed load (ties to home); a miss is fetched by the covering station with the smaller
 *       windowed load (ties to home), which serves it and decides admission; a hit costs the
 *       serving station one load unit, a miss two (served plus fetched).
 *   <li>stations never fetch from each other.
 * </ul>
 *
 * <p>Offline policies receive, for a station and an item, the position of the item's next request
 * by any client that the station covers, whichever station will serve it: with every hit, every
 * admission, and ({@link CachePolicy#servedElsewhere}) every hit that the client's other covering
 * station served while this one held the item too. That is per-station Belady, the network's {@link
 * ClairvoyantReference} (a bound only for a single cache). The next-use table is computed only for
 * offline policies, and only they receive the extra call, so online policies replay the same as
 * before.
 */
public final class NetworkSimulator implements NetworkView {
  private final int n;
  private final Topology topology;
  private final SimulationOptions options;
  private final CachePolicy[] caches;
  private final StationCacheFactory factory;
  private final int @Nullable [] next;
  private final long[] served;
  private final long[] fetched;
  private final long[] stationHits;
  private final long[] homeRequests;
  private final int[] windowLoad;
  private final boolean[] overloaded;
  private final long[] stationEvents;
  private final int[] ring;
  private final int[] ringUnits;
  private final boolean leastLoaded;
  private final int fetchCost;
  private double threshold;
  private long windowUnits;
  private int request;
  private int client;
  private int[] clientStations = new int[0];
  private final int buckets;
  private final long[] bucketHits;
  private final long[] bucketRequests;
  private final long[][] loadSeries;
  private long hits;
  private long events;

  private NetworkSimulator(
      int n,
      Topology topology,
      int capacity,
      StationCacheFactory factory,
      SimulationOptions options,
      int @Nullable [] next) {
    if (capacity < 1) {
      throw new InvalidInputException("capacity must be at least 1, got " + capacity);
    }
    this.n = n;
    this.topology = topology;
    this.options = options;
    int b = topology.stationCount();
    served = new long[b];
    fetched = new long[b];
    stationHits = new long[b];
    homeRequests = new long[b];
    windowLoad = new int[b];
    overloaded = new boolean[b];
    stationEvents = new long[b];
    // a window longer than the trace never slides: the trace's length is all the ring needs
    ring = new int[Math.max(1, Math.min(options.loadWindow(), n))];
    java.util.Arrays.fill(ring, -1);
    ringUnits = new int[ring.length];
    leastLoaded = options.serving() == ServingRule.LEAST_LOADED;
    fetchCost = options.serving().fetchCost();
    threshold = options.overloadFactor() * options.loadWindow() / b;
    this.factory = factory;
    caches = new CachePolicy[b];
    for (int s = 0; s < b; s++) {
      caches[s] = factory.create(s, capacity, this);
    }
    this.next = next;
    buckets = Math.max(1, Math.min(options.timeBuckets(), n));
    bucketHits = new long[buckets];
    bucketRequests = new long[buckets];
    loadSeries = new long[b][buckets];
  }

  /**
   * Replays a trace.
   *
   * @param trace the requests, in time order
   * @param topology the client-station association
   * @param capacity slots per station, at least 1
   * @param factory the caches
   * @param options the measurement settings
   * @return the metrics
   * @throws InvalidInputException when a client has no station or the capacity is below 1
   */
  public static SimulationResult run(
      Trace trace,
      Topology topology,
      int capacity,
      StationCacheFactory factory,
      SimulationOptions options) {
    int @Nullable [] next = factory.needsFuture() ? nextUse(trace, topology) : null;
    NetworkSimulator sim =
        new NetworkSimulator(trace.size(), topology, capacity, factory, options, next);
    int[] clients = trace.clients();
    int[] items = trace.items();
    for (int i = 0; i < clients.length; i++) {
      sim.serve(i, clients[i], items[i]);
    }
    return sim.result();
  }

  /**
   * Replays a stream of requests batch by batch, without holding the trace, when the policy is
   * online; an offline policy ({@link StationCacheFactory#needsFuture()}, e.g. Belady's MIN) needs
   * every request's next use, so the stream is read into memory first ({@link
   * RequestStream#materialise}) and replayed as a {@link Trace}. Both give the same result as
   * {@link #run(Trace, Topology, int, StationCacheFactory, SimulationOptions)} on the same
   * requests.
   *
   * @param requests the requests, in time order; read to the end, not closed
   * @param topology the client-station association
   * @param capacity slots per station, at least 1
   * @param factory the caches
   * @param options the measurement settings
   * @return the metrics
   * @throws IOException when reading the stream fails
   * @throws InvalidInputException when a client has no station, the capacity is below 1, or the
   *     stream has more than {@link Integer#MAX_VALUE} requests
   */
  public static SimulationResult run(
      RequestStream requests,
      Topology topology,
      int capacity,
      StationCacheFactory factory,
      SimulationOptions options)
      throws IOException {
    if (factory.needsFuture()) {
      return run(RequestStream.materialise(requests), topology, capacity, factory, options);
    }
    long size = requests.size();
    if (size > Integer.MAX_VALUE) {
      throw new InvalidInputException(
          "the trace has " + size + " requests; at most " + Integer.MAX_VALUE + " can be replayed");
    }
    NetworkSimulator sim =
        new NetworkSimulator((int) size, topology, capacity, factory, options, null);
    int[] clients = new int[RequestStream.BATCH];
    int[] items = new int[RequestStream.BATCH];
    int i = 0;
    for (int k = requests.read(clients, items); k > 0; k = requests.read(clients, items)) {
      if (k > size - i) {
        throw new IllegalStateException("the stream gave more requests than its size " + size);
      }
      for (int j = 0; j < k; j++) {
        sim.serve(i++, clients[j], items[j]);
      }
    }
    if (i != size) {
      throw new IllegalStateException("the stream gave " + i + " requests, its size is " + size);
    }
    return sim.result();
  }

  /** Serves request i. */
  private void serve(int i, int requester, int item) {
    request = i;
    client = requester;
    int[] st = topology.stationsOf(requester);
    if (st.length == 0) {
      throw new InvalidInputException(
          "request " + (i + 1) + ": client " + requester + " has no station");
    }
    clientStations = st;
    int home = st[0];
    homeRequests[home]++;
    int server = -1;
    int pos = 0;
    if (caches[home].contains(item)) {
      server = home;
    }
    if (st.length == 2 && caches[st[1]].contains(item)) {
      if (server < 0 || lighter(st[1], home)) {
        server = st[1];
        pos = 1;
      }
    }
    int bucket = (int) ((long) i * buckets / n);
    boolean hit = server >= 0;
    int units = 1;
    if (hit) {
      caches[server].recordHit(item, next == null ? CachePolicy.NEVER : next[2 * i + pos]);
      if (next != null && st.length == 2 && caches[st[1 - pos]].contains(item)) {
        // the other covering station holds the item too: its next use there moves on as well
        caches[st[1 - pos]].servedElsewhere(item, next[2 * i + 1 - pos]);
      }
      hits++;
      stationHits[server]++;
      bucketHits[bucket]++;
    } else {
      server = home;
      if (leastLoaded && st.length == 2 && windowLoad[st[1]] < windowLoad[home]) {
        server = st[1];
        pos = 1;
      }
      caches[server].admit(item, next == null ? CachePolicy.NEVER : next[2 * i + pos]);
      fetched[server] += fetchCost;
      units += fetchCost;
    }
    bucketRequests[bucket]++;
    served[server]++;
    loadSeries[server][bucket] += units;
    events += slide(i, server, units);
    factory.observe(this, item, server, hit);
  }

  private SimulationResult result() {
    double[] hitSeries = new double[buckets];
    for (int k = 0; k < buckets; k++) {
      hitSeries[k] = bucketRequests[k] == 0 ? 0 : (double) bucketHits[k] / bucketRequests[k];
    }
    long interventions = 0;
    for (CachePolicy c : caches) {
      interventions += c.interventions();
    }
    return new SimulationResult(
        n,
        hits,
        served,
        fetched,
        stationHits,
        homeRequests,
        hitSeries,
        loadSeries,
        events,
        interventions,
        stationEvents.clone());
  }

  /** Whether station a is the lighter server than the home station under the serving rule. */
  private boolean lighter(int a, int home) {
    return leastLoaded ? windowLoad[a] < windowLoad[home] : served[a] < served[home];
  }

  /**
   * Moves the load window by one request of {@code units} load units at {@code server}; returns the
   * number of stations that just became overloaded.
   */
  private int slide(int i, int server, int units) {
    int slot = i % ring.length;
    int leaving = ring[slot];
    int leavingUnits = ringUnits[slot];
    ring[slot] = server;
    ringUnits[slot] = units;
    windowLoad[server] += units;
    windowUnits += units;
    if (leaving >= 0) {
      windowLoad[leaving] -= leavingUnits;
      windowUnits -= leavingUnits;
    }
    if (leastLoaded) {
      // the fair share follows the units in the window: every station's state can change
      threshold =
          options.overloadFactor()
              * Math.max((double) options.loadWindow(), (double) windowUnits)
              / caches.length;
      int events = 0;
      for (int s = 0; s < caches.length; s++) {
        boolean over = windowLoad[s] > threshold;
        if (over && !overloaded[s]) {
          events++;
          stationEvents[s]++;
        }
        overloaded[s] = over;
      }
      return events;
    }
    if (leaving >= 0 && windowLoad[leaving] <= threshold) {
      overloaded[leaving] = false;
    }
    if (windowLoad[server] > threshold && !overloaded[server]) {
      overloaded[server] = true;
      stationEvents[server]++;
      return 1;
    }
    return 0;
  }

  /** next[2i + k]: the next request of items[i] among clients attached to stationsOf(i)[k]. */
  private static int[] nextUse(Trace trace, Topology topology) {
    int n = trace.size();
    int[] next = new int[2 * n];
    Int2IntOpenHashMap[] last = new Int2IntOpenHashMap[topology.stationCount()];
    for (int s = 0; s < last.length; s++) {
      last[s] = new Int2IntOpenHashMap();
      last[s].defaultReturnValue(CachePolicy.NEVER);
    }
    for (int i = n - 1; i >= 0; i--) {
      int[] st = topology.stationsOf(trace.clients()[i]);
      for (int k = 0; k < st.length; k++) {
        next[2 * i + k] = last[st[k]].put(trace.items()[i], i);
      }
    }
    return next;
  }

  @Override
  public int stationCount() {
    return caches.length;
  }

  @Override
  public int requestIndex() {
    return request;
  }

  @Override
  public int client() {
    return client;
  }

  @Override
  public int[] clientStations() {
    return clientStations;
  }

  @Override
  public int windowLoad(int station) {
    return windowLoad[station];
  }

  @Override
  public int loadWindow() {
    return options.loadWindow();
  }

  @Override
  public double overloadThreshold() {
    return threshold;
  }
}
