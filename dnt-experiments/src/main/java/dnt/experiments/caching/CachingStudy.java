package dnt.experiments.caching;

import dnt.caching.bound.FemtocachingPlacement;
import dnt.caching.network.ClairvoyantReference;
import dnt.caching.network.LoadLever;
import dnt.caching.network.NetworkSimulator;
import dnt.caching.network.SimulationOptions;
import dnt.caching.network.SimulationResult;
import dnt.caching.network.SmallCellCluster;
import dnt.caching.network.StationCacheFactory;
import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.caching.network.TwinCoverage;
import dnt.caching.policy.PolicyRegistry;
import dnt.caching.rl.Agents;
import dnt.caching.rl.PpoSettings;
import dnt.caching.rl.RlController;
import dnt.caching.rl.SystemKind;
import dnt.caching.rl.SystemTrainer;
import dnt.caching.twin.CachingTwin;
import dnt.caching.twin.TwinStress;
import dnt.caching.workload.ItemSampler;
import dnt.caching.workload.RareEvent;
import dnt.caching.workload.RequestGenerator;
import dnt.caching.workload.RequestModels;
import dnt.caching.workload.ZipfPopularity;
import dnt.core.util.Progress;
import dnt.core.util.Seeds;
import dnt.experiments.harness.Replication;
import dnt.experiments.harness.Replications;
import dnt.experiments.harness.Study;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One replication of the caching study per seed: builds a network and its physical request model,
 * records a common-regime history, fits the twin to it, trains the four systems, and evaluates them
 * with the classic policies and the clairvoyant references on the same common and rare test
 * streams.
 *
 * <p>The rare test regime (reconstructed) combines a rate surge at station 0 over the middle third,
 * a flash crowd at station 1 over the third quarter, and a popularity shift at two thirds. Twin
 * episodes carry the twin's own rare events ({@link TwinStress}: surges and shifts extrapolated
 * from the history, no flash crowd), so the rare test regime is held out; with {@code twinEvents:
 * copied} they inject the test regime's kinds of event at random stations and times instead. With
 * {@code equalBudget}, "RL (equal budget)" and "Reliable RL (equal budget)" train on as many
 * physical episodes as the w/ DNT systems get physical plus twin episodes.
 */
public final class CachingStudy implements Study<CachingStudy.Result> {
  /** Items of flash crowds get ids from here on, far above the catalogue and shot contents. */
  static final int FLASH_ITEMS = 50_000_000;

  /**
   * The name of the clairvoyant reference: per-station Belady MIN, which sees the future but is no
   * bound on this network (the agents may refuse admission, and stations serve each other's
   * clients; see {@link ClairvoyantReference}).
   */
  public static final String CLAIRVOYANT = "Clairvoyant";

  /** The name of the greedy femtocaching placement from the stream's own frequencies. */
  public static final String FEMTOCACHING = "Femtocaching";

  /** The suffix of the equal-budget arm's systems. */
  public static final String EQUAL_BUDGET = " (equal budget)";

  /** Slots per rate window of the twin's stress model. */
  static final int STRESS_WINDOW = 10;

  /** How far beyond the history's extremes the twin's rare episodes go. */
  static final double STRESS_AMPLIFY = 2;

  /** A learned system to train: its kind, label, arm, physical episodes and training seed. */
  private record Arm(SystemKind kind, String label, String arm, List<Trace> physical, long seed) {}

  /** The arm of the systems trained on the physical episodes (plus the twin's, w/ DNT). */
  public static final String FIXED_ARM = "fixed-physical";

  /** The arm of the systems trained on as many physical episodes as w/ DNT gets in all. */
  public static final String EQUAL_ARM = "equal-budget";

  /**
   * One point of a learned system's learning curve, with LRU's hit rate on the same episode as a
   * baseline that takes out how easy the episode's requests were.
   *
   * @param arm {@link #FIXED_ARM} or {@link #EQUAL_ARM}
   * @param episode what the training episode gave (exploration on)
   * @param lruHitRate LRU's hit rate on the same episode
   */
  public record CurvePoint(String arm, SystemTrainer.TrainingEpisode episode, double lruHitRate) {}

  /** The request model of the physical network (a name in {@link RequestModels#REGISTRY}). */
  static final String REQUEST_MODEL = "shot-noise";

  /** The classic policies evaluated beside the learned systems. */
  static final List<String> CLASSIC = List.of("lru", "lfu", "fifo", "random", "arc", "wtinylfu");

