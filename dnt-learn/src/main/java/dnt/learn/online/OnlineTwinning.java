package dnt.learn.online;

import dnt.core.util.Progress;
import dnt.core.util.Seeds;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.FederatedResult;
import dnt.learn.fl.FederationHooks;
import dnt.learn.fl.FlClient;
import dnt.learn.fl.LinkModel;
import dnt.learn.fl.LocalTraining;
import dnt.learn.fl.SyncSettings;
import dnt.learn.fl.SynchronousFederation;
import dnt.learn.fl.UpdateValidator;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.WindowBuilder;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.forecast.Windows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The forecasters of a running twin, twinned online (paper Sec. III-A): first the V-twin ({@link
 * #vertical}), rounds of clustered FedAvg over every cell's history ({@link SynchronousFederation},
 * cluster twins by {@link dnt.learn.fl.StationClustering}); then the H-twin, where each cell's
 * client trains on its newest days ({@link #trainDays}) from the model it was sent ({@link
 * #dispatch}) and the server applies each update as it arrives ({@link #apply}): {@code w_c +=
 * alpha * s(tau) * delta}, the FedAsync step of Xie, Koyejo and Gupta (2019) with the {@link
 * dnt.learn.fl.StalenessFunction} s of the update's staleness tau (versions of its cluster twin
 * since it was sent). After a day's updates, the cluster twins are mixed towards their
 * size-weighted mean ({@link #endRound}), as {@link dnt.learn.fl.AsynchronousFederation} does.
 *
 * <p>At city scale a V-twin round trains a sample of the cells and an H-twin day dispatches a
 * sample ({@link OnlineSettings#clientsPerRound()}, McMahan et al. 2017's client fraction C), and a
 * cell first seen after the V-twin joins the cluster twin that predicts its windows best ({@link
 * #assess}, {@link #admit}), so it forecasts without a restart.
 *
 * <p>Not thread-safe: one owner (the live twin's aggregator) calls it; the V-twin runs on the
 * training pool it is given.
 */
public final class OnlineTwinning {
  private final OnlineSettings settings;
  private final List<float[]> twins;
  private final long[] clusterVersions;
  private final Map<String, Client> clients;
  private final List<Double> losses;
  private float[] global;
  private long version;
  private long applied;
  private long rejected;
  private long trainedThrough;
  private long verticalUpdates;

  /** A client's standing at the server. */
  static final class Client {
    final String id;
    final double x;
    final double y;
    final int cluster;
    final SeriesScaler scaler;
    long updates;
    long rejected;
    long lastStaleness = -1;

    Client(String id, double x, double y, int cluster, SeriesScaler scaler) {
      this.id = id;
      this.x = x;
      this.y = y;
      this.cluster = cluster;
      this.scaler = scaler;
    }
  }

  /** The state made by {@link #vertical} or read back by {@link TwinningFile}. */
  OnlineTwinning(
      OnlineSettings settings,
      List<float[]> twins,
      float[] global,
      long[] clusterVersions,
      Map<String, Client> clients,
      List<Double> losses,
      long version,
      long applied,
      long rejected,
      long trainedThrough) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.twins = twins;
    this.global = global;
    this.clusterVersions = clusterVersions;
    this.clients = clients;
    this.losses = losses;
    this.version = version;
    this.applied = applied;
    this.rejected = rejected;
    this.trainedThrough = trainedThrough;
  }

  /** Sees each V-twin round end. */
  @FunctionalInterface
  public interface RoundListener {
    /** Sees nothing. */
    RoundListener NONE = (round, rounds, loss) -> {};

    /**
     * A round ended.
     *
     * @param round rounds done, from 1
     * @param rounds all rounds
     * @param loss the mean over cells of their model's mean squared error on their training
     *     windows, in normalised units
     */
    void roundDone(int round, int rounds, double loss);
  }

  /**
   * A cell's training windows: its z-scored series (scaler fitted on the included slots) cut into
   * the samples of {@link WindowBuilder#buildExcluding}, so no sample reads a slot that was never
   * observed or was masked by the integrity check; at most the newest {@link
   * OnlineSettings#maxWindows()} of them.
   *
   * @param settings the settings (their windows)
   * @param h the cell's history
   * @param scaler the cell's scaler
   * @param fromTarget the first candidate target (an index into the history)
   * @return the samples, possibly none
   */
  public static Windows trainingWindows(
      OnlineSettings settings, CellHistory h, SeriesScaler scaler, int fromTarget) {
    WindowSpec spec = settings.windows();
    WindowBuilder b = new WindowBuilder(spec, h.firstDayOfWeek(spec.slotsPerDay()));
    Windows all =
        b.buildExcluding(
            scaler.normalise(h),
            h.rawExcluded(),
            Math.max(0, fromTarget),
            h.length(),
            "cell " + h.id());
    int cap = settings.maxWindows();
    return all.count() <= cap ? all : all.range(all.count() - cap, all.count());
  }

  /**
   * The V-twin: fits every cell's scaler, clusters the cells by location and traffic profile, and
   * runs {@link OnlineSettings#rounds()} rounds of FedAvg from a seeded initial model, each round
   * over a seeded sample of at most {@link OnlineSettings#clientsPerRound()} cells (all of them
   * when there are no more). Every cell gets its cluster twin, sampled or not. Cells without a
   * single usable training window take no part (they join later, {@link #admit}).
   *
   * @param settings the settings
   * @param histories every cell's history
   * @param trainedThrough the slot after the last one the histories cover (H-twin days after it are
   *     new)
   * @param pool the local training pool (its architecture is {@code settings.architecture()})
   * @param listener sees each round's loss
   * @return the twinning, version 1
   * @throws IllegalArgumentException if no cell has a training window
   */
  public static OnlineTwinning vertical(
      OnlineSettings settings,
      List<CellHistory> histories,
      long trainedThrough,
      LocalTraining pool,
      RoundListener listener) {
    List<FlClient> fl = new ArrayList<>();
    List<SeriesScaler> scalers = new ArrayList<>();
    List<Windows> data = new ArrayList<>();
    for (CellHistory h : histories) {
      SeriesScaler scaler = SeriesScaler.fit(h);
      Windows w = trainingWindows(settings, h, scaler, 0);
      if (w.count() == 0) {
        continue;
      }
      fl.add(
          new FlClient(h.id(), h.x(), h.y(), w, List.of(), profile(settings, h, scaler), 1, 1e6));
      scalers.add(scaler);
      data.add(w);
    }
    if (fl.isEmpty()) {
      throw new IllegalArgumentException("no cell has a complete training window yet");
    }
    int rounds = settings.rounds();
    int[] done = {0};
    FederationHooks.Evaluator loss =
        (g, stations) -> {
          double mse = meanSquaredError(settings, data, stations);
          listener.roundDone(++done[0], rounds, mse);
          return mse;
        };
    float[] initial = initialModel(settings);
    FederatedResult r =
        new SynchronousFederation(
                pool,
                settings.sync(fl.size()),
                new LinkModel(0),
                FederationHooks.defaults().withEvaluator(loss).withProgress(Progress.NONE))
            .run(fl, initial, roundsSeed(settings));
    int k = 0;
    for (int c : r.clusters()) {
      k = Math.max(k, c + 1);
    }
    List<float[]> twins = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < fl.size(); i++) {
        if (r.clusters()[i] == c) {
          twins.add(r.stationModels().get(i).clone());
          break;
        }
      }
    }
    Map<String, Client> clients = new LinkedHashMap<>();
    for (int i = 0; i < fl.size(); i++) {
      FlClient f = fl.get(i);
      clients.put(f.id(), new Client(f.id(), f.x(), f.y(), r.clusters()[i], scalers.get(i)));
    }
    List<Double> losses = new ArrayList<>();
    r.rounds().forEach(m -> losses.add(m.evaluationMse()));
    OnlineTwinning t =
        new OnlineTwinning(
            settings,
            twins,
            r.global().clone(),
            new long[k],
            clients,
            losses,
            1,
            0,
            0,
            trainedThrough);
    t.verticalUpdates = r.rounds().stream().mapToLong(m -> m.participants()).sum();
    return t;
  }

  /**
   * The V-twin's seeded initial model w_0.
   *
   * @param settings the settings (architecture and seed)
   * @return the initial parameters
   */
  public static float[] initialModel(OnlineSettings settings) {
    return Forecaster.initialise(settings.architecture(), Seeds.derive(settings.seed(), 1))
        .parameters();
  }

  /**
   * The seed of the V-twin's rounds (clustering, sample and local-training seeds derive from it).
   *
   * @param settings the settings
   * @return the seed {@link #vertical} gives {@link SynchronousFederation#run}
   */
  public static long roundsSeed(OnlineSettings settings) {
    return Seeds.derive(settings.seed(), 2);
  }

  /**
   * The V-twin's synchronous settings for n cells (see {@link OnlineSettings#clientFraction}).
   *
   * @param settings the settings
   * @param n the cells taking part
   * @return the settings {@link #vertical} runs
   */
  public static SyncSettings syncSettings(OnlineSettings settings, int n) {
    return settings.sync(n);
  }

  /**
   * A twinning made by V-twin rounds run elsewhere (the live twin's clients train on the nodes that
   * host their cells, {@link dnt.learn.fl.FederatedRounds}), in the state {@link #vertical} leaves.
   *
   * @param settings the settings
   * @param clients every client with its cluster twin and scaler, in the rounds' client order
   * @param twins the cluster twins' weights, by cluster
   * @param global the global model
   * @param losses the loss per round
   * @param verticalUpdates local updates aggregated over all rounds
   * @param trainedThrough the slot after the last one the rounds trained on
   * @return the twinning, version 1
   */
  public static OnlineTwinning fromRounds(
      OnlineSettings settings,
      List<Admission> clients,
      List<float[]> twins,
      float[] global,
      List<Double> losses,
      long verticalUpdates,
      long trainedThrough) {
    Map<String, Client> map = new LinkedHashMap<>();
    List<float[]> copies = new ArrayList<>();
    twins.forEach(w -> copies.add(w.clone()));
    for (Admission a : clients) {
      if (a.cluster() < 0 || a.cluster() >= copies.size()) {
        throw new IllegalArgumentException("client " + a.cell() + " has no cluster twin");
      }
      map.put(a.cell(), new Client(a.cell(), a.x(), a.y(), a.cluster(), a.scaler()));
    }
    OnlineTwinning t =
        new OnlineTwinning(
            settings,
            copies,
            global.clone(),
            new long[copies.size()],
            map,
            new ArrayList<>(losses),
            1,
            0,
            0,
            trainedThrough);
    t.verticalUpdates = verticalUpdates;
    return t;
  }

  /**
   * The mean over cells of their model's mean squared error on their windows. Cells that share a
   * model (a cluster twin) are predicted in one call over their concatenated windows, so scoring
   * thousands of cells costs one prediction per cluster twin, not one per cell.
   */
  private static double meanSquaredError(
      OnlineSettings settings, List<Windows> data, List<float[]> models) {
    IdentityHashMap<float[], Integer> groupOf = new IdentityHashMap<>();
    List<float[]> order = new ArrayList<>();
    List<List<Integer>> groups = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      float[] m = models.get(i);
      Integer g = groupOf.get(m);
      if (g == null) {
        g = order.size();
        groupOf.put(m, g);
        order.add(m);
        groups.add(new ArrayList<>());
      }
      groups.get(g).add(i);
    }
    double sum = 0;
    for (int g = 0; g < order.size(); g++) {
      float[] m = order.get(g);
      List<Integer> cells = groups.get(g);
      List<Windows> parts = new ArrayList<>(cells.size());
      for (int i : cells) {
        parts.add(data.get(i));
      }
      float[] p = Forecaster.of(settings.architecture(), m).predict(Windows.concat(parts));
      int at = 0;
      for (Windows w : parts) {
        float[] t = w.target();
        double se = 0;
        for (int j = 0; j < t.length; j++) {
          double e = (double) p[at + j] - t[j];
          se += e * e;
        }
        sum += se / t.length;
        at += t.length;
      }
    }
    return sum / data.size();
  }

  /**
   * What a cell first seen after the V-twin brings: its scaler and the cluster twin whose model
   * predicts its training windows with the least mean squared error.
   *
   * @param cell the cell's name
   * @param x its east coordinate, m
   * @param y its north coordinate, m
   * @param cluster the chosen cluster twin
   * @param scaler its scaler, fitted on its included slots
   */
  public record Admission(String cell, double x, double y, int cluster, SeriesScaler scaler) {}

  /**
   * Chooses a new cell's cluster twin (a pure function of its arguments, so it may run off the
   * owner's thread on a copy of the twins, {@link #twinsCopy}).
   *
   * @param settings the settings
   * @param twins the cluster twins' weights
   * @param h the cell's history
   * @return the admission, or null while the cell holds no complete training window
   */
  public static @Nullable Admission assess(
      OnlineSettings settings, List<float[]> twins, CellHistory h) {
    SeriesScaler scaler = SeriesScaler.fit(h);
    Windows w = trainingWindows(settings, h, scaler, 0);
    if (w.count() == 0 || twins.isEmpty()) {
      return null;
    }
    int best = 0;
    double bestMse = Double.POSITIVE_INFINITY;
    for (int c = 0; c < twins.size(); c++) {
      double mse = meanSquaredError(settings, List.of(w), List.of(twins.get(c)));
      if (mse < bestMse) {
        best = c;
        bestMse = mse;
      }
    }
    return new Admission(h.id(), h.x(), h.y(), best, scaler);
  }

  /**
   * The cluster twins' weights now, copied (for {@link #assess} on another thread).
   *
   * @return one copy per cluster twin
   */
  public List<float[]> twinsCopy() {
    List<float[]> out = new ArrayList<>(twins.size());
    for (float[] w : twins) {
      out.add(w.clone());
    }
    return out;
  }

  /**
   * Makes a new cell a client of its chosen cluster twin: it forecasts with that twin from now on
   * and takes part in later H-twin days. A cell that is a client already is left as it is.
   *
   * @param a what {@link #assess} chose
   * @return whether the cell became a client
   */
  public boolean admit(Admission a) {
    if (clients.containsKey(a.cell()) || a.cluster() < 0 || a.cluster() >= twins.size()) {
      return false;
    }
    clients.put(a.cell(), new Client(a.cell(), a.x(), a.y(), a.cluster(), a.scaler()));
    return true;
  }

  /**
   * Whether a cell is a client.
   *
   * @param cell the cell's name
   * @return true once it took part in the V-twin or was admitted
   */
  public boolean isClient(String cell) {
    return clients.containsKey(cell);
  }

  /**
   * The clients dispatched for an H-twin day: all of them, or a seeded sample of {@link
   * OnlineSettings#clientsPerRound()} when there are more (the same sample for the same day).
   *
   * @param through the slot after the newest day the updates train on
   * @return the clients' names, in the order the V-twin met them
   */
  public List<String> dayClients(long through) {
    List<String> all = new ArrayList<>(clients.keySet());
    int m = settings.clientsPerRound();
    if (all.size() <= m) {
      return all;
    }
    int[] idx = new int[all.size()];
    Arrays.setAll(idx, i -> i);
    RandomGenerator random = Seeds.generator(Seeds.derive(settings.seed(), 4, through));
    for (int i = 0; i < m; i++) {
      int j = i + random.nextInt(idx.length - i);
      int tmp = idx[i];
      idx[i] = idx[j];
      idx[j] = tmp;
    }
    int[] chosen = Arrays.copyOf(idx, m);
    Arrays.sort(chosen);
    List<String> out = new ArrayList<>(m);
    for (int i : chosen) {
      out.add(all.get(i));
    }
    return out;
  }

  /**
   * The local updates the V-twin trained and aggregated, over all its rounds (at most {@code rounds
   * * clientsPerRound}); 0 for a twinning read from a file.
   *
   * @return the count
   */
  public long verticalUpdates() {
    return verticalUpdates;
  }

  /**
   * A cell's clustering profile, as the V-twin clusters by it: its mean z-scored value at each time
   * of day over the slots it holds (0 at a time of day without any).
   *
   * @param settings the settings (slots a day)
   * @param h the cell's history
   * @param scaler its scaler
   * @return one value per slot of the day
   */
  public static double[] profile(OnlineSettings settings, CellHistory h, SeriesScaler scaler) {
    int s = settings.windows().slotsPerDay();
    double[] sum = new double[s];
    int[] n = new int[s];
    float[] z = scaler.normalise(h);
    for (int i = 0; i < z.length; i++) {
      if (Float.isFinite(z[i])) {
        sum[i % s] += z[i];
        n[i % s]++;
      }
    }
    for (int t = 0; t < s; t++) {
      sum[t] = n[t] == 0 ? 0 : sum[t] / n[t];
    }
    return sum;
  }

  /**
   * What the server sends a client for an H-twin update.
   *
   * @param cell the client
   * @param cluster its cluster twin
   * @param base the cluster twin's weights now (a copy)
   * @param baseVersion the cluster twin's version now
   * @param scaler the cell's scaler
   */
  public record Dispatch(
      String cell, int cluster, float[] base, long baseVersion, SeriesScaler scaler) {}

  /**
   * The model and version to send a client.
   *
   * @param cell the client
   * @return the dispatch, or null for a cell that is not a client
   */
  public @Nullable Dispatch dispatch(String cell) {
    Client c = clients.get(cell);
    if (c == null) {
      return null;
    }
    return new Dispatch(
        cell, c.cluster, twins.get(c.cluster).clone(), clusterVersions[c.cluster], c.scaler);
  }

  /**
   * A client's H-twin training: its windows whose targets lie in the newest {@link
   * OnlineSettings#historyDays()} days of {@code h}, trained from the dispatched model.
   *
   * @param settings the settings
   * @param d what the server sent
   * @param h the cell's history up to the newest complete day
   * @param seed the seed of this update
   * @return the update, or null when no window is usable
   */
  public static LocalTraining.@Nullable Result trainDays(
      OnlineSettings settings, Dispatch d, CellHistory h, long seed) {
    int from = h.length() - settings.historyDays() * settings.windows().slotsPerDay();
    Windows w = trainingWindows(settings, h, d.scaler(), from);
    if (w.count() == 0) {
      return null;
    }
    return LocalTraining.train(settings.architecture(), d.base(), w, settings.dayRecipe(), seed);
  }

  /**
   * What {@link #apply} did.
   *
   * @param accepted whether the update was applied (false: wrong dimension or not finite)
   * @param staleness versions of the cluster twin since the dispatch
   * @param weight the staleness weight s(tau)
   */
  public record Applied(boolean accepted, long staleness, double weight) {}

  /**
   * Applies a client's update to its cluster twin: {@code w_c += alpha * s(tau) * delta}.
   *
   * @param cell the client
   * @param delta trained minus dispatched weights
   * @param baseVersion the cluster twin's version when dispatched
   * @return what happened
   * @throws IllegalArgumentException for a cell that is not a client
   */
  public Applied apply(String cell, double[] delta, long baseVersion) {
    Client c = clients.get(cell);
    if (c == null) {
      throw new IllegalArgumentException("cell " + cell + " is not a client of this federation");
    }
    long tau = Math.max(0, clusterVersions[c.cluster] - baseVersion);
    double s = settings.staleness().weight(tau);
    float[] w = twins.get(c.cluster);
    if (!new UpdateValidator(w.length).accept(ClientUpdate.benign(cell, delta, 1))) {
      c.rejected++;
      rejected++;
      return new Applied(false, tau, s);
    }
    float[] next = new float[w.length];
    double step = settings.alpha() * s;
    for (int i = 0; i < w.length; i++) {
      next[i] = (float) (w[i] + step * delta[i]);
    }
    twins.set(c.cluster, next);
    clusterVersions[c.cluster]++;
    version++;
    applied++;
    c.updates++;
    c.lastStaleness = tau;
    if (twins.size() == 1) {
      global = next.clone();
    }
    return new Applied(true, tau, s);
  }

  /**
   * Ends a day of H-twin updates: the global model becomes the mean of the cluster twins weighted
   * by their cells, and every twin is mixed towards it by {@link OnlineSettings#mixing()}.
   *
   * @param through the slot after the newest day the updates trained on
   */
  public void endRound(long through) {
    trainedThrough = Math.max(trainedThrough, through);
    int k = twins.size();
    if (k < 2) {
      return;
    }
    double[] sizes = new double[k];
    clients.values().forEach(c -> sizes[c.cluster]++);
    int d = global.length;
    double[] acc = new double[d];
    double total = 0;
    for (int c = 0; c < k; c++) {
      float[] m = twins.get(c);
      for (int i = 0; i < d; i++) {
        acc[i] += sizes[c] * m[i];
      }
      total += sizes[c];
    }
    float[] g = new float[d];
    for (int i = 0; i < d; i++) {
      g[i] = (float) (acc[i] / total);
    }
    global = g;
    double beta = settings.mixing();
    for (int c = 0; c < k; c++) {
      float[] a = twins.get(c);
      float[] out = new float[d];
      for (int i = 0; i < d; i++) {
        out[i] = (float) ((1 - beta) * a[i] + beta * g[i]);
      }
      twins.set(c, out);
    }
    version++;
  }

  /**
   * The model that forecasts a cell.
   *
   * @param cell the client
   * @return its cluster twin, scaler and the version now; null for a cell that is not a client
   */
  public @Nullable CellModel model(String cell) {
    Client c = clients.get(cell);
    if (c == null) {
      return null;
    }
    return new CellModel(cell, settings.architecture(), twins.get(c.cluster), c.scaler, version);
  }

  /**
   * One client's standing.
   *
   * @param cell the client
   * @param cluster its cluster twin
   * @param updates H-twin updates applied
   * @param rejected H-twin updates rejected
   * @param lastStaleness the staleness of its last applied update, -1 before the first
   */
  public record ClientStatus(
      String cell, int cluster, long updates, long rejected, long lastStaleness) {}

  /**
   * Every client's standing, in the order the V-twin met them.
   *
   * @return the clients
   */
  public List<ClientStatus> clients() {
    List<ClientStatus> out = new ArrayList<>(clients.size());
    for (Client c : clients.values()) {
      out.add(new ClientStatus(c.id, c.cluster, c.updates, c.rejected, c.lastStaleness));
    }
    return out;
  }

  /**
   * The number of cluster twins.
   *
   * @return k
   */
  public int clusterCount() {
    return twins.size();
  }

  /**
   * The V-twin's loss per round (see {@link RoundListener}).
   *
   * @return the losses, in round order
   */
  public List<Double> losses() {
    return List.copyOf(losses);
  }

  /**
   * The version: 1 after the V-twin, one more for every applied update and every day's mixing.
   *
   * @return the version
   */
  public long version() {
    return version;
  }

  /**
   * H-twin updates applied.
   *
   * @return the count
   */
  public long applied() {
    return applied;
  }

  /**
   * H-twin updates rejected (wrong dimension or not finite, as {@link dnt.learn.fl.UpdateValidator}
   * judges).
   *
   * @return the count
   */
  public long rejected() {
    return rejected;
  }

  /**
   * The slot after the newest day trained on.
   *
   * @return the slot number
   */
  public long trainedThrough() {
    return trainedThrough;
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  public OnlineSettings settings() {
    return settings;
  }

  // ---- for TwinningFile

  List<float[]> twins() {
    return twins;
  }

  float[] global() {
    return global;
  }

  long[] clusterVersions() {
    return clusterVersions;
  }

  Map<String, Client> clientMap() {
    return clients;
  }
}
