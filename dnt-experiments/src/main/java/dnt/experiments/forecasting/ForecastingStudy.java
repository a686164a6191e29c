package dnt.experiments.forecasting;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.util.Progress;
import dnt.core.util.Seeds;
import dnt.experiments.harness.Replication;
import dnt.learn.fl.AsynchronousFederation;
import dnt.learn.fl.CostLedger;
import dnt.learn.fl.FederatedResult;
import dnt.learn.fl.FederationHooks;
import dnt.learn.fl.FlClient;
import dnt.learn.fl.FlConfig;
import dnt.learn.fl.LinkModel;
import dnt.learn.fl.LocalTraining;
import dnt.learn.fl.RoundMetrics;
import dnt.learn.fl.SynchronousFederation;
import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.FitReport;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.WindowBuilder;
import dnt.learn.forecast.Windows;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Runs the methods of the paper's case study IV-A on prepared data for one seed. Protocol (see
 * docs/forecasting.md): every method forecasts each test slot one step ahead from the true
 * preceding values. Static twins (V-twin variants) keep their model through the test week; the
 * evolving methods (H-twin variants and Traditional DT) forecast day d with the model they have at
 * the start of day d and then learn from that day (and the {@code async.historyDays - 1} days
 * before it): H-twin by asynchronous federated updates, Traditional DT by uploading the day's raw
 * data and fine-tuning centrally on the same recent windows.
 */
public final class ForecastingStudy {
  /** The seed stream of the clustered V-twin's federated run ({@code Seeds.derive(seed, 3000)}). */
  static final long V_TWIN_SEED = 3000;

  private final FlConfig config;
  private final ForecastData data;
  private final Architecture architecture;
  private final WindowBuilder builder;

  /**
   * Per cell, the data index of each cell of its m x m patch, -1 outside the data (m = 0: none).
   */
  private final int[][] patches;

  private final Progress progress;

  /**
   * Creates a study.
   *
   * @param config the configuration
   * @param data the prepared data
   * @param progress progress callback
   */
  public ForecastingStudy(FlConfig config, ForecastData data, Progress progress) {
    this.config = Objects.requireNonNull(config, "config");
    this.data = Objects.requireNonNull(data, "data");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.architecture = config.architecture(data.slotsPerDay());
    this.builder = new WindowBuilder(config.windowSpec(data.slotsPerDay()), data.firstDayOfWeek());
    this.patches = patches(data.cells(), builder.spec().patch());
    if (data.testDays() < 1) {
      throw new InvalidInputException("the test part must span at least one whole day");
    }
  }

  /**
   * The network trained by every method.
   *
   * @return the architecture
   */
  public Architecture architecture() {
    return architecture;
  }

  /**
   * Runs the methods for a seed.
   *
   * @param methods the methods to run (H-twin variants also run their V-twin)
   * @param seed the seed
   * @return one result per requested method, in {@link Method} order
   */
  public List<MethodResult> run(List<Method> methods, long seed) {
    return run(methods, new Replication(0, seed, 1));
  }