  /**
   * The metrics of one system on one test stream.
   *
   * @param replication the replication index
   * @param seed the replication's seed
   * @param regime "common" or "rare"
   * @param system the system's name
   * @param family "rl", "classic" or "reference" (clairvoyant: sees the test stream; no bound)
   * @param hitRate the hit rate
   * @param interventions shield vetoes
   * @param unsafeProposals admissions judged unsafe by the look-ahead (RL systems)
   * @param overloadEvents overload events
   * @param maxOverMean load imbalance max/mean over the whole stream
   * @param jain Jain's index of the stations' loads
   * @param bucketImbalance mean over time buckets of max/mean load
   */
  public record Row(
      int replication,
      long seed,
      String regime,
      String system,
      String family,
      double hitRate,
      long interventions,
      long unsafeProposals,
      long overloadEvents,
      double maxOverMean,
      double jain,
      double bucketImbalance) {}

  /**
   * One station of a replication's network and how it overloads: the facts behind the overload
   * events (which station, how many of its clients only it covers, how much of the rare stream
   * those clients send in the busiest load window, and the overload events at it under LRU).
   *
   * @param station the station index
   * @param homeClients clients whose home it is
   * @param singleHomeClients of those, the clients no other station covers
   * @param secondClients clients that have it as their second station
   * @param rareFloorShare the largest share, over the rare stream's windows of W requests, of the
   *     window's requests sent by clients only this station covers: load no caching can move away
   *     (in requests, not load units)
   * @param commonOverloadEvents LRU's overload events at this station on the common stream
   * @param rareOverloadEvents LRU's overload events at this station on the rare stream
   */
  public record StationRow(
      int station,
      int homeClients,
      int singleHomeClients,
      int secondClients,
      double rareFloorShare,
      long commonOverloadEvents,
      long rareOverloadEvents) {}

  /**
   * Everything a replication produced.
   *
   * @param rows one row per (regime, system)
   * @param loadSeries per-station load per time bucket, by system, on the rare stream
   * @param hitSeries hit rate per time bucket, by system, on the rare stream
   * @param lever how much load caching can move on this network, by regime ({@link LoadLever})
   * @param learningCurves each learned system's training episodes, in order, with LRU's hit rate
   * @param stations the network's stations and their overload events under LRU
   */
  public record Result(
      List<Row> rows,
      Map<String, long[][]> loadSeries,
      Map<String, double[]> hitSeries,
      Map<String, LoadLever> lever,
      Map<String, List<CurvePoint>> learningCurves,
      List<StationRow> stations) {
    /**
     * A result without the lever, the learning curves and the stations.
     *
     * @param rows the rows
     * @param loadSeries the load series
     * @param hitSeries the hit series
     */
    public Result(
        List<Row> rows, Map<String, long[][]> loadSeries, Map<String, double[]> hitSeries) {
      this(rows, loadSeries, hitSeries, Map.of(), Map.of(), List.of());
    }
  }

  private final CachingStudyConfig config;
  private final String agent;

  /**
   * A study of Double-DQN systems.
   *
   * @param config its settings
   */
  public CachingStudy(CachingStudyConfig config) {
    this(config, Agents.REGISTRY.names().get(0));
  }

  /**
   * A study whose four learned systems use the given agent.
   *
   * @param config its settings
   * @param agent the agent of the RL systems, a name in {@link Agents#REGISTRY}
   * @throws dnt.core.InvalidInputException for an unknown agent
   */
  public CachingStudy(CachingStudyConfig config, String agent) {
    this.config = config;
    this.agent = Agents.canonicalName(agent);
  }

  /**
   * Runs replications 0..seeds-1 through {@link Replications} on the configured threads:
   * replication i uses seed {@code seed + i}, and the results do not depend on scheduling.
   *
   * @param seed the base seed
   * @param seeds the number of replications
   * @param progress receives one update per finished replication, counting from 1
   * @return the replications in order
   * @throws InterruptedException when interrupted
   */
  public List<Result> run(long seed, int seeds, Progress progress) throws InterruptedException {
    return Replications.run(this, seed, seeds, config.threads(), progress);
  }

  @Override
  public Result replicate(Replication replication) {
    return replicate(replication.index(), replication.seed());
  }

