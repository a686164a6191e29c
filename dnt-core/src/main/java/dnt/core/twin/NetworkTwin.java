package dnt.core.twin;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.RateModel;
import dnt.core.radio.Units;
import dnt.core.spatial.UniformGrid;
import dnt.core.util.Progress;
import java.util.ArrayList;
import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jspecify.annotations.Nullable;

/**
 * A digital twin of a cellular downlink: base stations and users (the paper's physical network
 * objects) whose external state is kept consistent as the network changes. Zhang et al., "Digital
 * Network Twins for Next-Generation Wireless", Sec. II, describe the twin as a graph of twins in
 * which a change to one object (their example: a user handing over from station 1 to station 2)
 * changes the state of others (the loads of both stations, hence the interference and resource
 * share of other users). This class makes that example concrete and cheap.
 *
 * <h2>Model</h2>
 *
 * <ul>
 *   <li>A station {@code b} has an EIRP {@code P_b}, a load {@code L_b} (the offered traffic of its
 *       users), {@code n_b} active users and an activity factor {@code a_b = min(1, L_b / C_b)} for
 *       its capacity {@code C_b}.
 *   <li>A user {@code u} served by {@code s(u)} receives {@code S_u = P_s g(s, u)} (the link gain
 *       {@code g} from the {@link LinkBudget}) and interference {@code I_u = sum over active b !=
 *       s(u) with P_b g(b, u) >= floor of a_b P_b g(b, u)}: load coupling. Its SINR is {@code S_u /
 *       (N + I_u)}, its share of resources {@code 1 / n_s(u)} and its rate {@code share x B x
 *       se(SINR)}.
 *   <li>Association is state: a user changes station only by an explicit {@link
 *       TwinEvent.Handover}, by the A3 rule ({@link HandoverRule}) when it is measured at a new
 *       position, when its station is removed, or when a configuration change (power, new station)
 *       makes a neighbour better by the A3 offset.
 * </ul>
 *
 * <h2>Incremental updates</h2>
 *
 * {@link #apply} changes the internal state an event names, then propagates: every station whose
 * activity factor or power changed adds the difference of its contribution to the interference sum
 * of each user it reaches above the floor (found in a uniform grid index), every station whose user
 * count changed changes the share of its users, and users whose position or station changed are
 * recomputed from scratch. The cost of a handover is therefore proportional to the number of users
 * near the two stations, not to the size of the city. A user whose interference drops by more than
 * half in one step is recomputed from scratch instead, which keeps the rounding error of the
 * running sums relative to their value (the property test checks agreement with a full
 * recomputation to 1e-9). A {@link TwinEvent.TrafficBatch} sets many users' demands (a cell's
 * telemetry) and propagates once, so a station shared by those users spreads its new activity
 * factor once instead of once per user. The links, the full recomputation and the incremental
 * update are the propagation core, {@link TwinPropagation}.
 *
 * <h2>Storage</h2>
 *
 * Users live in primitive storage of 4096-row chunks that a {@link #fork} shares copy-on-write
 * ({@link UserColumns}): the doubles of a user (position, demand, signal, interference) side by
 * side in one record, the ints in columns. At build time users are renumbered in grid-cell order,
 * so the users an event reaches are neighbours in memory. Stations (thousands, not millions) are
 * copied on fork ({@link StationColumns}). A twin is not thread-safe: one writer at a time, and no
 * {@link #fork} during an {@link #apply} on the same twin.
 *
 * <h2>Structure</h2>
 *
 * This class is the facade: building, forking, events and the views of the state. It delegates to
 * the storage types above, to {@link TwinPropagation}, and to the read-only {@link
 * StationRelations} (relations, neighbours, the relation graph) and {@link KpiCalculator} (KPIs).
 */
public final class NetworkTwin {
  private static final int NONE = StationColumns.NONE;
  private static final int UX = UserColumns.X;
  private static final int UY = UserColumns.Y;
  private static final int UDEMAND = UserColumns.DEMAND;
  private static final int US = UserColumns.SIGNAL;
  private static final int UI = UserColumns.INTERFERENCE;
  private static final int UA3 = UserColumns.A3_SINCE;

