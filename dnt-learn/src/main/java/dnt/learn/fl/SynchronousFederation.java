package dnt.learn.fl;

import dnt.core.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * Synchronous federated learning, the V-twin of the paper (Sec. III-A1, IV-A): rounds of FedAvg
 * (McMahan et al., AISTATS 2017) over a sampled fraction of stations, optionally hierarchical over
 * cluster twins (see {@link ClusterSettings}). Every round: sample stations, train them in parallel
 * from their twin's model, let the {@link Adversary} see the round's updates, reject invalid
 * updates ({@link UpdateValidator}), aggregate with the {@link AggregationRule}, apply.
 * Deterministic for a seed.
 */
public final class SynchronousFederation {
  private final LocalTraining training;
  private final SyncSettings settings;
  private final LinkModel link;
  private final FederationHooks hooks;

  /**
   * Creates a runner.
   *
   * @param training the client training pool
   * @param settings the settings
   * @param link the transfer-time model
   * @param hooks the rule, attacker, root data, evaluator and progress
   */
  public SynchronousFederation(
      LocalTraining training, SyncSettings settings, LinkModel link, FederationHooks hooks) {
    this.training = Objects.requireNonNull(training, "training");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.link = Objects.requireNonNull(link, "link");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
  }

  /**
   * Runs all rounds.
   *
   * @param clients the stations (at least one)
   * @param initial the initial global model w_0
   * @param seed the run's seed
   * @return the result
   */
  public FederatedResult run(List<FlClient> clients, float[] initial, long seed) {
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("no clients");
    }
    int n = clients.size();
    int d = initial.length;
    if (d != training.architecture().parameterCount()) {
      throw new IllegalArgumentException("initial model has the wrong dimension " + d);
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (index.put(clients.get(i).id(), i) != null) {
        throw new IllegalArgumentException("duplicate client id " + clients.get(i).id());
      }
    }
    ClusterSettings cs = settings.clustering();
    CostLedger ledger = new CostLedger(link);
    UpdateValidator validator = new UpdateValidator(d);
    List<RoundMetrics> metrics = new ArrayList<>();
    float[] w0 = initial.clone();
    float[] global = initial.clone();
    float[] previous = initial.clone();
    int[] cluster = new int[n];
    List<float[]> twins = new ArrayList<>(List.of(global.clone()));
    double clock = 0;
    long modelBytes = LinkModel.modelBytes(d);
    int m = settings.sampleSize(n);
    for (int t = 0; t < settings.rounds(); t++) {
      if (cs.enabled() && t % cs.reclusterEvery() == 0) {
        cluster = cs.algorithm().assign(clients, Seeds.derive(seed, 1, t));
        int k = Arrays.stream(cluster).max().orElse(0) + 1;
        twins = new ArrayList<>();
        for (int c = 0; c < k; c++) {
          twins.add(global.clone());
        }
      }
      int[] sampled = sample(n, m, Seeds.generator(Seeds.derive(seed, 2, t)));
      List<LocalTraining.Job> work = new ArrayList<>(m);
      for (int i : sampled) {
        float[] base = cs.enabled() ? twins.get(cluster[i]) : global;
        work.add(new LocalTraining.Job(base, clients.get(i).train(), Seeds.derive(seed, 3, t, i)));
      }
      List<Future<LocalTraining.Result>> jobs = training.submitAll(work, settings.recipe());
      List<ClientUpdate> benign = new ArrayList<>(m);
      double lossSum = 0;
      double roundTime = 0;
      for (int j = 0; j < m; j++) {
        FlClient c = clients.get(sampled[j]);
        LocalTraining.Result r = LocalTraining.await(jobs.get(j));
        ledger.compute(c.id(), r.report().cpuNanos());
        double down = ledger.transfer(c.id(), modelBytes, c.linkRate(), false);
        double up = ledger.transfer(c.id(), modelBytes, c.linkRate(), true);
        double compute = r.report().samples() * settings.secondsPerSample() / c.computeSpeed();
        roundTime = Math.max(roundTime, down + compute + up);
        lossSum += r.report().meanLoss();
        benign.add(ClientUpdate.benign(c.id(), r.delta(), c.train().count()));
      }
      clock += roundTime;
      AttackView view =
          new AttackView(
              t,
              Vectors.toDouble(w0),
              Vectors.toDouble(previous),
              Vectors.toDouble(global),
              Seeds.derive(seed, 4, t));
      List<ClientUpdate> received = hooks.adversary().poison(view, benign);
      int before = validator.rejectedCount();
      List<ClientUpdate> accepted = validator.filter(received);
      int rejectedNow = validator.rejectedCount() - before;
      previous = global;
      if (!cs.enabled()) {
        if (!accepted.isEmpty()) {
          double[] delta = aggregate(accepted, t, global, seed, -1, ledger);
          global = Vectors.add(global, delta, 1);
        }
      } else {
        global = hierarchical(accepted, index, cluster, twins, clients, t, seed, ledger);
      }
      double norm = 0;
      for (int j = 0; j < d; j++) {
        double x = (double) global[j] - previous[j];
        norm += x * x;
      }
      double eval = Double.NaN;
      boolean last = t == settings.rounds() - 1;
      if (settings.evaluateEvery() > 0 && ((t + 1) % settings.evaluateEvery() == 0 || last)) {
        eval = hooks.evaluator().evaluate(global.clone(), stationModels(global, twins, cluster));
      }
      metrics.add(
          new RoundMetrics(
              t, accepted.size(), rejectedNow, lossSum / m, Math.sqrt(norm), clock, eval));
      hooks.progress().update(t + 1, settings.rounds(), "round " + (t + 1));
    }
    int[] finalClusters = cs.enabled() ? cluster : new int[n];
    return new FederatedResult(
        global,
        stationModels(global, twins, cluster),
        finalClusters,
        metrics,
        validator.rejected(),
        ledger.summary());
  }

  private List<float[]> stationModels(float[] global, List<float[]> twins, int[] cluster) {
    List<float[]> out = new ArrayList<>(cluster.length);
    for (int c : cluster) {
      out.add(settings.clustering().enabled() ? twins.get(c).clone() : global.clone());
    }
    return out;
  }

  /** Cluster step then global step; returns the new global model and updates {@code twins}. */
  private float[] hierarchical(
      List<ClientUpdate> accepted,
      Map<String, Integer> index,
      int[] cluster,
      List<float[]> twins,
      List<FlClient> clients,
      int t,
      long seed,
      CostLedger ledger) {
    int k = twins.size();
    List<List<ClientUpdate>> byCluster = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      byCluster.add(new ArrayList<>());
    }
    int unknown = 0;
    for (ClientUpdate u : accepted) {
      Integer i = index.get(u.clientId());
      // Updates of clients the server does not know (fake clients) join clusters in turn.
      int c = i != null ? cluster[i] : unknown++ % k;
      byCluster.get(c).add(u);
    }
    double[] sizes = new double[k];
    for (int i = 0; i < clients.size(); i++) {
      sizes[cluster[i]] += 1;
    }
    for (int c = 0; c < k; c++) {
      if (!byCluster.get(c).isEmpty()) {
        double[] delta = aggregate(byCluster.get(c), t, twins.get(c), seed, c, ledger);
        twins.set(c, Vectors.add(twins.get(c), delta, 1));
      }
    }
    float[] global = Vectors.weightedMean(twins, sizes);
    double beta = settings.clustering().mixing();
    for (int c = 0; c < k; c++) {
      twins.set(c, Vectors.mix(twins.get(c), global, beta));
    }
    return global;
  }

  private double[] aggregate(
      List<ClientUpdate> updates, int t, float[] base, long seed, int c, CostLedger ledger) {
    return Server.aggregate(
        hooks,
        training.architecture(),
        settings.recipe(),
        updates,
        t,
        base,
        Seeds.derive(seed, 5, t, c + 1L),
        Seeds.derive(seed, 6, t, c + 1L),
        ledger);
  }

  /** A seeded sample of m of n indices without replacement, in increasing order. */
  static int[] sample(int n, int m, RandomGenerator random) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    if (m >= n) {
      return all;
    }
    for (int i = 0; i < m; i++) {
      int j = i + random.nextInt(n - i);
      int tmp = all[i];
      all[i] = all[j];
      all[j] = tmp;
    }
    int[] s = Arrays.copyOf(all, m);
    Arrays.sort(s);
    return s;
  }
}
