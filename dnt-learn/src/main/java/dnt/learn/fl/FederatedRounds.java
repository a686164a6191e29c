package dnt.learn.fl;

import dnt.core.util.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The server side of {@link SynchronousFederation}'s rounds for a runner whose clients train
 * elsewhere (the live twin's FL client entities, on the nodes that host their cells): the same
 * seeded clustering, client sample, starting models, per-job seeds and FedAvg step (plain or over
 * cluster twins, McMahan et al. 2017; the paper's V-twin, Sec. III-A1), so that with the same
 * clients, updates and seed the models are bit for bit those of {@link SynchronousFederation#run}
 * with unbatched local training. The caller sends {@link #base} to each client of {@link #start},
 * trains it with {@link #jobSeed}, and hands the updates that came back to {@link #finish} in
 * client order, whatever order they arrived in; a client that did not answer is simply left out of
 * the round, as a rejected update would be.
 *
 * <p>Only the unweighted or weighted FedAvg mean, without an adversary or root data, and with the
 * identity uplink codec: the configuration of the live twin's V-twin. Not thread-safe.
 */
public final class FederatedRounds {
  private final SyncSettings settings;
  private final List<FlClient> clients;
  private final long seed;
  private final int dimension;
  private final UpdateValidator validator;
  private final FedAvg rule;
  private float[] global;
  private int[] cluster;
  private List<float[]> twins;
  private int round = -1;

  /**
   * A runner at round 0.
   *
   * @param settings the rounds, client fraction, recipe and clustering
   * @param clients the clients, in the order every seed refers to (only their ids, locations and
   *     profiles are read: their data stays with them)
   * @param initial the initial global model w_0
   * @param seed the run's seed (as given to {@link SynchronousFederation#run})
   * @param weighted weight the mean by the updates' weights (their sample counts)
   */
  public FederatedRounds(
      SyncSettings settings, List<FlClient> clients, float[] initial, long seed, boolean weighted) {
    this.settings = Objects.requireNonNull(settings, "settings");
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("no clients");
    }
    this.clients = List.copyOf(clients);
    this.seed = seed;
    this.dimension = initial.length;
    this.validator = new UpdateValidator(dimension);
    this.rule = new FedAvg(weighted);
    this.global = initial.clone();
    this.cluster = new int[clients.size()];
    this.twins = new ArrayList<>(List.of(global.clone()));
  }

  /**
   * An empty sample set for a client whose data stays with it (the clustering reads only its
   * location and profile).
   *
   * @return zero windows
   */
  public static dnt.learn.forecast.Windows noData() {
    return new dnt.learn.forecast.Windows(0, 1, 0, 1, new float[0], new float[0], new float[0]);
  }

  /**
   * Starts round t: re-clusters when due and draws the round's sample.
   *
   * @param t the round, from 0, one more than the last
   * @return the sampled clients' indices, increasing
   */
  public int[] start(int t) {
    if (t != round + 1 || t >= settings.rounds()) {
      throw new IllegalStateException("round " + t + " cannot start after round " + round);
    }
    round = t;
    ClusterSettings cs = settings.clustering();
    if (cs.enabled() && t % cs.reclusterEvery() == 0) {
      cluster = cs.algorithm().assign(clients, Seeds.derive(seed, 1, t));
      int k = Arrays.stream(cluster).max().orElse(0) + 1;
      twins = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        twins.add(global.clone());
      }
    }
    int n = clients.size();
    return SynchronousFederation.sample(
        n, settings.sampleSize(n), Seeds.generator(Seeds.derive(seed, 2, t)));
  }

  /**
   * The model client i trains from in the current round (its cluster twin, or the global model).
   *
   * @param i the client's index
   * @return a copy
   */
  public float[] base(int i) {
    return (settings.clustering().enabled() ? twins.get(cluster[i]) : global).clone();
  }

  /**
   * The seed of client i's local training in round t.
   *
   * @param t the round
   * @param i the client's index
   * @return the seed
   */
  public long jobSeed(int t, int i) {
    return Seeds.derive(seed, 3, t, i);
  }

  /**
   * Ends the current round with the updates that came back.
   *
   * @param updates trained minus starting weights, in increasing client order (the caller sorts
   *     them; the order fixes the floating-point sum)
   * @return the updates accepted (finite and of the model's size)
   */
  public int finish(List<ClientUpdate> updates) {
    List<ClientUpdate> accepted = new ArrayList<>(updates.size());
    for (ClientUpdate u : updates) {
      if (validator.accept(u)) {
        accepted.add(u);
      }
    }
    if (accepted.isEmpty()) {
      return 0;
    }
    if (!settings.clustering().enabled()) {
      global = Vectors.add(global, mean(accepted), 1);
      return accepted.size();
    }
    int k = twins.size();
    List<List<ClientUpdate>> byCluster = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      byCluster.add(new ArrayList<>());
    }
    for (ClientUpdate u : accepted) {
      byCluster.get(cluster[indexOf(u.clientId())]).add(u);
    }
    double[] sizes = new double[k];
    for (int c : cluster) {
      sizes[c] += 1;
    }
    for (int c = 0; c < k; c++) {
      if (!byCluster.get(c).isEmpty()) {
        twins.set(c, Vectors.add(twins.get(c), mean(byCluster.get(c)), 1));
      }
    }
    global = Vectors.weightedMean(twins, sizes);
    double beta = settings.clustering().mixing();
    for (int c = 0; c < k; c++) {
      twins.set(c, Vectors.mix(twins.get(c), global, beta));
    }
    return accepted.size();
  }

  /** The FedAvg mean of updates, summed in their order (as {@link FedAvg#aggregate}), checked. */
  private double[] mean(List<ClientUpdate> updates) {
    RunningMean mean = new RunningMean(dimension, rule.weighted());
    updates.forEach(mean::add);
    return Server.checked(rule, mean.mean(), dimension, round);
  }

  private int indexOf(String id) {
    for (int i = 0; i < clients.size(); i++) {
      if (clients.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException("client " + id + " is not in this federation");
  }

  /**
   * The global model now.
   *
   * @return a copy
   */
  public float[] global() {
    return global.clone();
  }

  /**
   * Each client's cluster (all 0 without clustering).
   *
   * @return a copy
   */
  public int[] clusters() {
    return settings.clustering().enabled() ? cluster.clone() : new int[clients.size()];
  }

  /**
   * The cluster twins now (the global model alone without clustering).
   *
   * @return copies, by cluster
   */
  public List<float[]> twins() {
    List<float[]> out = new ArrayList<>();
    if (settings.clustering().enabled()) {
      twins.forEach(w -> out.add(w.clone()));
    } else {
      out.add(global.clone());
    }
    return out;
  }
}