  private final TwinConfig config;
  private final RateModel rate;
  private final double noiseMw;
  private final double hysteresis;
  private final double bandwidthHz;
  private final UniformGrid grid;

  /** Stations: thousands, copied on fork. */
  private final StationColumns st;

  /** Users: millions, shared copy-on-write by forks. */
  private final UserColumns us;

  /** Links, recomputation and the incremental update after an event. */
  private final TwinPropagation core;

  private NetworkTwin(TwinConfig config, double[] heights, int[] ids) {
    this.config = config;
    this.rate = config.rate();
    this.noiseMw = config.noiseMw();
    this.hysteresis = Units.fromDb(config.handover().hysteresisDb());
    this.bandwidthHz = config.bandwidthHz();
    this.grid = UniformGrid.over(config.area(), config.gridCellM());
    us = new UserColumns(ids, heights, grid.cellCount());
    st = new StationColumns(16, grid.cellCount());
    core = new TwinPropagation(config, grid, st, us);
  }

  /** The copy-on-write fork. */
  private NetworkTwin(NetworkTwin o) {
    config = o.config;
    rate = o.rate;
    noiseMw = o.noiseMw;
    hysteresis = o.hysteresis;
    bandwidthHz = o.bandwidthHz;
    grid = o.grid;
    st = o.st.fork();
    us = o.us.fork();
    core = new TwinPropagation(o.core, st, us);
  }

  /**
   * Starts building a twin.
   *
   * @param config the configuration
   * @return a builder
   */
  public static NetworkTwinBuilder builder(TwinConfig config) {
    return new NetworkTwinBuilder(config);
  }

  static NetworkTwin create(
      TwinConfig config,
      List<StationSpec> stations,
      int[] ids,
      double[] xs,
      double[] ys,
      double[] heights,
      double[] demands,
      int @Nullable [] initialServing,
      boolean spatialOrder,
      Progress progress) {
    return create(
        config,
        stations,
        ids,
        xs,
        ys,
        heights,
        demands,
        initialServing,
        spatialOrder,
        true,
        progress);
  }

  /**
   * Builds a twin. With {@code spatialOrder}, users are renumbered internally in grid-cell order
   * (stable within a cell), so that the users an event reaches, who are near each other, sit next
   * to each other in every column: a handover then walks memory sequentially instead of missing the
   * cache once per user and column. Ids are unaffected.
   */
  static NetworkTwin create(
      TwinConfig config,
      List<StationSpec> stations,
      int[] ids,
      double[] xs,
      double[] ys,
      double[] heights,
      double[] demands,
      int @Nullable [] initialServing,
      boolean spatialOrder,
      boolean derive,
      Progress progress) {
    if (spatialOrder) {
      UniformGrid g = UniformGrid.over(config.area(), config.gridCellM());
      int n = ids.length;
      int[] cellOf = new int[n];
      int[] start = new int[g.cellCount() + 1];
      for (int u = 0; u < n; u++) {
        cellOf[u] = g.cellOf(xs[u], ys[u]);
        start[cellOf[u] + 1]++;
      }
      for (int c = 0; c < g.cellCount(); c++) {
        start[c + 1] += start[c];
      }
      int[] order = new int[n];
      for (int u = 0; u < n; u++) {
        order[start[cellOf[u]]++] = u;
      }
      ids = permute(ids, order);
      xs = permute(xs, order);
      ys = permute(ys, order);
      heights = permute(heights, order);
      demands = permute(demands, order);
      if (initialServing != null) {
        initialServing = permute(initialServing, order);
      }
    }
    NetworkTwin t = new NetworkTwin(config, heights, ids);
    for (StationSpec s : stations) {
      t.core.appendStation(s);
    }
    for (int u = 0; u < ids.length; u++) {
      t.us.rec.set(u, UX, xs[u]);
      t.us.rec.set(u, UY, ys[u]);
      t.us.rec.set(u, UDEMAND, demands[u]);
      int cell = t.grid.cellOf(xs[u], ys[u]);
      t.us.cellSlot.set(u, t.us.grid.add(cell, u));
      t.us.a3Target.set(u, NONE);
    }
    int steps = derive ? 2 : 1;
    int[] serving = initialServing;
    if (serving == null) {
      serving = new int[ids.length];
      int[] out = serving;
      TwinPropagation.inBlocks(
          ids.length,
          progress,
          "step 1 of " + steps + ": associating users with their strongest station",
          u -> out[u] = t.core.bestStation(u, NONE, new double[1]));
    }
    for (int u = 0; u < ids.length; u++) {
      int s = serving[u];
      t.us.serving.set(u, s);
      if (s >= 0) {
        t.us.servSlot.set(u, t.us.served.add(s, u));
      }
    }
    if (derive) {
      t.core.recomputeAll(progress, "step 2 of 2: computing signal and interference");
    }
    return t;
  }