  /**
   * One replication.
   *
   * @param rep its index
   * @param seed its seed
   * @return its rows and load series
   */
  public Result replicate(int rep, long seed) {
    CachingStudyConfig c = config;
    Topology topo = topology(seed);
    RequestGenerator gen =
        new RequestGenerator(topo, c.clients(), c.requests().requestProbability());
    long worldSeed = Seeds.derive(seed, 2);

    boolean learned = c.episodes().learnedSystems();
    List<Trace> physical = new ArrayList<>();
    for (int e = 0; learned && e < c.episodes().physicalEpisodes(); e++) {
      physical.add(
          gen.generate(
              world(worldSeed),
              c.episodes().episodeSlots(),
              List.of(),
              Seeds.generator(Seeds.derive(seed, 3, e))));
    }
    List<Trace> twinEpisodes = new ArrayList<>();
    if (learned) {
      twinEpisodes = twinEpisodes(seed, topo, concat(physical));
    }
    // the equal-budget arm: as many physical episodes as the w/ DNT systems see in all; the first
    // ones are the fixed-physical arm's, the rest drawn from the same world on fresh streams
    List<Trace> budget = new ArrayList<>(physical);
    if (learned && c.episodes().equalBudget()) {
      for (int e = 0; e < c.episodes().twinEpisodes(); e++) {
        budget.add(
            gen.generate(
                world(worldSeed),
                c.episodes().episodeSlots(),
                List.of(),
                Seeds.generator(Seeds.derive(seed, 9, e))));
      }
    }
    int t = c.episodes().testSlots();
    List<RareEvent> rare =
        List.of(
            new RareEvent.RateSurge(t / 3, t / 3, 0, c.episodes().surgeFactor()),
            new RareEvent.FlashCrowd(t / 2, t / 4, 1 % c.network().stations(), 5, 0.5, FLASH_ITEMS),
            new RareEvent.PopularityShift(2 * t / 3, c.requests().catalogue() / 10));
    Map<String, Trace> tests = new LinkedHashMap<>();
    tests.put(
        "common",
        gen.generate(world(worldSeed), t, List.of(), Seeds.generator(Seeds.derive(seed, 5))));
    tests.put(
        "rare", gen.generate(world(worldSeed), t, rare, Seeds.generator(Seeds.derive(seed, 6))));

    SimulationOptions options =
        new SimulationOptions(
            c.load().loadWindow(), 50, c.load().overloadFactor(), c.network().servingRule());
    List<Row> rows = new ArrayList<>();
    Map<String, long[][]> loads = new LinkedHashMap<>();
    Map<String, double[]> hitSeries = new LinkedHashMap<>();
    SystemTrainer trainer =
        new SystemTrainer(
            topo,
            c.clients(),
            c.network().capacity(),
            agent,
            c.agent(),
            PpoSettings.DEFAULTS,
            options);
    List<Arm> arms = new ArrayList<>();
    for (SystemKind kind : learned ? SystemKind.values() : new SystemKind[0]) {
      arms.add(
          new Arm(kind, kind.label(), FIXED_ARM, physical, Seeds.derive(seed, 7, kind.ordinal())));
    }
    if (learned && c.episodes().equalBudget()) {
      for (SystemKind kind : List.of(SystemKind.RL, SystemKind.RELIABLE_RL)) {
        // the fixed arm's training seed: the two arms differ only in the extra physical episodes
        arms.add(
            new Arm(
                kind,
                kind.label() + EQUAL_BUDGET,
                EQUAL_ARM,
                budget,
                Seeds.derive(seed, 7, kind.ordinal())));
      }
    }
    Map<String, List<CurvePoint>> curves = new LinkedHashMap<>();
    IdentityHashMap<Trace, Double> lruOnEpisode = new IdentityHashMap<>();
    for (Arm arm : arms) {
      List<SystemTrainer.TrainingEpisode> curve = new ArrayList<>();
      try (RlController ctl =
          trainer.train(
              arm.kind(), arm.physical(), twinEpisodes, arm.seed(), Progress.NONE, curve::add)) {
        List<SystemTrainer.Scheduled> order =
            SystemTrainer.schedule(arm.kind(), arm.physical(), twinEpisodes);
        List<CurvePoint> points = new ArrayList<>();
        for (int e = 0; e < curve.size(); e++) {
          Trace episode = order.get(e).trace();
          double lru =
              lruOnEpisode.computeIfAbsent(
                  episode,
                  tr ->
                      NetworkSimulator.run(
                              tr,
                              topo,
                              c.network().capacity(),
                              StationCacheFactory.of(PolicyRegistry.spec("lru"), 0),
                              options)
                          .hitRate());
          points.add(new CurvePoint(arm.arm(), curve.get(e), lru));
        }
        curves.put(arm.label(), List.copyOf(points));
        for (var test : tests.entrySet()) {
          SystemTrainer.Evaluation ev = trainer.evaluate(ctl, test.getValue());
          rows.add(
              row(rep, seed, test.getKey(), arm.label(), "rl", ev.result(), ev.unsafeProposals()));
          if (test.getKey().equals("rare")) {
            loads.put(arm.label(), ev.result().loadSeries());
            hitSeries.put(arm.label(), ev.result().hitSeries());
          }
        }
      }
    }
    Map<String, long[]> lruEvents = new LinkedHashMap<>();
    for (String name : CLASSIC) {
      for (var test : tests.entrySet()) {
        SimulationResult r =
            NetworkSimulator.run(
                test.getValue(),
                topo,
                c.network().capacity(),
                StationCacheFactory.of(PolicyRegistry.spec(name), Seeds.derive(seed, 8)),
                options);
        rows.add(
            row(
                rep,
                seed,
                test.getKey(),
                name.toUpperCase(java.util.Locale.ROOT),
                "classic",
                r,
                0));
        if (name.equals("lru")) {
          lruEvents.put(test.getKey(), r.stationOverloadEvents());
        }
        if (test.getKey().equals("rare") && name.equals("lru")) {
          loads.put("LRU", r.loadSeries());
          hitSeries.put("LRU", r.hitSeries());
        }
      }
    }
    for (var test : tests.entrySet()) {
      SimulationResult r =
          ClairvoyantReference.replay(test.getValue(), topo, c.network().capacity(), options);
      rows.add(row(rep, seed, test.getKey(), CLAIRVOYANT, "reference", r, 0));
      FemtocachingPlacement.Result f =
          FemtocachingPlacement.greedy(test.getValue(), topo, c.network().capacity());
      rows.add(
          new Row(
              rep,
              seed,
              test.getKey(),
              FEMTOCACHING,
              "reference",
              f.hitRate(),
              0,
              0,
              0,
              Double.NaN,
              Double.NaN,
              Double.NaN));
    }
    Map<String, LoadLever> lever = new LinkedHashMap<>();
    tests.forEach((regime, trace) -> lever.put(regime, LoadLever.of(trace, topo)));
    List<StationRow> stations =
        stationRows(
            topo,
            tests.get("rare"),
            c.load().loadWindow(),
            lruEvents.getOrDefault("common", new long[topo.stationCount()]),
            lruEvents.getOrDefault("rare", new long[topo.stationCount()]));
    return new Result(rows, loads, hitSeries, lever, curves, stations);
  }

