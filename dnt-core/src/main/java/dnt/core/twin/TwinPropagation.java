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

/**
 * The propagation core of a {@link NetworkTwin}: the radio links between its stations and users
 * (link gains from the {@link LinkBudget}, each station's range above the interference floor, the
 * strongest station of a user), the full recomputation of every derived quantity, and the
 * incremental update after an event.
 *
 * <p>{@link #apply} changes the internal state an event names, then propagates: every station whose
 * activity factor or power changed adds the difference of its contribution to the interference sum
 * of each user it reaches above the floor (found in a uniform grid index), every station whose user
 * count changed changes the share of its users, and users whose position or station changed are
 * recomputed from scratch. The cost of a handover is therefore proportional to the number of users
 * near the two stations, not to the size of the city. A user whose interference drops by more than
 * half in one step is recomputed from scratch instead, which keeps the rounding error of the
 * running sums relative to their value. While it runs it records the old values of every user and
 * station it touches, from which it makes the {@link TwinDelta}.
 *
 * <p>It works on the twin's {@link StationColumns} and {@link UserColumns}; its scratch state
 * belongs to one twin (a fork gets its own core over its forked columns).
 */
final class TwinPropagation {
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
  private final StationColumns st;
  private final UserColumns us;

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

  /**
   * The core of a new twin.
   *
   * @param config the configuration
   * @param grid the grid index over the twin's area
   * @param st the stations
   * @param us the users
   */
  TwinPropagation(TwinConfig config, UniformGrid grid, StationColumns st, UserColumns us) {
    this.config = config;
    this.links = config.links();
    this.rate = config.rate();
    this.noiseMw = config.noiseMw();
    this.floorMw = config.floor().floorMw(noiseMw);
    this.hysteresis = Units.fromDb(config.handover().hysteresisDb());
    this.timeToTriggerMs = config.handover().timeToTriggerMs();
    this.bandwidthHz = config.bandwidthHz();
    this.grid = grid;
    this.rangeHeights = rangeHeights(us.h);
    this.st = st;
    this.us = us;
    stationMark = new int[st.capacity()];
    servedMark = new int[st.capacity()];
  }

  /**
   * The core of a fork, over the fork's columns, with fresh scratch state.
   *
   * @param o the original's core
   * @param st the fork's stations
   * @param us the fork's users
   */
  TwinPropagation(TwinPropagation o, StationColumns st, UserColumns us) {
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
    this.st = st;
    this.us = us;
    stationMark = new int[st.capacity()];
    servedMark = new int[st.capacity()];
  }

  /** Users per progress report of a build. */
  private static final int PROGRESS_BLOCK = 1 << 16;

  /**
   * Runs {@code work} for every user index in parallel, in blocks, reporting after each block the
   * number of users done (from the first block's size up to {@code n}).
   */
  static void inBlocks(
      int n, Progress progress, String message, java.util.function.IntConsumer work) {
    for (int from = 0; from < n; from += PROGRESS_BLOCK) {
      int to = Math.min(n, from + PROGRESS_BLOCK);
      IntStream.range(from, to).parallel().forEach(work);
      progress.update(to, n, message);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Stations

  int appendStation(StationSpec spec) {
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

  static double[] rangeHeights(double[] heights) {
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
    double loss =
        links.lossDb(st.id[s], us.id[u], us.rec.get(u, UX), us.rec.get(u, UY), d, st.h[s], us.h[u]);
    return Math.exp(NEG_LN10_OVER_10 * loss);
  }

  double rx(int s, int u) {
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
  int bestStation(int u, int exclude, double[] out) {
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
  void recomputeAll() {
    recomputeAll(Progress.NONE, "");
  }

  void recomputeAll(Progress progress, String message) {
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
    return st.activity(s);
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
  TwinDelta apply(TwinEvent event) {
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
    } else if (event instanceof TwinEvent.TrafficBatch e) {
      for (TwinEvent.TrafficObserved o : e.observations()) {
        trafficObserved(us.index.get(o.user().value()), o.demandMbps());
      }
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
    } else if (event instanceof TwinEvent.TrafficBatch e) {
      for (TwinEvent.TrafficObserved o : e.observations()) {
        validate(o);
      }
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
    if (marks.length == 0) {
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
        us.rec.set(u, UA3, (double) timeMs);
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

  /**
   * Users in a station's window from which {@link #spread} computes their link gains on every core
   * (below it, on the calling thread only: splitting costs more than it saves). Tests lower it to
   * run the parallel path on small twins.
   */
  static volatile int parallelSpreadUsers = 4096;

  /**
   * The users of one row of a station's window that its change reaches (not fresh, not its own,
   * within the radius), in grid order, with the link gain of each: the read-only half of {@link
   * #spread}, safe to run for several rows at once.
   */
  private static final class RowLinks {
    final int[] users;
    final double[] gains;
    int size;

    RowLinks(int capacity) {
      users = new int[capacity];
      gains = new double[capacity];
    }
  }

  private RowLinks rowLinks(int s, int row, UniformGrid.Window w, double radius) {
    int candidates = 0;
    for (int c = w.firstColumn(); c <= w.lastColumn(); c++) {
      candidates += us.grid.size(row * grid.columns() + c);
    }
    RowLinks out = new RowLinks(candidates);
    int[] users = out.users;
    double[] gains = out.gains;
    int size = 0;
    for (int c = w.firstColumn(); c <= w.lastColumn(); c++) {
      int cell = row * grid.columns() + c;
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
        users[size] = u;
        gains[size] = gain(s, u, d);
        size++;
      }
    }
    out.size = size;
    return out;
  }

  /**
   * Adds the change of one station's contribution to the interference sum of every user it reaches.
   * The link gains (a square root, a logarithm and an exponential per user: most of a handover's
   * cost) are computed first, row by row of the window, on every core when the window holds at
   * least {@link #parallelSpreadUsers} users; the sums are then updated on the calling thread in
   * grid order, as a sequential loop would. Each gain depends only on the station, the user and
   * state that this station's update does not change (the user's position, station and freshness),
   * so the result is the same bit for bit with or without the parallel step.
   */
  private void spread(
      int s, double oldScale, double oldEirp, double newScale, double newEirp, double radius) {
    UniformGrid.Window w = grid.window(st.x[s], st.y[s], radius);
    int rows = w.lastRow() - w.firstRow() + 1;
    RowLinks[] links = new RowLinks[rows];
    if (usersIn(w) >= parallelSpreadUsers && rows > 1) {
      IntStream.range(0, rows)
          .parallel()
          .forEach(i -> links[i] = rowLinks(s, w.firstRow() + i, w, radius));
    } else {
      for (int i = 0; i < rows; i++) {
        links[i] = rowLinks(s, w.firstRow() + i, w, radius);
      }
    }
    for (RowLinks row : links) {
      for (int k = 0; k < row.size; k++) {
        int u = row.users[k];
        double g = row.gains[k];
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

  /** The users in a window's grid cells. */
  private int usersIn(UniformGrid.Window w) {
    int n = 0;
    for (int r = w.firstRow(); r <= w.lastRow(); r++) {
      for (int c = w.firstColumn(); c <= w.lastColumn(); c++) {
        n += us.grid.size(r * grid.columns() + c);
      }
    }
    return n;
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
      StationState after = st.state(s);
      if (!before.equals(after)) {
        stations.add(new StationChange(before, after));
      }
    }
    return new TwinDelta(
        event, m, ids, oldServ, newServ, values, stations, noiseMw, bandwidthHz, rate);
  }
}