  private static int[] permute(int[] a, int[] order) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[order[i]];
    }
    return out;
  }

  private static double[] permute(double[] a, int[] order) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[order[i]];
    }
    return out;
  }

  /**
   * Applies an event and propagates its effects (see {@link TwinPropagation}). A rejected event
   * (unknown twin, position outside the area, bad value) throws before anything changes.
   *
   * @param event the event
   * @return every twin whose external state changed, with old and new values
   */
  public TwinDelta apply(TwinEvent event) {
    return core.apply(event);
  }

  // ---------------------------------------------------------------------------------------------
  // Views

  static UserState userState(
      UserId id,
      int servingId,
      double signalMw,
      double interferenceMw,
      double share,
      double demand,
      double noiseMw,
      double bandwidthHz,
      RateModel rate) {
    if (servingId < 0) {
      return new UserState(
          id,
          null,
          Double.NEGATIVE_INFINITY,
          interferenceMw,
          Double.NEGATIVE_INFINITY,
          0,
          0,
          demand);
    }
    double sinr = signalMw / (noiseMw + interferenceMw);
    double r = share * bandwidthHz * rate.spectralEfficiency(sinr) / 1e6;
    return new UserState(
        id,
        BaseStationId.of(servingId),
        Units.mwToDbm(signalMw),
        interferenceMw,
        Units.toDb(sinr),
        share,
        r,
        demand);
  }

  private UserState userState(int u) {
    int s = us.serving.get(u);
    return userState(
        UserId.of(us.id[u]),
        s < 0 ? NONE : st.id[s],
        us.rec.get(u, US),
        us.rec.get(u, UI),
        s < 0 ? 0 : 1.0 / st.users[s],
        us.rec.get(u, UDEMAND),
        noiseMw,
        bandwidthHz,
        rate);
  }

  private StationState stationState(int s) {
    return st.state(s);
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public TwinConfig config() {
    return config;
  }

  /**
   * Number of users.
   *
   * @return the count
   */
  public int userCount() {
    return us.n;
  }

  /**
   * Number of stations, including removed ones.
   *
   * @return the count
   */
  public int stationCount() {
    return st.n;
  }

  /**
   * The users' ids, in the order they were added.
   *
   * @return the ids
   */
  public List<UserId> userIds() {
    List<UserId> out = new ArrayList<>(us.n);
    for (int id : us.id) {
      out.add(UserId.of(id));
    }
    return out;
  }

  /**
   * The stations' ids, in the order they were added.
   *
   * @return the ids
   */
  public List<BaseStationId> stationIds() {
    List<BaseStationId> out = new ArrayList<>(st.n);
    for (int s = 0; s < st.n; s++) {
      out.add(BaseStationId.of(st.id[s]));
    }
    return out;
  }

  private int userIndexOf(UserId id) {
    int u = us.index.get(id.value());
    if (u == NONE) {
      throw new InvalidInputException("user " + id + " is not in the twin");
    }
    return u;
  }

  private int stationIndexOf(BaseStationId id) {
    int s = st.index.get(id.value());
    if (s == NONE) {
      throw new InvalidInputException("station " + id + " is not in the twin");
    }
    return s;
  }

  /**
   * A user's external state.
   *
   * @param id the user
   * @return its state
   */
  public UserState user(UserId id) {
    return userState(userIndexOf(id));
  }

  /**
   * A user's internal properties.
   *
   * @param id the user
   * @return its position, height and demand
   */
  public UserSpec userSpec(UserId id) {
    int u = userIndexOf(id);
    return new UserSpec(
        id, new Position(us.rec.get(u, UX), us.rec.get(u, UY)), us.h[u], us.rec.get(u, UDEMAND));
  }

  /**
   * A station's external state.
   *
   * @param id the station
   * @return its state
   */
  public StationState station(BaseStationId id) {
    return stationState(stationIndexOf(id));
  }

  /**
   * A station's internal properties (its current power).
   *
   * @param id the station
   * @return its specification
   */
  public StationSpec stationSpec(BaseStationId id) {
    int s = stationIndexOf(id);
    return new StationSpec(
        id, new Position(st.x[s], st.y[s]), st.h[s], st.txDbm[s], st.gainDb[s], st.cap[s]);
  }

  /**
   * The users a station serves.
   *
   * @param id the station
   * @return their ids, in no particular order
   */
  public List<UserId> usersOf(BaseStationId id) {
    int s = stationIndexOf(id);
    List<UserId> out = new ArrayList<>(us.served.size(s));
    for (int k = 0; k < us.served.size(s); k++) {
      out.add(UserId.of(us.id[us.served.get(s, k)]));
    }
    return out;
  }

  /**
   * The distance beyond which a station's links are all under the interference floor.
   *
   * @param id the station
   * @return the range in metres ({@code Infinity} without a floor)
   */
  public double rangeM(BaseStationId id) {
    return st.radius[stationIndexOf(id)];
  }

  /**
   * The relation between two stations, computed from the current state.
   *
   * @param a one station
   * @param b another station
   * @return distance, coverage overlap and traffic similarity
   */
  public StationRelation relation(BaseStationId a, BaseStationId b) {
    return relations().relation(stationIndexOf(a), stationIndexOf(b));
  }

  /**
   * The nearest active stations to a station, closest first (ties: lower id).
   *
   * @param id the station
   * @param k how many
   * @return up to k station ids
   */
  public List<BaseStationId> neighbours(BaseStationId id, int k) {
    return relations().neighbours(stationIndexOf(id), k);
  }

  /**
   * The graph of station twins: each active station linked to its {@code k} nearest active
   * neighbours, every edge weighted by the pair's coverage overlap ({@link #relation}).
   *
   * @param k neighbours per station
   * @return an undirected weighted graph
   */
  public Graph<BaseStationId, DefaultWeightedEdge> relationGraph(int k) {
    return relations().graph(k);
  }

  private StationRelations relations() {
    return new StationRelations(st, us, hysteresis, core::rx);
  }

  /**
   * Forks the twin: the fork shares all user storage with this twin until either writes, so it is
   * cheap (proportional to the number of stations and grid cells plus one reference per 4096
   * users). Events applied to the fork never affect this twin, and vice versa.
   *
   * @return an independent twin in the same state
   */
  public NetworkTwin fork() {
    return new NetworkTwin(this);
  }

  /**
   * A fork with every derived quantity (loads, activity factors, received powers, interference)
   * recomputed from scratch from the internal state and the associations. The reference against
   * which incremental updates are checked and timed.
   *
   * @return the recomputed twin
   */
  public NetworkTwin recomputed() {
    NetworkTwin t = fork();
    t.core.recomputeAll();
    return t;
  }

  /**
   * The largest relative difference between the external states of two twins with the same users
   * and stations (loads, activity factors, shares, received powers and interference), each
   * difference taken relative to the larger magnitude; associations must match exactly.
   *
   * @param other the other twin
   * @return the largest relative difference (0 when identical)
   */
  public double maxRelativeDifference(NetworkTwin other) {
    if (other.us.n != us.n || other.st.n != st.n) {
      return Double.POSITIVE_INFINITY;
    }
    double worst = 0;
    for (int s = 0; s < st.n; s++) {
      if (st.id[s] != other.st.id[s]
          || st.active[s] != other.st.active[s]
          || st.users[s] != other.st.users[s]) {
        return Double.POSITIVE_INFINITY;
      }
      worst = Math.max(worst, rel(st.load[s], other.st.load[s]));
      worst = Math.max(worst, rel(st.act[s], other.st.act[s]));
    }
    for (int u = 0; u < us.n; u++) {
      if (us.serving.get(u) != other.us.serving.get(u)) {
        return Double.POSITIVE_INFINITY;
      }
      worst = Math.max(worst, rel(us.rec.get(u, US), other.us.rec.get(u, US)));
      worst = Math.max(worst, rel(us.rec.get(u, UI), other.us.rec.get(u, UI)));
    }
    return worst;
  }

  private static double rel(double a, double b) {
    double m = Math.max(Math.abs(a), Math.abs(b));
    return m == 0 ? 0 : Math.abs(a - b) / m;
  }

  /**
   * Computes the twin's KPIs. Percentiles are nearest-rank.
   *
   * @return the KPIs
   */
  public TwinKpis kpis() {
    return new KpiCalculator(st, us, noiseMw, bandwidthHz, rate, config.coverageRsrpDbm()).kpis();
  }

  // ---------------------------------------------------------------------------------------------
  // Snapshot support (package-private)

  int[] userIdArray() {
    return us.id;
  }

  double[] userHeightArray() {
    return us.h;
  }

  double userX(int u) {
    return us.rec.get(u, UX);
  }

  double userY(int u) {
    return us.rec.get(u, UY);
  }

  double userDemand(int u) {
    return us.rec.get(u, UDEMAND);
  }

  double userSignal(int u) {
    return us.rec.get(u, US);
  }

  double userInterference(int u) {
    return us.rec.get(u, UI);
  }

  int userServingIndex(int u) {
    return us.serving.get(u);
  }

  int userA3Target(int u) {
    return us.a3Target.get(u);
  }

  double userA3Since(int u) {
    return us.rec.get(u, UA3);
  }

  StationSpec stationSpecAt(int s) {
    return new StationSpec(
        BaseStationId.of(st.id[s]),
        new Position(st.x[s], st.y[s]),
        st.h[s],
        st.txDbm[s],
        st.gainDb[s],
        st.cap[s]);
  }

  double maxRadius() {
    return st.maxRadius;
  }

  boolean stationActiveAt(int s) {
    return st.active[s];
  }

  double stationLoadAt(int s) {
    return st.load[s];
  }

  int servedSize(int s) {
    return us.served.size(s);
  }

  int servedAt(int s, int k) {
    return us.served.get(s, k);
  }

  int cellCount() {
    return us.grid.lists();
  }

  int cellSize(int cell) {
    return us.grid.size(cell);
  }

  int cellAt(int cell, int k) {
    return us.grid.get(cell, k);
  }

  /**
   * Rebuilds the per-station and per-cell lists in a given order (a snapshot's), so that a restored
   * twin iterates exactly as the saved one did.
   */
  void restoreOrder(int[][] servedLists, int[][] cellLists) {
    for (int s = 0; s < st.n; s++) {
      while (us.served.size(s) > 0) {
        us.served.removeAt(s, us.served.size(s) - 1);
      }
      for (int u : servedLists[s]) {
        us.servSlot.set(u, us.served.add(s, u));
      }
      st.users[s] = servedLists[s].length;
    }
    for (int c = 0; c < cellLists.length; c++) {
      while (us.grid.size(c) > 0) {
        us.grid.removeAt(c, us.grid.size(c) - 1);
      }
      for (int u : cellLists[c]) {
        us.cellSlot.set(u, us.grid.add(c, u));
      }
    }
  }

  /** Restores the exact derived state of a snapshot after {@link #create}. */
  void restoreExact(
      boolean[] active,
      double[] loads,
      double savedMaxRadius,
      double[] signal,
      double[] interference,
      int[] a3Target,
      double[] a3Since) {
    st.maxRadius = Math.max(st.maxRadius, savedMaxRadius);
    for (int s = 0; s < st.n; s++) {
      st.active[s] = active[s];
      st.load[s] = loads[s];
      st.act[s] = st.activity(s);
    }
    for (int u = 0; u < us.n; u++) {
      us.rec.set(u, US, signal[u]);
      us.rec.set(u, UI, interference[u]);
      us.a3Target.set(u, a3Target[u]);
      us.rec.set(u, UA3, a3Since[u]);
    }
  }
}