  /** The twin's training episodes: fitted to the physical history, with its own rare events. */
  private List<Trace> twinEpisodes(long seed, Topology topo, Trace history) {
    CachingStudyConfig c = config;
    CachingTwin twin = CachingTwin.fit(history, topo, c.clients(), 2000, 0.05);
    TwinStress stress =
        TwinStress.fit(history, topo, STRESS_WINDOW, c.network().capacity(), STRESS_AMPLIFY);
    List<Trace> episodes = new ArrayList<>();
    for (int e = 0; e < c.episodes().twinEpisodes(); e++) {
      RandomGenerator r = Seeds.generator(Seeds.derive(seed, 4, e));
      List<RareEvent> events =
          c.episodes().twinEvents().equals("model")
              ? stress.events(c.episodes().episodeSlots(), topo.stationCount(), r)
              : randomEvents(r);
      episodes.add(twin.synthesize(c.episodes().episodeSlots(), events, r));
    }
    return episodes;
  }

  /**
   * The stations of a network with their clients, the load no caching can move off them in the
   * busiest window of a stream, and their overload events.
   *
   * @param topo the network
   * @param trace the stream whose windows are scanned
   * @param window W, requests per window
   * @param commonEvents overload events per station on the common stream
   * @param rareEvents overload events per station on the rare stream
   * @return one row per station
   */
  static List<StationRow> stationRows(
      Topology topo, Trace trace, int window, long[] commonEvents, long[] rareEvents) {
    int b = topo.stationCount();
    int[] home = new int[b];
    int[] single = new int[b];
    int[] second = new int[b];
    for (int u = 0; u < topo.clientCount(); u++) {
      int[] st = topo.stationsOf(u);
      home[st[0]]++;
      if (st.length == 1) {
        single[st[0]]++;
      } else {
        second[st[1]]++;
      }
    }
    // the requests of single-covered clients in a sliding window of W requests, per station
    int w = Math.max(1, Math.min(window, trace.size()));
    int[] inWindow = new int[b];
    int[] peak = new int[b];
    int[] clients = trace.clients();
    for (int i = 0; i < clients.length; i++) {
      int[] st = topo.stationsOf(clients[i]);
      if (st.length == 1) {
        inWindow[st[0]]++;
      }
      if (i >= w) {
        int[] out = topo.stationsOf(clients[i - w]);
        if (out.length == 1) {
          inWindow[out[0]]--;
        }
      }
      if (i >= w - 1) {
        for (int s = 0; s < b; s++) {
          peak[s] = Math.max(peak[s], inWindow[s]);
        }
      }
    }
    List<StationRow> rows = new ArrayList<>();
    for (int s = 0; s < b; s++) {
      rows.add(
          new StationRow(
              s,
              home[s],
              single[s],
              second[s],
              (double) peak[s] / w,
              commonEvents[s],
              rareEvents[s]));
    }
    return rows;
  }

