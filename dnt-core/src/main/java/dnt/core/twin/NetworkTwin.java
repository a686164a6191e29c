package dnt.core.twin;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.PhysicalLimits;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.RateModel;
import dnt.core.radio.Units;
import dnt.core.spatial.UniformGrid;
import dnt.core.util.Progress;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

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
 * recomputation to 1e-9).
 *
 * <h2>Storage</h2>
 *
 * Users live in primitive storage of 4096-row chunks that a {@link #fork} shares copy-on-write: the
 * doubles of a user (position, demand, signal, interference) side by side in one record, the ints
 * in columns. At build time users are renumbered in grid-cell order, so the users an event reaches
 * are neighbours in memory. Stations (thousands, not millions) are copied on fork. A twin is not
 * thread-safe: one writer at a time, and no {@link #fork} during an {@link #apply} on the same
 * twin.
 */
public final class NetworkTwin {
  private static final int NONE = StationColumns.NONE;
  private static final int RANGE_HEIGHT_SAMPLES = 8;
  private static final double NEG_LN10_OVER_10 = -Math.log(10) / 10;
  private static final int UX = UserColumns.X;
  private static final int UY = UserColumns.Y;
  private static final int UDEMAND = UserColumns.DEMAND;
  private static final int US = UserColumns.SIGNAL;
  private static final int UI = UserColumns.INTERFERENCE;
  private static final int UA3 = UserColumns.A3_SINCE;

  private final TwinConfig config;
  private final LinkBudget links;
  private final RateModel rate;
  private final double noiseMw;
  private final double floorMw;
  private final double hysteresis;
  private final long timeToTriggerMs;
  private final double bandwidthHz;
  private final UniformGrid grid;
  private final double[] rangeHeights;

  /** Stations: thousands, copied on fork. */
  private final StationColumns st;

  /** Users: millions, shared copy-on-write by forks. */
  private final UserColumns us;

  // Per-event scratch, private to this instance (not shared by forks).
  private int epoch;

  /** Per user: the epoch it was last touched ({@code 2u}) and marked fresh ({@code 2u + 1}). */
  private int[] marks;

  private int[] stationMark;
  private int[] servedMark;
  private int tUserCount;
  private int[] tUsers = new int[64];
  private int[] tOldServing = new int[64];
  private double[] tOldUser = new double[4 * 64]; // S, I, share, demand
  private final IntArrayList tFresh = new IntArrayList();
  private final IntArrayList tStations = new IntArrayList();
  private final DoubleArrayList tOldStation = new DoubleArrayList(); // 7 per station
  private double bestRx;
  private final double[] bestOut = new double[1];

  private NetworkTwin(TwinConfig config, double[] heights, int[] ids) {
    this.config = config;
    this.links = config.links();
    this.rate = config.rate();
    this.noiseMw = config.noiseMw();
    this.floorMw = config.floor().floorMw(noiseMw);
    this.hysteresis = Units.fromDb(config.handover().hysteresisDb());
    this.timeToTriggerMs = config.handover().timeToTriggerMs();
    this.bandwidthHz = config.bandwidthHz();
    this.grid = UniformGrid.over(config.area(), config.gridCellM());
    this.rangeHeights = rangeHeights(heights);
    us = new UserColumns(ids, heights, grid.cellCount());
    st = new StationColumns(16, grid.cellCount());
    stationMark = new int[st.capacity()];
    servedMark = new int[st.capacity()];
  }

  /** The copy-on-write fork. */
  private NetworkTwin(NetworkTwin o) {
    config = o.config;
    links = o.links;
    rate = o.rate;
    noiseMw = o.noiseMw;
    floorMw = o.floorMw;
    hysteresis = o.hysteresis;
    timeToTriggerMs = o.timeToTriggerMs;
    bandwidthHz = o.bandwidthHz;
    grid = o.grid;
    rangeHeights = o.rangeHeights;
    st = o.st.fork();
    us = o.us.fork();
    stationMark = new int[st.capacity()];
    servedMark = new int[st.capacity()];
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
      int[] initialServing,
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
      int[] initialServing,
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
      t.appendStation(s);
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
      inBlocks(
          ids.length,
          progress,
          "step 1 of " + steps + ": associating users with their strongest station",
          u -> out[u] = t.bestStation(u, NONE, new double[1]));
    }
    for (int u = 0; u < ids.length; u++) {
      int s = serving[u];
      t.us.serving.set(u, s);
      if (s >= 0) {
        t.us.servSlot.set(u, t.us.served.add(s, u));
      }
    }
    if (derive) {
      t.recomputeAll(progress, "step 2 of 2: computing signal and interference");
    }
    return t;
  }

  /** Users per progress report of a build. */
  private static final int PROGRESS_BLOCK = 1 << 16;

  /**
   * Runs {@code work} for every user index in parallel, in blocks, reporting after each block the
   * number of users done (from the first block's size up to {@code n}).
   */
  private static void inBlocks(
      int n, Progress progress, String message, java.util.function.IntConsumer work) {
    for (int from = 0; from < n; from += PROGRESS_BLOCK) {
      int to = Math.min(n, from + PROGRESS_BLOCK);
      IntStream.range(from, to).parallel().forEach(work);
      progress.update(to, n, message);
    }
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

  // ---------------------------------------------------------------------------------------------
  // Stations

  private int appendStation(StationSpec spec) {
    int s =
        st.append(
            spec,
            range(spec.eirpDbm(), spec.heightM()),
            grid.cellOf(spec.position().x(), spec.position().y()));
    if (stationMark.length < st.capacity()) {
      stationMark = Arrays.copyOf(stationMark, st.capacity());
      servedMark = Arrays.copyOf(servedMark, st.capacity());
    }
    us.served.addList();
    return s;
  }

  private static double[] rangeHeights(double[] heights) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double h : heights) {
      lo = Math.min(lo, h);
      hi = Math.max(hi, h);
    }
    if (heights.length == 0) {
      return new double[] {1.5};
    }
    double[] out = new double[RANGE_HEIGHT_SAMPLES + 1];
    for (int i = 0; i <= RANGE_HEIGHT_SAMPLES; i++) {
      out[i] = lo + (hi - lo) * i / RANGE_HEIGHT_SAMPLES;
    }
    return out;
  }

  /**
   * How far a station reaches above the interference floor: the largest horizontal distance at
   * which the smallest possible loss (LOS where allowed, shadowing at its clip) still leaves the
   * link at or above the floor, for the users' heights. Infinite without a floor or when it reaches
   * across the whole area.
   */
  private double range(double eirpDbm, double stationHeightM) {
    if (floorMw == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double budget = eirpDbm - Units.mwToDbm(floorMw);
    GeoBounds a = config.area();
    double hi = Math.hypot(a.width(), a.height()) + 1;
    if (minLoss(hi, stationHeightM) <= budget) {
      return Double.POSITIVE_INFINITY;
    }
    double lo = 0;
    if (minLoss(lo, stationHeightM) > budget) {
      return 0;
    }
    for (int i = 0; i < 64 && hi - lo > 1e-3; i++) {
      double mid = 0.5 * (lo + hi);
      if (minLoss(mid, stationHeightM) <= budget) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi * (1 + 1e-9) + 1e-3;
  }

  private double minLoss(double d, double stationHeightM) {
    double best = Double.POSITIVE_INFINITY;
    for (double h : rangeHeights) {
      best = Math.min(best, links.minLossDb(d, stationHeightM, h));
    }
    double clamped =
        Math.max(rangeHeights[0], Math.min(rangeHeights[rangeHeights.length - 1], stationHeightM));
    return Math.min(best, links.minLossDb(d, stationHeightM, clamped));
  }

  // ---------------------------------------------------------------------------------------------
  // Links

  private double distance(int s, int u) {
    double dx = st.x[s] - us.rec.get(u, UX);
    double dy = st.y[s] - us.rec.get(u, UY);
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** The link gain (linear) between a station and a user at a given distance. */
  private double gain(int s, int u, double d) {
    return Math.exp(NEG_LN10_OVER_10 * links.lossDb(st.id[s], us.id[u], d, st.h[s], us.h[u]));
  }

  private double rx(int s, int u) {
    return st.eirpMw[s] * gain(s, u, distance(s, u));
  }

  /**
   * The active station the user receives strongest (ties: lowest id), among those within the
   * largest range of the index; {@code exclude} is left out. Sets {@link #bestRx}.
   */
  private int bestStation(int u, int exclude) {
    int best = bestStation(u, exclude, bestOut);
    bestRx = bestOut[0];
    return best;
  }

  /** {@link #bestStation(int, int)} for parallel callers: the best power goes to {@code out}. */
  private int bestStation(int u, int exclude, double[] out) {
    double x = us.rec.get(u, UX);
    double y = us.rec.get(u, UY);
    int best = NONE;
    double bestPower = -1;
    UniformGrid.Window w = grid.window(x, y, st.maxRadius);
    for (int r = w.firstRow(); r <= w.lastRow(); r++) {
      for (int c = w.firstColumn(); c <= w.lastColumn(); c++) {
        int cell = r * grid.columns() + c;
        int n = st.grid.size(cell);
        int[] members = st.grid.view(cell);
        for (int k = 0; k < n; k++) {
          int s = members[k];
          if (!st.active[s] || s == exclude) {
            continue;
          }
          double d = distance(s, u);
          if (d > st.maxRadius) {
            continue;
          }
          double p = st.eirpMw[s] * gain(s, u, d);
          if (p > bestPower || (p == bestPower && st.id[s] < st.id[best])) {
            best = s;
            bestPower = p;
          }
        }
      }
    }
    out[0] = bestPower;
    return best;
  }

  /** Recomputes one user's signal and interference from scratch. */
  private void recomputeUser(int u) {
    int serving = us.serving.get(u);
    double x = us.rec.get(u, UX);
    double y = us.rec.get(u, UY);
    double sum = 0;
    UniformGrid.Window w = grid.window(x, y, st.maxRadius);
    for (int r = w.firstRow(); r <= w.lastRow(); r++) {
      for (int c = w.firstColumn(); c <= w.lastColumn(); c++) {
        int cell = r * grid.columns() + c;
        int n = st.grid.size(cell);
        int[] members = st.grid.view(cell);
        for (int k = 0; k < n; k++) {
          int s = members[k];
          if (!st.active[s] || s == serving || st.act[s] == 0) {
            continue;
          }
          double d = distance(s, u);
          if (d > st.radius[s]) {
            continue;
          }
          double p = st.eirpMw[s] * gain(s, u, d);
          if (p >= floorMw) {
            sum += st.act[s] * p;
          }
        }
      }
    }
    us.rec.set(u, UI, sum);
    us.rec.set(u, US, serving >= 0 ? rx(serving, u) : 0);
  }

  /** Recomputes every derived quantity from the internal state and the associations. */
  private void recomputeAll() {
    recomputeAll(Progress.NONE, "");
  }

  private void recomputeAll(Progress progress, String message) {
    for (int s = 0; s < st.n; s++) {
      int n = us.served.size(s);
      int[] members = us.served.view(s);
      double load = 0;
      for (int k = 0; k < n; k++) {
        load += us.rec.get(members[k], UDEMAND);
      }
      st.users[s] = n;
      st.load[s] = load;
      st.act[s] = activity(s);
    }
    us.rec.ownAll();
    inBlocks(us.n, progress, message, this::recomputeUser);
  }

  private double activity(int s) {
    return st.active[s] ? Math.min(1.0, st.load[s] / st.cap[s]) : 0.0;
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  /**
   * Applies an event and propagates its effects. A rejected event (unknown twin, position outside
   * the area, bad value) throws before anything changes.
   *
   * @param event the event
   * @return every twin whose external state changed, with old and new values
   */
  public TwinDelta apply(TwinEvent event) {
    Objects.requireNonNull(event, "event");
    validate(event);
    begin();
    if (event instanceof TwinEvent.UserMoved e) {
      userMoved(us.index.get(e.user().value()), e.position(), e.timeMs());
    } else if (event instanceof TwinEvent.Handover e) {
      int u = us.index.get(e.user().value());
      int target = st.index.get(e.target().value());
      if (us.serving.get(u) != target) {
        moveServing(u, target);
      }
      clearA3(u);
    } else if (event instanceof TwinEvent.PowerChanged e) {
      powerChanged(st.index.get(e.station().value()), e.txPowerDbm());
    } else if (event instanceof TwinEvent.StationAdded e) {
      stationAdded(e.station());
    } else if (event instanceof TwinEvent.StationRemoved e) {
      stationRemoved(st.index.get(e.station().value()));
    } else if (event instanceof TwinEvent.TrafficObserved e) {
      trafficObserved(us.index.get(e.user().value()), e.demandMbps());
    } else {
      throw new IllegalStateException("unhandled event " + event);
    }
    updateStations();
    propagate();
    for (int k = 0; k < tFresh.size(); k++) {
      recomputeUser(tFresh.getInt(k));
    }
    return delta(event);
  }

  private void validate(TwinEvent event) {
    if (event instanceof TwinEvent.UserMoved e) {
      requireUser(e.user());
      requireInArea("user " + e.user(), e.position());
      PhysicalLimits.TIME_MS.check("user " + e.user(), e.timeMs());
    } else if (event instanceof TwinEvent.Handover e) {
      requireUser(e.user());
      requireActiveStation(e.target());
    } else if (event instanceof TwinEvent.PowerChanged e) {
      requireActiveStation(e.station());
      PhysicalLimits.TX_POWER_DBM.check("station " + e.station(), e.txPowerDbm());
    } else if (event instanceof TwinEvent.StationAdded e) {
      if (st.index.containsKey(e.station().id().value())) {
        throw new InvalidInputException(
            "station " + e.station().id() + " already exists in the twin");
      }
      requireInArea("station " + e.station().id(), e.station().position());
    } else if (event instanceof TwinEvent.StationRemoved e) {
      requireActiveStation(e.station());
    } else if (event instanceof TwinEvent.TrafficObserved e) {
      requireUser(e.user());
      UserSpec.checkDemand(e.user(), e.demandMbps());
    }
  }

  private void requireUser(UserId id) {
    if (us.index.get(id.value()) == NONE) {
      throw new InvalidInputException("user " + id + " is not in the twin");
    }
  }

  private void requireActiveStation(BaseStationId id) {
    int s = st.index.get(id.value());
    if (s == NONE) {
      throw new InvalidInputException("station " + id + " is not in the twin");
    }
    if (!st.active[s]) {
      throw new InvalidInputException("station " + id + " is switched off");
    }
  }

  private void requireInArea(String what, Position p) {
    if (!config.area().contains(p)) {
      throw new InvalidInputException(
          what + " at (" + p.x() + ", " + p.y() + ") is outside the twin's area " + config.area());
    }
  }

  private void begin() {
    if (marks == null) {
      marks = new int[2 * us.n];
    }
    if (++epoch == Integer.MAX_VALUE) {
      Arrays.fill(marks, 0);
      Arrays.fill(stationMark, 0);
      Arrays.fill(servedMark, 0);
      epoch = 1;
    }
    tUserCount = 0;
    tFresh.clear();
    tStations.clear();
    tOldStation.clear();
  }

  private void touch(int u) {
    if (marks[2 * u] == epoch) {
      return;
    }
    marks[2 * u] = epoch;
    int k = tUserCount++;
    if (k == tUsers.length) {
      tUsers = Arrays.copyOf(tUsers, 2 * k);
      tOldServing = Arrays.copyOf(tOldServing, 2 * k);
      tOldUser = Arrays.copyOf(tOldUser, 8 * k);
    }
    tUsers[k] = u;
    int s = us.serving.get(u);
    tOldServing[k] = s;
    int o = 4 * k;
    tOldUser[o] = us.rec.get(u, US);
    tOldUser[o + 1] = us.rec.get(u, UI);
    tOldUser[o + 2] = s < 0 ? 0 : 1.0 / st.users[s];
    tOldUser[o + 3] = us.rec.get(u, UDEMAND);
  }

  private boolean isFresh(int u) {
    return marks[2 * u + 1] == epoch;
  }

  private void markFresh(int u) {
    touch(u);
    if (marks[2 * u + 1] != epoch) {
      marks[2 * u + 1] = epoch;
      tFresh.add(u);
    }
  }

  private void touchStation(int s) {
    if (stationMark[s] == epoch) {
      return;
    }
    stationMark[s] = epoch;
    tStations.add(s);
    tOldStation.add(st.active[s] ? 1 : 0);
    tOldStation.add(st.txDbm[s]);
    tOldStation.add(st.load[s]);
    tOldStation.add(st.users[s]);
    tOldStation.add(st.act[s]);
    tOldStation.add(st.eirpMw[s]);
    tOldStation.add(st.radius[s]);
  }

  /** Touches every user of a station before its user count (hence their share) changes. */
  private void touchServed(int s) {
    if (servedMark[s] == epoch) {
      return;
    }
    servedMark[s] = epoch;
    int n = us.served.size(s);
    for (int k = 0; k < n; k++) {
      touch(us.served.get(s, k));
    }
  }

  private void detach(int u) {
    int s = us.serving.get(u);
    if (s < 0) {
      return;
    }
    touchStation(s);
    touchServed(s);
    markFresh(u);
    int slot = us.servSlot.get(u);
    int moved = us.served.removeAt(s, slot);
    if (moved >= 0) {
      us.servSlot.set(moved, slot);
    }
    st.users[s]--;
    st.load[s] = st.users[s] == 0 ? 0 : st.load[s] - us.rec.get(u, UDEMAND);
    us.serving.set(u, NONE);
  }

  private void attach(int u, int s) {
    touchStation(s);
    touchServed(s);
    markFresh(u);
    us.servSlot.set(u, us.served.add(s, u));
    us.serving.set(u, s);
    st.users[s]++;
    st.load[s] += us.rec.get(u, UDEMAND);
  }

  private void moveServing(int u, int target) {
    detach(u);
    attach(u, target);
  }

  private void clearA3(int u) {
    if (us.a3Target.get(u) != NONE) {
      us.a3Target.set(u, NONE);
    }
  }

  private void userMoved(int u, Position p, long timeMs) {
    markFresh(u);
    double x = p.x();
    double y = p.y();
    int oldCell = grid.cellOf(us.rec.get(u, UX), us.rec.get(u, UY));
    int newCell = grid.cellOf(x, y);
    if (oldCell != newCell) {
      int slot = us.cellSlot.get(u);
      int moved = us.grid.removeAt(oldCell, slot);
      if (moved >= 0) {
        us.cellSlot.set(moved, slot);
      }
      us.cellSlot.set(u, us.grid.add(newCell, u));
    }
    us.rec.set(u, UX, x);
    us.rec.set(u, UY, y);
    int serving = us.serving.get(u);
    int best = bestStation(u, NONE);
    if (serving < 0) {
      if (best >= 0) {
        attach(u, best);
      }
      clearA3(u);
      return;
    }
    if (best >= 0 && best != serving && bestRx > rx(serving, u) * hysteresis) {
      if (us.a3Target.get(u) == best) {
        if (timeMs - (long) us.rec.get(u, UA3) >= timeToTriggerMs) {
          moveServing(u, best);
          clearA3(u);
        }
      } else if (timeToTriggerMs == 0) {
        moveServing(u, best);
        clearA3(u);
      } else {
        us.a3Target.set(u, best);
        us.rec.set(u, UA3, timeMs);
      }
    } else {
      clearA3(u);
    }
  }

  private void powerChanged(int s, double txDbm) {
    touchStation(s);
    double oldRadius = st.radius[s];
    st.txDbm[s] = txDbm;
    double eirpDbm = txDbm + st.gainDb[s];
    st.eirpMw[s] = Units.dbmToMw(eirpDbm);
    st.radius[s] = range(eirpDbm, st.h[s]);
    st.maxRadius = Math.max(st.maxRadius, st.radius[s]);
    double r = Math.max(oldRadius, st.radius[s]);
    // users of other stations that now receive this one better by the A3 offset
    IntArrayList near = usersNear(st.x[s], st.y[s], r);
    for (int k = 0; k < near.size(); k++) {
      int u = near.getInt(k);
      int serving = us.serving.get(u);
      if (serving == s) {
        continue;
      }
      double p = rx(s, u);
      if (serving < 0 || p > us.rec.get(u, US) * hysteresis) {
        moveServing(u, s);
        clearA3(u);
      }
    }
    // users of this station that now receive a neighbour better by the A3 offset
    int[] own = Arrays.copyOf(us.served.view(s), us.served.size(s));
    for (int u : own) {
      if (isFresh(u)) {
        continue;
      }
      int best = bestStation(u, s);
      if (best >= 0 && bestRx > rx(s, u) * hysteresis) {
        moveServing(u, best);
        clearA3(u);
      }
    }
  }

  private void stationAdded(StationSpec spec) {
    int s = appendStation(spec);
    // its state before the event: off the air, no load
    stationMark[s] = epoch;
    tStations.add(s);
    tOldStation.add(0);
    tOldStation.add(st.txDbm[s]);
    tOldStation.add(0);
    tOldStation.add(0);
    tOldStation.add(0);
    tOldStation.add(st.eirpMw[s]);
    tOldStation.add(st.radius[s]);
    IntArrayList near = usersNear(st.x[s], st.y[s], st.radius[s]);
    for (int k = 0; k < near.size(); k++) {
      int u = near.getInt(k);
      int serving = us.serving.get(u);
      if (serving < 0 || rx(s, u) > us.rec.get(u, US) * hysteresis) {
        moveServing(u, s);
        clearA3(u);
      }
    }
  }

  private void stationRemoved(int s) {
    touchStation(s);
    int[] own = Arrays.copyOf(us.served.view(s), us.served.size(s));
    for (int u : own) {
      detach(u);
    }
    st.active[s] = false;
    for (int u : own) {
      int best = bestStation(u, NONE);
      if (best >= 0) {
        attach(u, best);
      }
      clearA3(u);
    }
  }

  private void trafficObserved(int u, double demand) {
    touch(u);
    int s = us.serving.get(u);
    if (s >= 0) {
      touchStation(s);
      st.load[s] += demand - us.rec.get(u, UDEMAND);
    }
    us.rec.set(u, UDEMAND, demand);
  }

  /** Users within a distance of a point, from the grid. */
  private IntArrayList usersNear(double x, double y, double radius) {
    IntArrayList out = new IntArrayList();
    UniformGrid.Window w = grid.window(x, y, radius);
    double r2 = radius * radius;
    for (int r = w.firstRow(); r <= w.lastRow(); r++) {
      for (int c = w.firstColumn(); c <= w.lastColumn(); c++) {
        int cell = r * grid.columns() + c;
        int n = us.grid.size(cell);
        int[] members = us.grid.view(cell);
        for (int k = 0; k < n; k++) {
          int u = members[k];
          double dx = us.rec.get(u, UX) - x;
          double dy = us.rec.get(u, UY) - y;
          if (dx * dx + dy * dy <= r2) {
            out.add(u);
          }
        }
      }
    }
    return out;
  }

  private void updateStations() {
    for (int k = 0; k < tStations.size(); k++) {
      int s = tStations.getInt(k);
      if (st.users[s] == 0) {
        st.load[s] = 0;
      }
      st.act[s] = activity(s);
    }
  }

  /**
   * Spreads the changes of every touched station to the users it reaches: interference for users of
   * other stations, received power for its own users when its power changed.
   */
  private void propagate() {
    int touchedStations = tStations.size();
    for (int k = 0; k < touchedStations; k++) {
      int s = tStations.getInt(k);
      int o = 7 * k;
      boolean oldActive = tOldStation.getDouble(o) != 0;
      double oldScale = oldActive ? tOldStation.getDouble(o + 4) : 0;
      double oldEirp = tOldStation.getDouble(o + 5);
      double oldRadius = tOldStation.getDouble(o + 6);
      double newScale = st.active[s] ? st.act[s] : 0;
      double newEirp = st.eirpMw[s];
      boolean eirpChanged = oldEirp != newEirp;
      if (eirpChanged) {
        int n = us.served.size(s);
        for (int j = 0; j < n; j++) {
          int u = us.served.get(s, j);
          if (!isFresh(u)) {
            touch(u);
            us.rec.set(u, US, rx(s, u));
          }
        }
      }
      if (!eirpChanged && oldScale == newScale) {
        continue;
      }
      if (oldScale == 0 && newScale == 0) {
        continue;
      }
      spread(s, oldScale, oldEirp, newScale, newEirp, Math.max(oldRadius, st.radius[s]));
    }
  }

  private void spread(
      int s, double oldScale, double oldEirp, double newScale, double newEirp, double radius) {
    double x = st.x[s];
    double y = st.y[s];
    UniformGrid.Window w = grid.window(x, y, radius);
    for (int r = w.firstRow(); r <= w.lastRow(); r++) {
      for (int c = w.firstColumn(); c <= w.lastColumn(); c++) {
        int cell = r * grid.columns() + c;
        int n = us.grid.size(cell);
        int[] members = us.grid.view(cell);
        for (int k = 0; k < n; k++) {
          int u = members[k];
          if (isFresh(u) || us.serving.get(u) == s) {
            continue;
          }
          double d = distance(s, u);
          if (d > radius) {
            continue;
          }
          double g = gain(s, u, d);
          double pOld = oldEirp * g;
          double pNew = newEirp * g;
          double cOld = pOld >= floorMw ? oldScale * pOld : 0;
          double cNew = pNew >= floorMw ? newScale * pNew : 0;
          if (cOld == cNew) {
            continue;
          }
          touch(u);
          double before = us.rec.get(u, UI);
          double after = before + (cNew - cOld);
          if (after < 0.5 * before || after < 0) {
            markFresh(u); // a large drop: recompute from scratch to keep the error relative
          } else {
            us.rec.set(u, UI, after);
          }
        }
      }
    }
  }

  private TwinDelta delta(TwinEvent event) {
    int n = tUserCount;
    int[] ids = new int[n];
    int[] oldServ = new int[n];
    int[] newServ = new int[n];
    double[] values = new double[8 * n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      int u = tUsers[k];
      int so = tOldServing[k];
      int sn = us.serving.get(u);
      double oS = tOldUser[4 * k];
      double oI = tOldUser[4 * k + 1];
      double oShare = tOldUser[4 * k + 2];
      double oDemand = tOldUser[4 * k + 3];
      double nS = us.rec.get(u, US);
      double nI = us.rec.get(u, UI);
      double nShare = sn < 0 ? 0 : 1.0 / st.users[sn];
      double nDemand = us.rec.get(u, UDEMAND);
      if (so == sn && oS == nS && oI == nI && oShare == nShare && oDemand == nDemand) {
        continue;
      }
      ids[m] = us.id[u];
      oldServ[m] = so < 0 ? NONE : st.id[so];
      newServ[m] = sn < 0 ? NONE : st.id[sn];
      int v = 8 * m;
      values[v] = oS;
      values[v + 1] = nS;
      values[v + 2] = oI;
      values[v + 3] = nI;
      values[v + 4] = oShare;
      values[v + 5] = nShare;
      values[v + 6] = oDemand;
      values[v + 7] = nDemand;
      m++;
    }
    List<StationChange> stations = new ArrayList<>();
    for (int k = 0; k < tStations.size(); k++) {
      int s = tStations.getInt(k);
      int o = 7 * k;
      StationState before =
          new StationState(
              BaseStationId.of(st.id[s]),
              tOldStation.getDouble(o) != 0,
              tOldStation.getDouble(o + 1),
              tOldStation.getDouble(o + 2),
              (int) tOldStation.getDouble(o + 3),
              tOldStation.getDouble(o + 4));
      StationState after = stationState(s);
      if (!before.equals(after)) {
        stations.add(new StationChange(before, after));
      }
    }
    return new TwinDelta(
        event, m, ids, oldServ, newServ, values, stations, noiseMw, bandwidthHz, rate);
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
    return new StationState(
        BaseStationId.of(st.id[s]), st.active[s], st.txDbm[s], st.load[s], st.users[s], st.act[s]);
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
    int sa = stationIndexOf(a);
    int sb = stationIndexOf(b);
    double distance = Math.hypot(st.x[sa] - st.x[sb], st.y[sa] - st.y[sb]);
    int na = us.served.size(sa);
    int nb = us.served.size(sb);
    int overlap = countWithinHysteresis(sa, sb) + countWithinHysteresis(sb, sa);
    double coverage = na + nb == 0 ? 0 : (double) overlap / (na + nb);
    return new StationRelation(a, b, distance, coverage, trafficSimilarity(sa, sb));
  }

  /** Users of {@code own} that receive {@code other} within the hysteresis of their server. */
  private int countWithinHysteresis(int own, int other) {
    int count = 0;
    for (int k = 0; k < us.served.size(own); k++) {
      int u = us.served.get(own, k);
      if (st.active[other] && rx(other, u) * hysteresis >= us.rec.get(u, US)) {
        count++;
      }
    }
    return count;
  }

  private double trafficSimilarity(int sa, int sb) {
    int na = us.served.size(sa);
    int nb = us.served.size(sb);
    if (na == 0 || nb == 0) {
      return Double.NaN;
    }
    double max = 0;
    for (int k = 0; k < na; k++) {
      max = Math.max(max, us.rec.get(us.served.get(sa, k), UDEMAND));
    }
    for (int k = 0; k < nb; k++) {
      max = Math.max(max, us.rec.get(us.served.get(sb, k), UDEMAND));
    }
    int bins = 16;
    double[] p = new double[bins];
    double[] q = new double[bins];
    for (int k = 0; k < na; k++) {
      p[bin(us.rec.get(us.served.get(sa, k), UDEMAND), max, bins)] += 1.0 / na;
    }
    for (int k = 0; k < nb; k++) {
      q[bin(us.rec.get(us.served.get(sb, k), UDEMAND), max, bins)] += 1.0 / nb;
    }
    double jsd = 0;
    for (int i = 0; i < bins; i++) {
      double m = 0.5 * (p[i] + q[i]);
      if (p[i] > 0) {
        jsd += 0.5 * p[i] * Math.log(p[i] / m);
      }
      if (q[i] > 0) {
        jsd += 0.5 * q[i] * Math.log(q[i] / m);
      }
    }
    return Math.max(0, Math.min(1, 1 - jsd / Math.log(2)));
  }

  private static int bin(double v, double max, int bins) {
    return max == 0 ? 0 : Math.min(bins - 1, (int) (v / max * bins));
  }

  /**
   * The nearest active stations to a station, closest first (ties: lower id).
   *
   * @param id the station
   * @param k how many
   * @return up to k station ids
   */
  public List<BaseStationId> neighbours(BaseStationId id, int k) {
    int s = stationIndexOf(id);
    List<int[]> candidates = new ArrayList<>();
    double[] d = new double[st.n];
    for (int t = 0; t < st.n; t++) {
      if (t != s && st.active[t]) {
        d[t] = Math.hypot(st.x[t] - st.x[s], st.y[t] - st.y[s]);
        candidates.add(new int[] {t});
      }
    }
    candidates.sort(
        (x, y) -> {
          int c = Double.compare(d[x[0]], d[y[0]]);
          return c != 0 ? c : Integer.compare(st.id[x[0]], st.id[y[0]]);
        });
    List<BaseStationId> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, candidates.size()); i++) {
      out.add(BaseStationId.of(st.id[candidates.get(i)[0]]));
    }
    return out;
  }

  /**
   * The graph of station twins: each active station linked to its {@code k} nearest active
   * neighbours, every edge weighted by the pair's coverage overlap ({@link #relation}).
   *
   * @param k neighbours per station
   * @return an undirected weighted graph
   */
  public Graph<BaseStationId, DefaultWeightedEdge> relationGraph(int k) {
    Graph<BaseStationId, DefaultWeightedEdge> g =
        new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
    for (int s = 0; s < st.n; s++) {
      if (st.active[s]) {
        g.addVertex(BaseStationId.of(st.id[s]));
      }
    }
    for (int s = 0; s < st.n; s++) {
      if (!st.active[s]) {
        continue;
      }
      BaseStationId a = BaseStationId.of(st.id[s]);
      for (BaseStationId b : neighbours(a, k)) {
        if (!g.containsEdge(a, b)) {
          DefaultWeightedEdge e = g.addEdge(a, b);
          g.setEdgeWeight(e, relation(a, b).coverageOverlap());
        }
      }
    }
    return g;
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
    t.recomputeAll();
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
    double[] sinr = new double[us.n];
    double[] rates = new double[us.n];
    int servedCount = 0;
    int holes = 0;
    double sinrSum = 0;
    double rateSum = 0;
    double threshold = Units.dbmToMw(config.coverageRsrpDbm());
    for (int u = 0; u < us.n; u++) {
      int s = us.serving.get(u);
      if (s < 0) {
        holes++;
        continue;
      }
      double signal = us.rec.get(u, US);
      if (signal < threshold) {
        holes++;
      }
      double linear = signal / (noiseMw + us.rec.get(u, UI));
      double db = Units.toDb(linear);
      double r = bandwidthHz * rate.spectralEfficiency(linear) / st.users[s] / 1e6;
      sinr[servedCount++] = db;
      sinrSum += db;
      rates[u] = r;
      rateSum += r;
    }
    int active = 0;
    int maxUsers = 0;
    int overloaded = 0;
    double activitySum = 0;
    long usersOnActive = 0;
    for (int s = 0; s < st.n; s++) {
      if (!st.active[s]) {
        continue;
      }
      active++;
      usersOnActive += st.users[s];
      maxUsers = Math.max(maxUsers, st.users[s]);
      activitySum += st.act[s];
      if (st.load[s] > st.cap[s]) {
        overloaded++;
      }
    }
    double[] servedSinr = Arrays.copyOf(sinr, servedCount);
    Arrays.sort(servedSinr);
    Arrays.sort(rates);
    return new TwinKpis(
        us.n,
        servedCount,
        active,
        active == 0 ? 0 : (double) usersOnActive / active,
        maxUsers,
        servedCount == 0 ? Double.NaN : sinrSum / servedCount,
        percentile(servedSinr, 0.05),
        us.n == 0 ? Double.NaN : rateSum / us.n,
        percentile(rates, 0.05),
        holes,
        active == 0 ? 0 : activitySum / active,
        overloaded);
  }

  private static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)];
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
      st.act[s] = activity(s);
    }
    for (int u = 0; u < us.n; u++) {
      us.rec.set(u, US, signal[u]);
      us.rec.set(u, UI, interference[u]);
      us.a3Target.set(u, a3Target[u]);
      us.rec.set(u, UA3, a3Since[u]);
    }
  }
}
