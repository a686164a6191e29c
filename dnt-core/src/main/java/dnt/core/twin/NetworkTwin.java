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
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
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
  private static final int NONE = -1;
  private static final int RANGE_HEIGHT_SAMPLES = 8;
  private static final double NEG_LN10_OVER_10 = -Math.log(10) / 10;
  private static final int UX = 0;
  private static final int UY = 1;
  private static final int UDEMAND = 2;
  private static final int US = 3;
  private static final int UI = 4;
  private static final int UA3 = 5;
  private static final int U_FIELDS = 6;

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

  // Stations: thousands, copied on fork.
  private int ns;
  private int[] sId;
  private double[] sX;
  private double[] sY;
  private double[] sH;
  private double[] sTxDbm;
  private double[] sGainDb;
  private double[] sCap;
  private double[] sEirpMw;
  private double[] sLoad;
  private double[] sAct;
  private double[] sRadius;
  private int[] sUsers;
  private boolean[] sActive;
  private Int2IntOpenHashMap stationIndex;
  private CowIntLists stationGrid;
  private double maxRadius;

  // Users: millions, columns shared copy-on-write by forks.
  private final int nu;
  private final int[] uId;
  private final double[] uH;
  private final Int2IntOpenHashMap userIndex;

  /** Per-user doubles side by side: position, demand, signal, interference, A3 timer start. */
  private final CowRecords uRec;

  private final CowInts uServing;
  private final CowInts uServSlot;
  private final CowInts uCellSlot;
  private final CowInts uA3Target;
  private final CowIntLists served;
  private final CowIntLists userGrid;

  // Per-event scratch, private to this instance (not shared by forks).
  private int epoch;

  /** Per user: the epoch it was last touched ({@code 2u}) and marked fresh ({@code 2u + 1}). */
  private int[] marks = new int[0];

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

  private NetworkTwin(TwinConfig config, int userCount, double[] heights, int[] ids) {
    this.config = config;
    this.links = config.links();
    this.rate = config.rate();
    this.noiseMw = config.noiseMw();
    this.floorMw = config.floor().floorMw(noiseMw);
    this.hysteresis = Units.fromDb(config.handover().hysteresisDb());
    this.timeToTriggerMs = config.handover().timeToTriggerMs();
    this.bandwidthHz = config.bandwidthHz();
    this.grid = UniformGrid.over(config.area(), config.gridCellM());
    this.nu = userCount;
    this.uId = ids;
    this.uH = heights;
    this.rangeHeights = rangeHeights(heights);
    this.userIndex = new Int2IntOpenHashMap(userCount);
    userIndex.defaultReturnValue(NONE);
    for (int u = 0; u < userCount; u++) {
      userIndex.put(ids[u], u);
    }
    uRec = new CowRecords(userCount, U_FIELDS);
    uServing = new CowInts(userCount);
    uServSlot = new CowInts(userCount);
    uCellSlot = new CowInts(userCount);
    uA3Target = new CowInts(userCount);
    userGrid = new CowIntLists(grid.cellCount());
    served = new CowIntLists(0);
    stationGrid = new CowIntLists(grid.cellCount());
    stationIndex = new Int2IntOpenHashMap();
    stationIndex.defaultReturnValue(NONE);
    allocateStations(16);
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
    ns = o.ns;
    sId = o.sId.clone();
    sX = o.sX.clone();
    sY = o.sY.clone();
    sH = o.sH.clone();
    sTxDbm = o.sTxDbm.clone();
    sGainDb = o.sGainDb.clone();
    sCap = o.sCap.clone();
    sEirpMw = o.sEirpMw.clone();
    sLoad = o.sLoad.clone();
    sAct = o.sAct.clone();
    sRadius = o.sRadius.clone();
    sUsers = o.sUsers.clone();
    sActive = o.sActive.clone();
    stationIndex = o.stationIndex.clone();
    stationGrid = o.stationGrid.fork();
    maxRadius = o.maxRadius;
    nu = o.nu;
    uId = o.uId;
    uH = o.uH;
    userIndex = o.userIndex;
    uRec = o.uRec.fork();
    uServing = o.uServing.fork();
    uServSlot = o.uServSlot.fork();
    uCellSlot = o.uCellSlot.fork();
    uA3Target = o.uA3Target.fork();
    served = o.served.fork();
    userGrid = o.userGrid.fork();
    stationMark = new int[sId.length];
    servedMark = new int[sId.length];
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
    NetworkTwin t = new NetworkTwin(config, ids.length, heights, ids);
    for (StationSpec s : stations) {
      t.appendStation(s);
    }
    for (int u = 0; u < ids.length; u++) {
      t.uRec.set(u, UX, xs[u]);
      t.uRec.set(u, UY, ys[u]);
      t.uRec.set(u, UDEMAND, demands[u]);
      int cell = t.grid.cellOf(xs[u], ys[u]);
      t.uCellSlot.set(u, t.userGrid.add(cell, u));
      t.uA3Target.set(u, NONE);
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
      t.uServing.set(u, s);
      if (s >= 0) {
        t.uServSlot.set(u, t.served.add(s, u));
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

  private void allocateStations(int capacity) {
    sId = new int[capacity];
    sX = new double[capacity];
    sY = new double[capacity];
    sH = new double[capacity];
    sTxDbm = new double[capacity];
    sGainDb = new double[capacity];
    sCap = new double[capacity];
    sEirpMw = new double[capacity];
    sLoad = new double[capacity];
    sAct = new double[capacity];
    sRadius = new double[capacity];
    sUsers = new int[capacity];
    sActive = new boolean[capacity];
    stationMark = new int[capacity];
    servedMark = new int[capacity];
  }

  private void ensureStationCapacity(int n) {
    if (n <= sId.length) {
      return;
    }
    int c = Math.max(n, sId.length * 2);
    sId = Arrays.copyOf(sId, c);
    sX = Arrays.copyOf(sX, c);
    sY = Arrays.copyOf(sY, c);
    sH = Arrays.copyOf(sH, c);
    sTxDbm = Arrays.copyOf(sTxDbm, c);
    sGainDb = Arrays.copyOf(sGainDb, c);
    sCap = Arrays.copyOf(sCap, c);
    sEirpMw = Arrays.copyOf(sEirpMw, c);
    sLoad = Arrays.copyOf(sLoad, c);
    sAct = Arrays.copyOf(sAct, c);
    sRadius = Arrays.copyOf(sRadius, c);
    sUsers = Arrays.copyOf(sUsers, c);
    sActive = Arrays.copyOf(sActive, c);
    stationMark = Arrays.copyOf(stationMark, c);
    servedMark = Arrays.copyOf(servedMark, c);
  }

  private int appendStation(StationSpec spec) {
    int s = ns++;
    ensureStationCapacity(ns);
    sId[s] = spec.id().value();
    sX[s] = spec.position().x();
    sY[s] = spec.position().y();
    sH[s] = spec.heightM();
    sTxDbm[s] = spec.txPowerDbm();
    sGainDb[s] = spec.antennaGainDb();
    sCap[s] = spec.capacityMbps();
    sEirpMw[s] = Units.dbmToMw(spec.eirpDbm());
    sActive[s] = true;
    sRadius[s] = range(spec.eirpDbm(), spec.heightM());
    maxRadius = Math.max(maxRadius, sRadius[s]);
    stationIndex.put(sId[s], s);
    stationGrid.add(grid.cellOf(sX[s], sY[s]), s);
    served.addList();
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
    double dx = sX[s] - uRec.get(u, UX);
    double dy = sY[s] - uRec.get(u, UY);
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** The link gain (linear) between a station and a user at a given distance. */
  private double gain(int s, int u, double d) {
    return Math.exp(NEG_LN10_OVER_10 * links.lossDb(sId[s], uId[u], d, sH[s], uH[u]));
  }

  private double rx(int s, int u) {
    return sEirpMw[s] * gain(s, u, distance(s, u));
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
    double x = uRec.get(u, UX);
    double y = uRec.get(u, UY);
    int best = NONE;
    double bestPower = -1;
    UniformGrid.Window w = grid.window(x, y, maxRadius);
    for (int r = w.firstRow(); r <= w.lastRow(); r++) {
      for (int c = w.firstColumn(); c <= w.lastColumn(); c++) {
        int cell = r * grid.columns() + c;
        int n = stationGrid.size(cell);
        int[] members = stationGrid.view(cell);
        for (int k = 0; k < n; k++) {
          int s = members[k];
          if (!sActive[s] || s == exclude) {
            continue;
          }
          double d = distance(s, u);
          if (d > maxRadius) {
            continue;
          }
          double p = sEirpMw[s] * gain(s, u, d);
          if (p > bestPower || (p == bestPower && sId[s] < sId[best])) {
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
    int serving = uServing.get(u);
    double x = uRec.get(u, UX);
    double y = uRec.get(u, UY);
    double sum = 0;
    UniformGrid.Window w = grid.window(x, y, maxRadius);
    for (int r = w.firstRow(); r <= w.lastRow(); r++) {
      for (int c = w.firstColumn(); c <= w.lastColumn(); c++) {
        int cell = r * grid.columns() + c;
        int n = stationGrid.size(cell);
        int[] members = stationGrid.view(cell);
        for (int k = 0; k < n; k++) {
          int s = members[k];
          if (!sActive[s] || s == serving || sAct[s] == 0) {
            continue;
          }
          double d = distance(s, u);
          if (d > sRadius[s]) {
            continue;
          }
          double p = sEirpMw[s] * gain(s, u, d);
          if (p >= floorMw) {
            sum += sAct[s] * p;
          }
        }
      }
    }
    uRec.set(u, UI, sum);
    uRec.set(u, US, serving >= 0 ? rx(serving, u) : 0);
  }

  /** Recomputes every derived quantity from the internal state and the associations. */
  private void recomputeAll() {
    recomputeAll(Progress.NONE, "");
  }

  private void recomputeAll(Progress progress, String message) {
    for (int s = 0; s < ns; s++) {
      int n = served.size(s);
      int[] members = served.view(s);
      double load = 0;
      for (int k = 0; k < n; k++) {
        load += uRec.get(members[k], UDEMAND);
      }
      sUsers[s] = n;
      sLoad[s] = load;
      sAct[s] = activity(s);
    }
    uRec.ownAll();
    inBlocks(nu, progress, message, this::recomputeUser);
  }

  private double activity(int s) {
    return sActive[s] ? Math.min(1.0, sLoad[s] / sCap[s]) : 0.0;
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
      userMoved(userIndex.get(e.user().value()), e.position(), e.timeMs());
    } else if (event instanceof TwinEvent.Handover e) {
      int u = userIndex.get(e.user().value());
      int target = stationIndex.get(e.target().value());
      if (uServing.get(u) != target) {
        moveServing(u, target);
      }
      clearA3(u);
    } else if (event instanceof TwinEvent.PowerChanged e) {
      powerChanged(stationIndex.get(e.station().value()), e.txPowerDbm());
    } else if (event instanceof TwinEvent.StationAdded e) {
      stationAdded(e.station());
    } else if (event instanceof TwinEvent.StationRemoved e) {
      stationRemoved(stationIndex.get(e.station().value()));
    } else if (event instanceof TwinEvent.TrafficObserved e) {
      trafficObserved(userIndex.get(e.user().value()), e.demandMbps());
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
      PhysicalLimits.TIME_MS.check("user " + e.user(), (double) e.timeMs());
    } else if (event instanceof TwinEvent.Handover e) {
      requireUser(e.user());
      requireActiveStation(e.target());
    } else if (event instanceof TwinEvent.PowerChanged e) {
      requireActiveStation(e.station());
      PhysicalLimits.TX_POWER_DBM.check("station " + e.station(), e.txPowerDbm());
    } else if (event instanceof TwinEvent.StationAdded e) {
      if (stationIndex.containsKey(e.station().id().value())) {
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
    if (userIndex.get(id.value()) == NONE) {
      throw new InvalidInputException("user " + id + " is not in the twin");
    }
  }

  private void requireActiveStation(BaseStationId id) {
    int s = stationIndex.get(id.value());
    if (s == NONE) {
      throw new InvalidInputException("station " + id + " is not in the twin");
    }
    if (!sActive[s]) {
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
    if (marks.length == 0) {
      marks = new int[2 * nu];
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
    int s = uServing.get(u);
    tOldServing[k] = s;
    int o = 4 * k;
    tOldUser[o] = uRec.get(u, US);
    tOldUser[o + 1] = uRec.get(u, UI);
    tOldUser[o + 2] = s < 0 ? 0 : 1.0 / sUsers[s];
    tOldUser[o + 3] = uRec.get(u, UDEMAND);
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
    tOldStation.add(sActive[s] ? 1 : 0);
    tOldStation.add(sTxDbm[s]);
    tOldStation.add(sLoad[s]);
    tOldStation.add(sUsers[s]);
    tOldStation.add(sAct[s]);
    tOldStation.add(sEirpMw[s]);
    tOldStation.add(sRadius[s]);
  }

  /** Touches every user of a station before its user count (hence their share) changes. */
  private void touchServed(int s) {
    if (servedMark[s] == epoch) {
      return;
    }
    servedMark[s] = epoch;
    int n = served.size(s);
    for (int k = 0; k < n; k++) {
      touch(served.get(s, k));
    }
  }

  private void detach(int u) {
    int s = uServing.get(u);
    if (s < 0) {
      return;
    }
    touchStation(s);
    touchServed(s);
    markFresh(u);
    int slot = uServSlot.get(u);
    int moved = served.removeAt(s, slot);
    if (moved >= 0) {
      uServSlot.set(moved, slot);
    }
    sUsers[s]--;
    sLoad[s] = sUsers[s] == 0 ? 0 : sLoad[s] - uRec.get(u, UDEMAND);
    uServing.set(u, NONE);
  }

  private void attach(int u, int s) {
    touchStation(s);
    touchServed(s);
    markFresh(u);
    uServSlot.set(u, served.add(s, u));
    uServing.set(u, s);
    sUsers[s]++;
    sLoad[s] += uRec.get(u, UDEMAND);
  }

  private void moveServing(int u, int target) {
    detach(u);
    attach(u, target);
  }

  private void clearA3(int u) {
    if (uA3Target.get(u) != NONE) {
      uA3Target.set(u, NONE);
    }
  }

  private void userMoved(int u, Position p, long timeMs) {
    markFresh(u);
    double x = p.x();
    double y = p.y();
    int oldCell = grid.cellOf(uRec.get(u, UX), uRec.get(u, UY));
    int newCell = grid.cellOf(x, y);
    if (oldCell != newCell) {
      int slot = uCellSlot.get(u);
      int moved = userGrid.removeAt(oldCell, slot);
      if (moved >= 0) {
        uCellSlot.set(moved, slot);
      }
      uCellSlot.set(u, userGrid.add(newCell, u));
    }
    uRec.set(u, UX, x);
    uRec.set(u, UY, y);
    int serving = uServing.get(u);
    int best = bestStation(u, NONE);
    if (serving < 0) {
      if (best >= 0) {
        attach(u, best);
      }
      clearA3(u);
      return;
    }
    if (best >= 0 && best != serving && bestRx > rx(serving, u) * hysteresis) {
      if (uA3Target.get(u) == best) {
        if (timeMs - (long) uRec.get(u, UA3) >= timeToTriggerMs) {
          moveServing(u, best);
          clearA3(u);
        }
      } else if (timeToTriggerMs == 0) {
        moveServing(u, best);
        clearA3(u);
      } else {
        uA3Target.set(u, best);
        uRec.set(u, UA3, (double) timeMs);
      }
    } else {
      clearA3(u);
    }
  }

  private void powerChanged(int s, double txDbm) {
    touchStation(s);
    double oldRadius = sRadius[s];
    sTxDbm[s] = txDbm;
    double eirpDbm = txDbm + sGainDb[s];
    sEirpMw[s] = Units.dbmToMw(eirpDbm);
    sRadius[s] = range(eirpDbm, sH[s]);
    maxRadius = Math.max(maxRadius, sRadius[s]);
    double r = Math.max(oldRadius, sRadius[s]);
    // users of other stations that now receive this one better by the A3 offset
    IntArrayList near = usersNear(sX[s], sY[s], r);
    for (int k = 0; k < near.size(); k++) {
      int u = near.getInt(k);
      int serving = uServing.get(u);
      if (serving == s) {
        continue;
      }
      double p = rx(s, u);
      if (serving < 0 || p > uRec.get(u, US) * hysteresis) {
        moveServing(u, s);
        clearA3(u);
      }
    }
    // users of this station that now receive a neighbour better by the A3 offset
    int[] own = Arrays.copyOf(served.view(s), served.size(s));
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
    tOldStation.add(sTxDbm[s]);
    tOldStation.add(0);
    tOldStation.add(0);
    tOldStation.add(0);
    tOldStation.add(sEirpMw[s]);
    tOldStation.add(sRadius[s]);
    IntArrayList near = usersNear(sX[s], sY[s], sRadius[s]);
    for (int k = 0; k < near.size(); k++) {
      int u = near.getInt(k);
      int serving = uServing.get(u);
      if (serving < 0 || rx(s, u) > uRec.get(u, US) * hysteresis) {
        moveServing(u, s);
        clearA3(u);
      }
    }
  }

  private void stationRemoved(int s) {
    touchStation(s);
    int[] own = Arrays.copyOf(served.view(s), served.size(s));
    for (int u : own) {
      detach(u);
    }
    sActive[s] = false;
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
    int s = uServing.get(u);
    if (s >= 0) {
      touchStation(s);
      sLoad[s] += demand - uRec.get(u, UDEMAND);
    }
    uRec.set(u, UDEMAND, demand);
  }

  /** Users within a distance of a point, from the grid. */
  private IntArrayList usersNear(double x, double y, double radius) {
    IntArrayList out = new IntArrayList();
    UniformGrid.Window w = grid.window(x, y, radius);
    double r2 = radius * radius;
    for (int r = w.firstRow(); r <= w.lastRow(); r++) {
      for (int c = w.firstColumn(); c <= w.lastColumn(); c++) {
        int cell = r * grid.columns() + c;
        int n = userGrid.size(cell);
        int[] members = userGrid.view(cell);
        for (int k = 0; k < n; k++) {
          int u = members[k];
          double dx = uRec.get(u, UX) - x;
          double dy = uRec.get(u, UY) - y;
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
      if (sUsers[s] == 0) {
        sLoad[s] = 0;
      }
      sAct[s] = activity(s);
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
      double newScale = sActive[s] ? sAct[s] : 0;
      double newEirp = sEirpMw[s];
      boolean eirpChanged = oldEirp != newEirp;
      if (eirpChanged) {
        int n = served.size(s);
        for (int j = 0; j < n; j++) {
          int u = served.get(s, j);
          if (!isFresh(u)) {
            touch(u);
            uRec.set(u, US, rx(s, u));
          }
        }
      }
      if (!eirpChanged && oldScale == newScale) {
        continue;
      }
      if (oldScale == 0 && newScale == 0) {
        continue;
      }
      spread(s, oldScale, oldEirp, newScale, newEirp, Math.max(oldRadius, sRadius[s]));
    }
  }

  private void spread(
      int s, double oldScale, double oldEirp, double newScale, double newEirp, double radius) {
    double x = sX[s];
    double y = sY[s];
    UniformGrid.Window w = grid.window(x, y, radius);
    for (int r = w.firstRow(); r <= w.lastRow(); r++) {
      for (int c = w.firstColumn(); c <= w.lastColumn(); c++) {
        int cell = r * grid.columns() + c;
        int n = userGrid.size(cell);
        int[] members = userGrid.view(cell);
        for (int k = 0; k < n; k++) {
          int u = members[k];
          if (isFresh(u) || uServing.get(u) == s) {
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
          double before = uRec.get(u, UI);
          double after = before + (cNew - cOld);
          if (after < 0.5 * before || after < 0) {
            markFresh(u); // a large drop: recompute from scratch to keep the error relative
          } else {
            uRec.set(u, UI, after);
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
      int sn = uServing.get(u);
      double oS = tOldUser[4 * k];
      double oI = tOldUser[4 * k + 1];
      double oShare = tOldUser[4 * k + 2];
      double oDemand = tOldUser[4 * k + 3];
      double nS = uRec.get(u, US);
      double nI = uRec.get(u, UI);
      double nShare = sn < 0 ? 0 : 1.0 / sUsers[sn];
      double nDemand = uRec.get(u, UDEMAND);
      if (so == sn && oS == nS && oI == nI && oShare == nShare && oDemand == nDemand) {
        continue;
      }
      ids[m] = uId[u];
      oldServ[m] = so < 0 ? NONE : sId[so];
      newServ[m] = sn < 0 ? NONE : sId[sn];
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
              BaseStationId.of(sId[s]),
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
    int s = uServing.get(u);
    return userState(
        UserId.of(uId[u]),
        s < 0 ? NONE : sId[s],
        uRec.get(u, US),
        uRec.get(u, UI),
        s < 0 ? 0 : 1.0 / sUsers[s],
        uRec.get(u, UDEMAND),
        noiseMw,
        bandwidthHz,
        rate);
  }

  private StationState stationState(int s) {
    return new StationState(
        BaseStationId.of(sId[s]), sActive[s], sTxDbm[s], sLoad[s], sUsers[s], sAct[s]);
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
    return nu;
  }

  /**
   * Number of stations, including removed ones.
   *
   * @return the count
   */
  public int stationCount() {
    return ns;
  }

  /**
   * The users' ids, in the order they were added.
   *
   * @return the ids
   */
  public List<UserId> userIds() {
    List<UserId> out = new ArrayList<>(nu);
    for (int id : uId) {
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
    List<BaseStationId> out = new ArrayList<>(ns);
    for (int s = 0; s < ns; s++) {
      out.add(BaseStationId.of(sId[s]));
    }
    return out;
  }

  private int userIndexOf(UserId id) {
    int u = userIndex.get(id.value());
    if (u == NONE) {
      throw new InvalidInputException("user " + id + " is not in the twin");
    }
    return u;
  }

  private int stationIndexOf(BaseStationId id) {
    int s = stationIndex.get(id.value());
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
        id, new Position(uRec.get(u, UX), uRec.get(u, UY)), uH[u], uRec.get(u, UDEMAND));
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
    return new StationSpec(id, new Position(sX[s], sY[s]), sH[s], sTxDbm[s], sGainDb[s], sCap[s]);
  }

  /**
   * The users a station serves.
   *
   * @param id the station
   * @return their ids, in no particular order
   */
  public List<UserId> usersOf(BaseStationId id) {
    int s = stationIndexOf(id);
    List<UserId> out = new ArrayList<>(served.size(s));
    for (int k = 0; k < served.size(s); k++) {
      out.add(UserId.of(uId[served.get(s, k)]));
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
    return sRadius[stationIndexOf(id)];
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
    double distance = Math.hypot(sX[sa] - sX[sb], sY[sa] - sY[sb]);
    int na = served.size(sa);
    int nb = served.size(sb);
    int overlap = countWithinHysteresis(sa, sb) + countWithinHysteresis(sb, sa);
    double coverage = na + nb == 0 ? 0 : (double) overlap / (na + nb);
    return new StationRelation(a, b, distance, coverage, trafficSimilarity(sa, sb));
  }

  /** Users of {@code own} that receive {@code other} within the hysteresis of their server. */
  private int countWithinHysteresis(int own, int other) {
    int count = 0;
    for (int k = 0; k < served.size(own); k++) {
      int u = served.get(own, k);
      if (sActive[other] && rx(other, u) * hysteresis >= uRec.get(u, US)) {
        count++;
      }
    }
    return count;
  }

  private double trafficSimilarity(int sa, int sb) {
    int na = served.size(sa);
    int nb = served.size(sb);
    if (na == 0 || nb == 0) {
      return Double.NaN;
    }
    double max = 0;
    for (int k = 0; k < na; k++) {
      max = Math.max(max, uRec.get(served.get(sa, k), UDEMAND));
    }
    for (int k = 0; k < nb; k++) {
      max = Math.max(max, uRec.get(served.get(sb, k), UDEMAND));
    }
    int bins = 16;
    double[] p = new double[bins];
    double[] q = new double[bins];
    for (int k = 0; k < na; k++) {
      p[bin(uRec.get(served.get(sa, k), UDEMAND), max, bins)] += 1.0 / na;
    }
    for (int k = 0; k < nb; k++) {
      q[bin(uRec.get(served.get(sb, k), UDEMAND), max, bins)] += 1.0 / nb;
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
    double[] d = new double[ns];
    for (int t = 0; t < ns; t++) {
      if (t != s && sActive[t]) {
        d[t] = Math.hypot(sX[t] - sX[s], sY[t] - sY[s]);
        candidates.add(new int[] {t});
      }
    }
    candidates.sort(
        (x, y) -> {
          int c = Double.compare(d[x[0]], d[y[0]]);
          return c != 0 ? c : Integer.compare(sId[x[0]], sId[y[0]]);
        });
    List<BaseStationId> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, candidates.size()); i++) {
      out.add(BaseStationId.of(sId[candidates.get(i)[0]]));
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
    for (int s = 0; s < ns; s++) {
      if (sActive[s]) {
        g.addVertex(BaseStationId.of(sId[s]));
      }
    }
    for (int s = 0; s < ns; s++) {
      if (!sActive[s]) {
        continue;
      }
      BaseStationId a = BaseStationId.of(sId[s]);
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
    if (other.nu != nu || other.ns != ns) {
      return Double.POSITIVE_INFINITY;
    }
    double worst = 0;
    for (int s = 0; s < ns; s++) {
      if (sId[s] != other.sId[s]
          || sActive[s] != other.sActive[s]
          || sUsers[s] != other.sUsers[s]) {
        return Double.POSITIVE_INFINITY;
      }
      worst = Math.max(worst, rel(sLoad[s], other.sLoad[s]));
      worst = Math.max(worst, rel(sAct[s], other.sAct[s]));
    }
    for (int u = 0; u < nu; u++) {
      if (uServing.get(u) != other.uServing.get(u)) {
        return Double.POSITIVE_INFINITY;
      }
      worst = Math.max(worst, rel(uRec.get(u, US), other.uRec.get(u, US)));
      worst = Math.max(worst, rel(uRec.get(u, UI), other.uRec.get(u, UI)));
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
    double[] sinr = new double[nu];
    double[] rates = new double[nu];
    int servedCount = 0;
    int holes = 0;
    double sinrSum = 0;
    double rateSum = 0;
    double threshold = Units.dbmToMw(config.coverageRsrpDbm());
    for (int u = 0; u < nu; u++) {
      int s = uServing.get(u);
      if (s < 0) {
        holes++;
        continue;
      }
      double signal = uRec.get(u, US);
      if (signal < threshold) {
        holes++;
      }
      double linear = signal / (noiseMw + uRec.get(u, UI));
      double db = Units.toDb(linear);
      double r = bandwidthHz * rate.spectralEfficiency(linear) / sUsers[s] / 1e6;
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
    for (int s = 0; s < ns; s++) {
      if (!sActive[s]) {
        continue;
      }
      active++;
      usersOnActive += sUsers[s];
      maxUsers = Math.max(maxUsers, sUsers[s]);
      activitySum += sAct[s];
      if (sLoad[s] > sCap[s]) {
        overloaded++;
      }
    }
    double[] servedSinr = Arrays.copyOf(sinr, servedCount);
    Arrays.sort(servedSinr);
    Arrays.sort(rates);
    return new TwinKpis(
        nu,
        servedCount,
        active,
        active == 0 ? 0 : (double) usersOnActive / active,
        maxUsers,
        servedCount == 0 ? Double.NaN : sinrSum / servedCount,
        percentile(servedSinr, 0.05),
        nu == 0 ? Double.NaN : rateSum / nu,
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
    return uId;
  }

  double[] userHeightArray() {
    return uH;
  }

  double userX(int u) {
    return uRec.get(u, UX);
  }

  double userY(int u) {
    return uRec.get(u, UY);
  }

  double userDemand(int u) {
    return uRec.get(u, UDEMAND);
  }

  double userSignal(int u) {
    return uRec.get(u, US);
  }

  double userInterference(int u) {
    return uRec.get(u, UI);
  }

  int userServingIndex(int u) {
    return uServing.get(u);
  }

  int userA3Target(int u) {
    return uA3Target.get(u);
  }

  double userA3Since(int u) {
    return uRec.get(u, UA3);
  }

  StationSpec stationSpecAt(int s) {
    return new StationSpec(
        BaseStationId.of(sId[s]),
        new Position(sX[s], sY[s]),
        sH[s],
        sTxDbm[s],
        sGainDb[s],
        sCap[s]);
  }

  double maxRadius() {
    return maxRadius;
  }

  boolean stationActiveAt(int s) {
    return sActive[s];
  }

  double stationLoadAt(int s) {
    return sLoad[s];
  }

  int servedSize(int s) {
    return served.size(s);
  }

  int servedAt(int s, int k) {
    return served.get(s, k);
  }

  int cellCount() {
    return userGrid.lists();
  }

  int cellSize(int cell) {
    return userGrid.size(cell);
  }

  int cellAt(int cell, int k) {
    return userGrid.get(cell, k);
  }

  /**
   * Rebuilds the per-station and per-cell lists in a given order (a snapshot's), so that a restored
   * twin iterates exactly as the saved one did.
   */
  void restoreOrder(int[][] servedLists, int[][] cellLists) {
    for (int s = 0; s < ns; s++) {
      while (served.size(s) > 0) {
        served.removeAt(s, served.size(s) - 1);
      }
      for (int u : servedLists[s]) {
        uServSlot.set(u, served.add(s, u));
      }
      sUsers[s] = servedLists[s].length;
    }
    for (int c = 0; c < cellLists.length; c++) {
      while (userGrid.size(c) > 0) {
        userGrid.removeAt(c, userGrid.size(c) - 1);
      }
      for (int u : cellLists[c]) {
        uCellSlot.set(u, userGrid.add(c, u));
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
    maxRadius = Math.max(maxRadius, savedMaxRadius);
    for (int s = 0; s < ns; s++) {
      sActive[s] = active[s];
      sLoad[s] = loads[s];
      sAct[s] = activity(s);
    }
    for (int u = 0; u < nu; u++) {
      uRec.set(u, US, signal[u]);
      uRec.set(u, UI, interference[u]);
      uA3Target.set(u, a3Target[u]);
      uRec.set(u, UA3, a3Since[u]);
    }
  }
}