  /**
   * Runs the methods for one replication of a run (see {@link
   * dnt.experiments.harness.Replications}); progress counts the methods that run over all the run's
   * replications, from 1 ("method 3/14").
   *
   * @param methods the methods to run (H-twin variants also run their V-twin)
   * @param replication the replication: its seed, index and the run's count
   * @return one result per requested method, in {@link Method} order
   */
  public List<MethodResult> run(List<Method> methods, Replication replication) {
    long seed = replication.seed();
    int seedIndex = replication.index();
    int seeds = replication.count();
    List<FlClient> clients = clients(seed);
    int selected = (int) java.util.Arrays.stream(Method.values()).filter(methods::contains).count();
    int k = 0;
    Map<Method, MethodResult> out = new EnumMap<>(Method.class);
    Map<Boolean, Phase> vRuns = new HashMap<>();
    try (LocalTraining pool = new LocalTraining(architecture, config.threads())) {
      for (Method m : Method.values()) {
        if (!methods.contains(m)) {
          continue;
        }
        k++;
        progress.update(
            (long) seedIndex * selected + k,
            (long) seeds * selected,
            m.label() + (seeds > 1 ? " (seed " + seed + ")" : ""));
        out.put(
            m,
            switch (m) {
              case PERSISTENCE -> naive(m, seed, 1);
              case SEASONAL_NAIVE -> naive(m, seed, data.slotsPerDay());
              case TRADITIONAL_DT -> centralized(clients, seed);
              case V_TWIN -> vRun(vRuns, pool, clients, true, seed).result();
              case V_TWIN_NO_CLUSTER -> vRun(vRuns, pool, clients, false, seed).result();
              case H_TWIN -> evolve(vRuns, pool, clients, true, seed);
              case H_TWIN_NO_CLUSTER -> evolve(vRuns, pool, clients, false, seed);
              case V_TWIN_PERSONALISED -> personalised(vRuns, pool, clients, true, seed);
              case V_TWIN_NO_CLUSTER_PERSONALISED ->
                  personalised(vRuns, pool, clients, false, seed);
            });
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * The stations: training windows, one window set per test day, location, mean daily profile, and
   * seeded compute speed and link rate.
   *
   * @param seed the seed of the resources
   * @return the clients, in cell order
   */
  public List<FlClient> clients(long seed) {
    List<FlClient> out = new ArrayList<>();
    int s = data.slotsPerDay();
    int from = builder.spec().history();
    if (from >= data.trainLength()) {
      throw new InvalidInputException(
          "the training part ("
              + data.trainLength()
              + " slots) is shorter than the windows need ("
              + from
              + " slots of history)");
    }
    for (int c = 0; c < data.cellCount(); c++) {
      String id = "cell-" + data.cells().get(c).value();
      float[] z = data.z()[c];
      Windows train = windows(c, from, data.trainLength(), id);
      List<Windows> stream = new ArrayList<>();
      int recent = config.async().historyDays() * s;
      for (int d = 0; d < data.testDays(); d++) {
        int end = data.trainLength() + (d + 1) * s;
        stream.add(windows(c, Math.max(from, end - recent), end, id));
      }
      double[] profile = new double[s];
      int days = data.trainLength() / s;
      for (int d = 0; d < days; d++) {
        for (int t = 0; t < s; t++) {
          profile[t] += z[d * s + t] / days;
        }
      }
      RandomGenerator r = Seeds.generator(Seeds.derive(seed, 1000, c));
      double speed = Math.exp(config.cost().computeSpeedSpread() * r.nextGaussian());
      double rate =
          config.cost().linkRateMbps()
              * 1e6
              / 8
              * Math.exp(config.cost().linkRateSpread() * r.nextGaussian());
      out.add(
          new FlClient(
              id,
              data.positions().get(c).x(),
              data.positions().get(c).y(),
              train,
              stream,
              profile,
              speed,
              rate));
    }
    return out;
  }

  private MethodResult naive(Method m, long seed, int lag) {
    float[][] pred = new float[data.cellCount()][data.testLength()];
    for (int c = 0; c < data.cellCount(); c++) {
      for (int i = 0; i < data.testLength(); i++) {
        pred[c][i] = data.z()[c][data.trainLength() + i - lag];
      }
    }
    return new MethodResult(
        m,
        seed,
        Scores.of(data, pred),
        MethodResult.NO_COST,
        MethodResult.NO_COST,
        0,
        0,
        List.of());
  }

  private MethodResult centralized(List<FlClient> clients, long seed) {
    long t0 = System.nanoTime();
    LinkModel link = new LinkModel(config.cost().latencySeconds());
    CostLedger creation = new CostLedger(link);
    int bytesPerSlot = config.cost().rawBytesPerValue() * data.nativeSlotsPerSlot();
    List<Windows> all = new ArrayList<>();
    for (FlClient c : clients) {
      creation.transfer(c.id(), (long) data.trainLength() * bytesPerSlot, c.linkRate(), true);
      all.add(c.train());
    }
    Forecaster central = Forecaster.initialise(architecture, Seeds.derive(seed, 2000));
    FitReport fit =
        central.fit(
            Windows.concat(all),
            config.recipe().withEpochs(config.centralized().epochs()),
            Seeds.derive(seed, 2001));
    creation.compute("server", fit.cpuNanos());
    CostLedger ongoing = new CostLedger(link);
    float[][] pred = new float[data.cellCount()][data.testLength()];
    for (int d = 0; d < data.testDays(); d++) {
      List<Windows> today = new ArrayList<>();
      for (int c = 0; c < clients.size(); c++) {
        Windows w = clients.get(c).stream().get(d);
        float[] p = central.predict(testDay(c, d));
        System.arraycopy(p, 0, pred[c], d * data.slotsPerDay(), p.length);
        ongoing.transfer(
            clients.get(c).id(),
            (long) data.slotsPerDay() * bytesPerSlot,
            clients.get(c).linkRate(),
            true);
        today.add(w);
      }
      FitReport r =
          central.fit(Windows.concat(today), config.recipe(), Seeds.derive(seed, 2002, d));
      ongoing.compute("server", r.cpuNanos());
    }
    return new MethodResult(
        Method.TRADITIONAL_DT,
        seed,
        Scores.of(data, pred),
        creation.summary(),
        ongoing.summary(),
        (System.nanoTime() - t0) / 1e9,
        0,
        List.of());
  }

  /**
   * A twinning phase: its scored result and the federated run behind it (to continue from).
   *
   * @param result the method's scores and cost
   * @param federated the federated run (models, rounds, rejections)
   */
  public record Phase(MethodResult result, FederatedResult federated) {}

  /**
   * The default hooks of the study: the configuration's FedAvg, no attacker, no root data.
   *
   * @return the hooks
   */
  public FederationHooks defaultHooks() {
    return FederationHooks.defaults().withRule(config.fedAvg()).withCodec(config.updateCodec());
  }

  private MethodResult evolve(
      Map<Boolean, Phase> memo,
      LocalTraining pool,
      List<FlClient> clients,
      boolean clustered,
      long seed) {
    Phase v = vRun(memo, pool, clients, clustered, seed);
    return evolveTwin(pool, clients, v, defaultHooks(), clustered, seed).result();
  }

  /**
   * A V-twin variant personalised by the configuration's {@link dnt.learn.fl.Personalisation}: the
   * V-twin run of the seed (shared with V-twin and H-twin), then every station adapts the model it
   * was left and forecasts the test week with it. Creation cost is the V-twin's plus the
   * personalisation's (one model download and the local training per station).
   */
  private MethodResult personalised(
      Map<Boolean, Phase> memo,
      LocalTraining pool,
      List<FlClient> clients,
      boolean clustered,
      long seed) {
    Phase v = vRun(memo, pool, clients, clustered, seed);
    long t0 = System.nanoTime();
    CostLedger ledger = new CostLedger(new LinkModel(config.cost().latencySeconds()));
    List<float[]> models =
        config
            .personaliser()
            .personalise(
                pool,
                clients,
                v.federated(),
                config.recipe(),
                Seeds.derive(seed, clustered ? 5000 : 5001),
                ledger);
    MethodResult r = v.result();
    return new MethodResult(
        clustered ? Method.V_TWIN_PERSONALISED : Method.V_TWIN_NO_CLUSTER_PERSONALISED,
        seed,
        Scores.of(data, predictStatic(clients, models)),
        r.creation().plus(ledger.summary()),
        MethodResult.NO_COST,
        r.wallSeconds() + (System.nanoTime() - t0) / 1e9,
        r.clientRounds(),
        r.curve());
  }

  /** The V-twin run of a seed, computed once and shared by V-twin and H-twin (deterministic). */
  private Phase vRun(
      Map<Boolean, Phase> memo,
      LocalTraining pool,
      List<FlClient> clients,
      boolean clustered,
      long seed) {
    Phase v = memo.get(clustered);
    if (v == null) {
      v = createTwin(pool, clients, defaultHooks(), clustered, seed);
      memo.put(clustered, v);
    }
    return v;
  }

  /**
   * The V-twin phase (twin creation by synchronous FL) with the given hooks, scored on the test
   * week with static models. The poisoning study calls this with its rules and attackers.
   *
   * @param pool the client training pool (of {@link #architecture()})
   * @param clients the stations ({@link #clients(long)})
   * @param hooks rule, attacker, root data; an evaluator and progress are added if absent
   * @param clustered with cluster twins (V-twin) or plain FedAvg (V-twin w/o cluster)
   * @param seed the seed
   * @return the phase
   */
  public Phase createTwin(
      LocalTraining pool,
      List<FlClient> clients,
      FederationHooks hooks,
      boolean clustered,
      long seed) {
    Method m = clustered ? Method.V_TWIN : Method.V_TWIN_NO_CLUSTER;
    long t0 = System.nanoTime();
    FederationHooks h = hooks;
    if (h.evaluator() == FederationHooks.Evaluator.NONE) {
      h =
          h.withEvaluator(
              (g, stations) -> Scores.of(data, predictStatic(clients, stations)).mseZ());
    }
    if (h.progress() == Progress.NONE) {
      h =
          h.withProgress(
              (done, total, msg) -> progress.update(done, total, m.label() + ": " + msg));
    }
    // Same initial model for every method of a seed, so the comparison isolates the method.
    float[] init = Forecaster.initialise(architecture, Seeds.derive(seed, 2000)).parameters();
    FederatedResult fed =
        new SynchronousFederation(
                pool,
                config.syncSettings(clustered),
                new LinkModel(config.cost().latencySeconds()),
                h)
            .run(clients, init, Seeds.derive(seed, clustered ? V_TWIN_SEED : 3001));
    double wall = (System.nanoTime() - t0) / 1e9;
    float[][] pred = predictStatic(clients, fed.stationModels());
    List<double[]> curve = new ArrayList<>();
    for (RoundMetrics r : fed.rounds()) {
      if (!Double.isNaN(r.evaluationMse())) {
        curve.add(new double[] {r.round() + 1, r.evaluationMse()});
      }
    }
    long clientRounds =
        (long) config.sync().rounds() * config.syncSettings(false).sampleSize(clients.size());
    MethodResult res =
        new MethodResult(
            m,
            seed,
            Scores.of(data, pred),
            fed.cost(),
            MethodResult.NO_COST,
            wall,
            clientRounds,
            curve);
    return new Phase(res, fed);
  }

  /**
   * The H-twin phase (twin evolution by asynchronous FL over the streamed test week) from a V-twin
   * phase, scored prequentially: day d is forecast by the models at the start of day d.
   *
   * @param pool the client training pool
   * @param clients the stations
   * @param vTwin the creation phase to continue from
   * @param hooks rule, attacker, root data
   * @param clustered with cluster twins (H-twin) or without (H-twin w/o cluster)
   * @param seed the seed
   * @return the phase (its result's creation cost is the V-twin's, ongoing this phase's)
   */
  public Phase evolveTwin(
      LocalTraining pool,
      List<FlClient> clients,
      Phase vTwin,
      FederationHooks hooks,
      boolean clustered,
      long seed) {
    long t0 = System.nanoTime();
    float[][] pred = new float[data.cellCount()][data.testLength()];
    int s = data.slotsPerDay();
    AsynchronousFederation.DayObserver observer =
        (day, global, stations) -> {
          for (int c = 0; c < clients.size(); c++) {
            float[] p = Forecaster.of(architecture, stations.get(c)).predict(testDay(c, day));
            System.arraycopy(p, 0, pred[c], day * s, p.length);
          }
        };
    FederatedResult async =
        new AsynchronousFederation(
                pool,
                config.asyncSettings(clustered),
                new LinkModel(config.cost().latencySeconds()),
                hooks)
            .run(clients, vTwin.federated(), Seeds.derive(seed, clustered ? 4000 : 4001), observer);
    MethodResult v = vTwin.result();
    MethodResult res =
        new MethodResult(
            clustered ? Method.H_TWIN : Method.H_TWIN_NO_CLUSTER,
            seed,
            Scores.of(data, pred),
            v.creation(),
            async.cost(),
            v.wallSeconds() + (System.nanoTime() - t0) / 1e9,
            v.clientRounds(),
            v.curve());
    return new Phase(res, async);
  }

  /** The windows whose targets are test day d of cell c. */
  private Windows testDay(int c, int day) {
    int a = data.trainLength() + day * data.slotsPerDay();
    return windows(c, a, a + data.slotsPerDay(), "cell " + c);
  }

  /**
   * Forecasts the test week with fixed per-station models.
   *
   * @param clients the stations
   * @param models each station's model
   * @return the scores
   */
  public Scores scoreStatic(List<FlClient> clients, List<float[]> models) {
    return Scores.of(data, predictStatic(clients, models));
  }

  private float[][] predictStatic(List<FlClient> clients, List<float[]> models) {
    float[][] pred = new float[data.cellCount()][];
    for (int c = 0; c < clients.size(); c++) {
      Windows test = windows(c, data.trainLength(), data.length(), clients.get(c).id());
      pred[c] = Forecaster.of(architecture, models.get(c)).predict(test);
    }
    return pred;
  }

  /**
   * The windows of cell c for the targets {@code [from, to)}: of the cell alone, or, for a spatial
   * architecture, with its neighbourhood patch. The neighbours' series are the stations' own
   * z-scored series: in the paper's setting a station observes its neighbourhood's aggregated
   * counters, so in federated training they are inputs the client reads, not data it uploads.
   */
  private Windows windows(int c, int from, int to, String what) {
    if (patches.length == 0) {
      return builder.build(data.z()[c], from, to, what);
    }
    int[] idx = patches[c];
    float[][] series = new float[idx.length][];
    boolean[] present = new boolean[idx.length];
    for (int j = 0; j < idx.length; j++) {
      present[j] = idx[j] >= 0;
      series[j] = present[j] ? data.z()[idx[j]] : new float[0];
    }
    return builder.buildPatch(series, present, from, to, what);
  }

  /**
   * For every cell of the data, the data indices of the m x m patch of Milan grid squares centred
   * on it (row-major, the row south of the cell first, west to east), -1 where the square is
   * outside the grid or not among the data's cells.
   *
   * @param cells the data's cells, in data order
   * @param m the patch side (0: no patches)
   * @return one row of m*m indices per cell (none when m = 0)
   */
  static int[][] patches(List<CellId> cells, int m) {
    if (m == 0) {
      return new int[0][];
    }
    Map<Integer, Integer> index = new HashMap<>();
    for (int c = 0; c < cells.size(); c++) {
      index.put(cells.get(c).value(), c);
    }
    int r = m / 2;
    int[][] out = new int[cells.size()][m * m];
    for (int c = 0; c < cells.size(); c++) {
      CellId cell = cells.get(c);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          int row = cell.rowFromSouth() + i - r;
          int col = cell.columnFromWest() + j - r;
          boolean inGrid = row >= 0 && row < CellId.GRID_SIDE && col >= 0 && col < CellId.GRID_SIDE;
          out[c][i * m + j] =
              inGrid ? index.getOrDefault(row * CellId.GRID_SIDE + col + 1, -1) : -1;
        }
      }
    }
    return out;
  }
}