  /**
   * The replication's network: the small cells and clients of a twin (coverage from received power,
   * {@link TwinCoverage}), or the first study's ring.
   */
  Topology topology(long seed) {
    CachingStudyConfig.Network n = config.network();
    RandomGenerator r = Seeds.generator(Seeds.derive(seed, 1));
    if (n.layout().equals("ring")) {
      return Topology.ring(n.stations(), n.clientsPerStation(), n.overlap(), r);
    }
    return TwinCoverage.of(cluster().twin(r), n.coverageDbm()).topology();
  }

  /**
   * The small-cell layout of the twin network.
   *
   * @return the layout from the settings
   */
  SmallCellCluster cluster() {
    CachingStudyConfig.Network n = config.network();
    return new SmallCellCluster(
        n.stations(),
        n.clientsPerStation(),
        n.interSiteM(),
        n.clientRadiusM(),
        n.coverageDbm(),
        n.txPowerDbm());
  }

  private ItemSampler world(long worldSeed) {
    CachingStudyConfig c = config;
    ZipfPopularity zipf =
        new ZipfPopularity(
            c.network().stations(),
            c.requests().catalogue(),
            c.requests().alpha(),
            c.requests().locality(),
            Seeds.generator(worldSeed));
    return RequestModels.named(REQUEST_MODEL)
        .factory()
        .create(
            zipf,
            c.requests().catalogue(),
            new RequestModels.Shots(
                c.requests().shotArrivals(),
                60,
                c.requests().shotLifetime(),
                c.requests().shotShare()));
  }

  private List<RareEvent> randomEvents(RandomGenerator r) {
    CachingStudyConfig c = config;
    int slots = c.episodes().episodeSlots();
    int third = Math.max(1, slots / 3);
    List<RareEvent> events = new ArrayList<>();
    events.add(
        new RareEvent.RateSurge(
            r.nextInt(slots - third + 1),
            third,
            r.nextInt(c.network().stations()),
            c.episodes().surgeFactor()));
    events.add(
        new RareEvent.FlashCrowd(
            r.nextInt(slots - third + 1),
            Math.max(1, slots / 4),
            r.nextInt(c.network().stations()),
            5,
            0.5,
            FLASH_ITEMS + 100 * (1 + r.nextInt(1000))));
    events.add(
        new RareEvent.PopularityShift(
            r.nextInt(slots), 1 + r.nextInt(c.requests().catalogue() / 5)));
    return events;
  }

  private static Row row(
      int rep,
      long seed,
      String regime,
      String system,
      String family,
      SimulationResult r,
      long unsafe) {
    return new Row(
        rep,
        seed,
        regime,
        system,
        family,
        r.hitRate(),
        r.interventions(),
        unsafe,
        r.overloadEvents(),
        r.maxOverMean(),
        r.jain(),
        r.meanBucketImbalance());
  }

  /** Concatenates traces, shifting each one's times to follow the previous. */
  static Trace concat(List<Trace> traces) {
    int n = traces.stream().mapToInt(Trace::size).sum();
    double[] times = new double[n];
    int[] clients = new int[n];
    int[] items = new int[n];
    int k = 0;
    double offset = 0;
    for (Trace t : traces) {
      double last = 0;
      for (int i = 0; i < t.size(); i++) {
        times[k] = t.times()[i] + offset;
        clients[k] = t.clients()[i];
        items[k] = t.items()[i];
        last = t.times()[i];
        k++;
      }
      offset += last + 1;
    }
    return new Trace(Arrays.copyOf(times, k), clients, items);
  }
}
