package dnt.caching.rl;

import dnt.caching.network.NetworkView;
import dnt.caching.network.StationCacheFactory;
import dnt.caching.network.Topology;
import dnt.caching.policy.CachePolicy;
import dnt.caching.twin.DecayedFrequency;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Learned cache replacement for every station of a network, with the reliability modules: the
 * caches it creates delegate each full-cache miss to one shared {@link Agent} (Double DQN by
 * default, or PPO-Lagrangian, see {@link Agents#REGISTRY}), which chooses among C + 1 actions
 * (evict slot i and admit, or do not admit). Decisions of one station chain into transitions. The
 * reward is the eviction regret (after LeCaR, G. Vietri et al., HotStorage 2018): −1 when the item
 * evicted or refused at a decision is requested again at that station, and misses, within 2·C of
 * the station's requests; the cost is the requests the station serves while overloaded. Regret
 * credits each decision directly, which a hits-until-next-decision reward does not (tried first: it
 * learned far slower than LRU).
 *
 * <p>Feature row of a candidate (reconstructed from the brief; after Zhong et al., "A Deep
 * Reinforcement Learning-Based Framework for Content Caching", CISS 2018, per-item request counts
 * over short and long windows): the candidate's short- and long-term decayed counts, recency and
 * forecast probability, whether a neighbour station holds it; the same for the incoming item plus
 * the load its admission is predicted to attract; an is-incoming flag; and, with state
 * augmentation, own load, largest neighbour load and remaining budget.
 *
 * <p>One controller serves one replay at a time (its caches are created by the simulator); train
 * with {@link #setTraining} and close the episode with {@link #endEpisode}.
 */
public final class RlController implements StationCacheFactory, AutoCloseable {
  /** The feature-row length. */
  public static final int FEATURES = 13;

  private static final double SHORT_TAU = 50;
  private static final double LONG_TAU = 1000;

  private final Topology topology;
  private final int clients;
  private final SafetySettings safety;
  private final Agent agent;
  private long decisions;

  // per replay
  private @Nullable NetworkView view;
  private RlCache[] caches = new RlCache[0];
  private DecayedFrequency[] shortFreq = new DecayedFrequency[0];
  private DecayedFrequency[] longFreq = new DecayedFrequency[0];
  private int[][] neighbours = new int[0][];
  private int[][] secondaryClientsHome = new int[0][];
  private Outcome[] pending = new Outcome[0];
  private RegretLedger[] regret = new RegretLedger[0];
  private long interventions;
  private long flagged;
  private long episodeRequests;
  private double episodeCost;

  /**
   * A controller with a fresh Double-DQN agent.
   *
   * @param topology the network's association
   * @param clients the number of clients (ids 0..clients-1), for the load look-ahead
   * @param agent the agent's hyper-parameters
   * @param safety the reliability modules
   * @param random the source of randomness (weights, exploration, replay sampling)
   */
  public RlController(
      Topology topology,
      int clients,
      AgentSettings agent,
      SafetySettings safety,
      RandomGenerator random) {
    this(topology, clients, DoubleDqn.NAME, agent, PpoSettings.DEFAULTS, safety, random);
  }

  /**
   * A controller with a fresh agent of the given name (see {@link Agents#REGISTRY}). Every agent
   * sees the same feature rows, the same C + 1 actions and the same shield; an intervention is
   * counted when the agent proposed an admission the shield forbids. With PPO-Lagrangian the
   * shield's forbidden admissions are also masked out of the policy (probability 0), the reward is
   * the eviction regret alone and the cost goes to the cost critic and the multiplier (β and the
   * veto penalty are Double-DQN reward shaping, unused by PPO-Lagrangian).
   *
   * @param topology the network's association
   * @param clients the number of clients (ids 0..clients-1), for the load look-ahead
   * @param agentName the agent's registry name
   * @param agent the Double-DQN's hyper-parameters (used by {@code ddqn})
   * @param ppoSettings the PPO-Lagrangian's hyper-parameters (used by {@code ppo-lagrangian})
   * @param safety the reliability modules
   * @param random the source of randomness (weights, exploration, replay or minibatch sampling)
   * @throws dnt.core.InvalidInputException for an unknown agent name
   */
  public RlController(
      Topology topology,
      int clients,
      String agentName,
      AgentSettings agent,
      PpoSettings ppoSettings,
      SafetySettings safety,
      RandomGenerator random) {
    this(
        topology,
        clients,
        safety,
        Agents.create(agentName, new Agents.Context(FEATURES, agent, ppoSettings, safety, random)));
  }

  /**
   * A controller around an agent.
   *
   * @param topology the network's association
   * @param clients the number of clients (ids 0..clients-1), for the load look-ahead
   * @param safety the reliability modules
   * @param agent the agent (closed with this controller)
   */
  public RlController(Topology topology, int clients, SafetySettings safety, Agent agent) {
    this.topology = topology;
    this.clients = clients;
    this.safety = safety;
    this.agent = agent;
  }

  /**
   * The agent driving the decisions.
   *
   * @return the agent
   */
  public Agent agent() {
    return agent;
  }

  /**
   * Switches learning and exploration on or off.
   *
   * @param training true to explore and learn
   * @return this controller
   */
  public RlController setTraining(boolean training) {
    agent.setTraining(training);
    return this;
  }

  /**
   * The Lagrange multiplier now (0 for an agent without one).
   *
   * @return λ
   */
  public double lambda() {
    return agent instanceof Constrained c ? c.lambda() : 0;
  }

  /**
   * Decisions taken since construction.
   *
   * @return the count
   */
  public long decisions() {
    return decisions;
  }

  /**
   * Gradient steps taken since construction.
   *
   * @return the count
   */
  public long gradientSteps() {
    return agent.gradientSteps();
  }

  /**
   * Vetoes applied by the shield in the current replay.
   *
   * @return the interventions
   */
  public long interventions() {
    return interventions;
  }

  /**
   * Admissions the look-ahead judged unsafe in the current replay, vetoed or not (for systems
   * without a shield: the interventions a shield would have made).
   *
   * @return the count
   */
  public long unsafeProposals() {
    return flagged;
  }

  @Override
  public CachePolicy create(int station, int capacity, NetworkView view) {
    if (station == 0) {
      startReplay(view);
    }
    RlCache c = new RlCache(station, capacity);
    caches[station] = c;
    return c;
  }

  /** The view of the replay in progress (set when station 0's cache is created). */
  private NetworkView view() {
    return Objects.requireNonNull(view, "no replay in progress");
  }

  private void startReplay(NetworkView v) {
    int b = topology.stationCount();
    view = v;
    caches = new RlCache[b];
    shortFreq = new DecayedFrequency[b];
    longFreq = new DecayedFrequency[b];
    pending = new Outcome[b];
    regret = new RegretLedger[b];
    for (int s = 0; s < b; s++) {
      shortFreq[s] = new DecayedFrequency(SHORT_TAU);
      longFreq[s] = new DecayedFrequency(LONG_TAU);
    }
    List<IntArrayList> nb = new ArrayList<>();
    List<IntArrayList> sec = new ArrayList<>();
    for (int s = 0; s < b; s++) {
      nb.add(new IntArrayList());
      sec.add(new IntArrayList());
    }
    for (int c = 0; c < clients; c++) {
      int[] st = topology.stationsOf(c);
      if (st.length == 2) {
        if (!nb.get(st[0]).contains(st[1])) {
          nb.get(st[0]).add(st[1]);
          nb.get(st[1]).add(st[0]);
        }
        sec.get(st[1]).add(st[0]);
      }
    }
    neighbours = new int[b][];
    secondaryClientsHome = new int[b][];
    for (int s = 0; s < b; s++) {
      neighbours[s] = nb.get(s).toIntArray();
      secondaryClientsHome[s] = sec.get(s).toIntArray();
    }
    interventions = 0;
    flagged = 0;
    episodeRequests = 0;
    episodeCost = 0;
    agent.startEpisode(b);
  }

  private RegretLedger regret(int station) {
    if (regret[station] == null) {
      regret[station] = new RegretLedger(2L * caches[station].capacity());
    }
    return regret[station];
  }

  @Override
  public void observe(NetworkView v, int item, int server, boolean hit) {
    for (int s : v.clientStations()) {
      if (!hit) {
        regret(s).missed(item, longFreq[s].requests());
      }
      shortFreq[s].record(item);
      longFreq[s].record(item);
    }
    episodeRequests++;
    double cost = v.windowLoad(server) > v.overloadThreshold() ? 1 : 0;
    episodeCost += cost;
    Outcome p = pending[server];
    if (p != null) {
      p.cost += cost;
    }
  }

  /**
   * Closes the replay: the agent learns from the episode (Double DQN flushes the stations' last
   * transitions as terminal and, with a multiplier, updates λ from the episode's mean cost;
   * PPO-Lagrangian runs its update).
   */
  public void endEpisode() {
    Arrays.fill(pending, null);
    agent.endEpisode(new Agent.Episode(episodeRequests, episodeCost));
  }

  /** Predicted extra requests per load window that admitting the item at the station attracts. */
  private double predictedLoadDelta(int station, int item) {
    double perClient = (double) view().loadWindow() / Math.max(1, clients);
    double delta = 0;
    for (int home : secondaryClientsHome[station]) {
      if (!caches[home].contains(item)) {
        delta += perClient * longFreq[home].probability(item);
      }
    }
    return delta;
  }

  private double fairShare() {
    return (double) view().loadWindow() / caches.length;
  }

  private void fill(float[] rows, int r, int station, int item, boolean incoming, float[] shared) {
    int o = r * FEATURES;
    double age = shortFreq[station].age(item);
    rows[o] = (float) Math.log1p(shortFreq[station].count(item));
    rows[o + 1] = (float) (Math.log1p(longFreq[station].count(item)) / 3);
    rows[o + 2] = (float) (age == Long.MAX_VALUE ? 1.5 : Math.log1p(age) / 8);
    rows[o + 3] = (float) Math.min(5, longFreq[station].probability(item) * 100);
    boolean covered = false;
    for (int nb : neighbours[station]) {
      if (caches[nb] != null && caches[nb].contains(item)) {
        covered = true;
        break;
      }
    }
    rows[o + 4] = covered ? 1 : 0;
    System.arraycopy(shared, 0, rows, o + 5, 4);
    rows[o + 9] = incoming ? 1 : 0;
    System.arraycopy(shared, 4, rows, o + 10, 3);
  }

  /** Decides a full cache's miss; returns the slot to evict or -1 for do not admit. */
  private int decide(RlCache cache, int item) {
    int station = cache.station;
    int c = cache.capacity();
    int n = c + 1;
    double delta = predictedLoadDelta(station, item);
    boolean unsafe =
        delta >= safety.hotThreshold()
            && view().windowLoad(station) + delta > view().overloadThreshold();
    float[] shared = new float[7];
    shared[0] = (float) Math.log1p(shortFreq[station].count(item));
    shared[1] = (float) (Math.log1p(longFreq[station].count(item)) / 3);
    shared[2] = (float) Math.min(5, longFreq[station].probability(item) * 100);
    shared[3] = (float) Math.min(5, delta / 10);
    if (safety.augmentState()) {
      double fair = fairShare();
      shared[4] = (float) (view().windowLoad(station) / fair);
      double maxNb = 0;
      for (int s = 0; s < caches.length; s++) {
        if (s != station) {
          maxNb = Math.max(maxNb, view().windowLoad(s) / fair);
        }
      }
      shared[5] = (float) maxNb;
      double used = episodeRequests == 0 ? 0 : episodeCost / episodeRequests / safety.budget();
      shared[6] = (float) Math.max(-1, 1 - used);
    }
    float[] rows = new float[n * FEATURES];
    for (int i = 0; i < c; i++) {
      fill(rows, i, station, cache.items[i], false, shared);
    }
    fill(rows, c, station, item, true, shared);
    boolean maskAdmit = unsafe && safety.shield();

    int proposed = agent.propose(rows, n);
    int executed = proposed;
    boolean veto = false;
    if (proposed < c && unsafe) {
      flagged++;
      if (safety.shield()) {
        executed = c;
        veto = true;
        interventions++;
      }
    }
    Outcome outcome =
        agent.observe(new Agent.Decision(station, rows, n, proposed, executed, veto, maskAdmit));
    pending[station] = outcome;
    int refused = executed < c ? cache.items[executed] : item;
    regret(station).remember(refused, outcome, longFreq[station].requests());
    decisions++;
    agent.learn();
    return executed < c ? executed : -1;
  }

  @Override
  public void close() {
    agent.close();
  }

  /** A station's cache: C slots whose full-cache misses the agent decides. */
  private final class RlCache implements CachePolicy {
    final int station;
    final int[] items;
    private final Int2IntOpenHashMap index;
    private int size;

    RlCache(int station, int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
      }
      this.station = station;
      items = new int[capacity];
      index = new Int2IntOpenHashMap(capacity * 2);
      index.defaultReturnValue(-1);
    }

    @Override
    public String name() {
      return agent.name();
    }

    @Override
    public int capacity() {
      return items.length;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public boolean contains(int item) {
      return index.get(item) >= 0;
    }

    @Override
    public void recordHit(int item, int nextUse) {
      if (index.get(item) < 0) {
        throw new IllegalStateException("item " + item + " is not cached");
      }
    }

    @Override
    public int admit(int item, int nextUse) {
      if (size < items.length) {
        items[size] = item;
        index.put(item, size++);
        return -1;
      }
      int slot = decide(this, item);
      if (slot < 0) {
        return -1;
      }
      int old = items[slot];
      index.remove(old);
      items[slot] = item;
      index.put(item, slot);
      return old;
    }

    @Override
    public long interventions() {
      // counted once for the network by the controller; report it at station 0 only
      return station == 0 ? RlController.this.interventions : 0;
    }
  }
}
