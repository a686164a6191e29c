package dnt.learn.fl;

import dnt.core.util.Seeds;
import dnt.learn.codec.UpdateChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Synchronous federated learning, the V-twin of the paper (Sec. III-A1, IV-A): rounds of FedAvg
 * (McMahan et al., AISTATS 2017) over a sampled fraction of stations, optionally hierarchical over
 * cluster twins (see {@link ClusterSettings}). Every round: sample stations, train them in parallel
 * from their twin's model, let the {@link Adversary} see the round's updates, reject invalid
 * updates ({@link UpdateValidator}), aggregate with the {@link AggregationRule}, apply. Updates
 * reach the server through the hooks' update codec ({@link dnt.learn.codec.UpdateChannel}), whose
 * size the cost ledger counts; the model goes down uncompressed. Deterministic for a seed.
 *
 * <p>When nothing needs the round's updates side by side (the rule is a plain {@link FedAvg} mean,
 * there is no {@link Adversary} and no clustering) the round streams: each update is validated and
 * added to one running sum ({@link RunningMean}) as soon as it is collected, in client order, then
 * dropped. The model is bit-identical to aggregating the list, and the round's memory is one model
 * vector plus the updates of the training batches in flight instead of one vector per sampled
 * station. Robust rules and attacks keep the whole round's list.
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
    UpdateChannel uplink = new UpdateChannel(hooks.codec(), d);
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
      RunningMean streamed = streamingMean(d);
      List<ClientUpdate> benign = new ArrayList<>(streamed == null ? m : 0);
      int before = validator.rejectedCount();
      double lossSum = 0;
      double roundTime = 0;
      for (int j = 0; j < m; j++) {
        FlClient c = clients.get(sampled[j]);
        LocalTraining.Result r = LocalTraining.await(jobs.get(j));
        jobs.set(j, null); // drop the finished job: its update is collectable once used
        ledger.compute(c.id(), r.report().cpuNanos());
        double down = ledger.transfer(c.id(), modelBytes, c.linkRate(), false);
        double up = ledger.transfer(c.id(), uplink.bytes(), c.linkRate(), true);
        double compute = r.report().samples() * settings.secondsPerSample() / c.computeSpeed();
        roundTime = Math.max(roundTime, down + compute + up);
        lossSum += r.report().meanLoss();
        UpdateVector received =
            hooks.codec().identity()
                ? r.update()
                : UpdateVector.of(
                    uplink.send(
                        c.id(), r.delta(), Seeds.generator(Seeds.derive(seed, 9, t, sampled[j]))));
        ClientUpdate u = ClientUpdate.benign(c.id(), received, c.train().count());
        if (streamed == null) {
          benign.add(u);
        } else if (validator.accept(u)) {
          streamed.add(u);
        }
      }
      clock += roundTime;
      int participants;
      if (streamed != null) {
        participants = streamed.count();
        previous = global;
        if (participants > 0) {
          global = Vectors.add(global, Server.checked(hooks.rule(), streamed.mean(), d, t), 1);
        }
      } else {
        AttackView view =
            new AttackView(
                t,
                Vectors.toDouble(w0),
                Vectors.toDouble(previous),
                Vectors.toDouble(global),
                Seeds.derive(seed, 4, t));
        List<ClientUpdate> received = hooks.adversary().poison(view, benign);
        List<ClientUpdate> accepted = validator.filter(received);
        participants = accepted.size();
        previous = global;
        if (!cs.enabled()) {
          if (!accepted.isEmpty()) {
            double[] delta = aggregate(accepted, t, global, seed, -1, ledger);
            global = Vectors.add(global, delta, 1);
          }
        } else {
          global = hierarchical(accepted, index, cluster, twins, clients, t, seed, ledger);
        }
      }
      int rejectedNow = validator.rejectedCount() - before;
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
              t, participants, rejectedNow, lossSum / m, Math.sqrt(norm), clock, eval));
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

  /**
   * The streaming accumulator for this run's round, or null when the round must keep its updates (a
   * rule other than the plain mean, an attacker, or clustering).
   */
  private @Nullable RunningMean streamingMean(int d) {
    return streams(hooks, settings) ? new RunningMean(d, ((FedAvg) hooks.rule()).weighted()) : null;
  }

  /**
   * Whether rounds with these hooks and settings stream their updates into a running mean.
   *
   * @param hooks the hooks
   * @param settings the settings
   * @return true for the plain mean without an attacker and without clustering
   */
  static boolean streams(FederationHooks hooks, SyncSettings settings) {
    return hooks.rule() instanceof FedAvg
        && hooks.adversary() == Adversary.NONE
        && !settings.clustering().enabled();
  }

  /**
   * Each station's model: one copy per distinct model (the global model, or each cluster's twin),
   * shared by the stations that hold it, so the result does not grow with stations x parameters.
   */
  private List<float[]> stationModels(float[] global, List<float[]> twins, int[] cluster) {
    boolean clustered = settings.clustering().enabled();
    List<float[]> copies = new ArrayList<>();
    if (clustered) {
      for (float[] twin : twins) {
        copies.add(twin.clone());
      }
    } else {
      copies.add(global.clone());
    }
    List<float[]> out = new ArrayList<>(cluster.length);
    for (int c : cluster) {
      out.add(copies.get(clustered ? c : 0));
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

  /**
   * A seeded sample of m of n indices without replacement, in increasing order.
   *
   * @param n the clients
   * @param m the sample size
   * @param random the round's generator
   * @return the indices
   */
  public static int[] sample(int n, int m, RandomGenerator random) {
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
