package dnt.core.twin;

import dnt.core.BaseStationId;
import dnt.core.geo.Position;
import dnt.core.radio.Units;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;

/**
 * The stations of a {@link NetworkTwin} in columns, one array per property, indexed by the
 * station's internal index (its order of addition): the internal properties (id, position, height,
 * power, gain, capacity), the derived ones (EIRP, load, user count, activity factor, range, on
 * air), the id index and the grid index of positions. Stations are thousands, not millions, so a
 * {@link #fork} copies the arrays outright.
 *
 * <p>Fields are package-private on purpose: the twin's propagation core reads and writes them in
 * its inner loops.
 */
final class StationColumns {
  /** The internal index of no station. */
  static final int NONE = -1;

  int n;
  int[] id;
  double[] x;
  double[] y;
  double[] h;
  double[] txDbm;
  double[] gainDb;
  double[] cap;
  double[] eirpMw;
  double[] load;
  double[] act;
  double[] radius;
  int[] users;
  boolean[] active;
  final Int2IntOpenHashMap index;
  final CowIntLists grid;

  /** The largest range of any station ever on the air: how far a search for stations looks. */
  double maxRadius;

  StationColumns(int capacity, int gridCells) {
    allocate(capacity);
    index = new Int2IntOpenHashMap();
    index.defaultReturnValue(NONE);
    grid = new CowIntLists(gridCells);
  }

  /** The fork: every array copied, the grid index copy-on-write. */
  private StationColumns(StationColumns o) {
    n = o.n;
    id = o.id.clone();
    x = o.x.clone();
    y = o.y.clone();
    h = o.h.clone();
    txDbm = o.txDbm.clone();
    gainDb = o.gainDb.clone();
    cap = o.cap.clone();
    eirpMw = o.eirpMw.clone();
    load = o.load.clone();
    act = o.act.clone();
    radius = o.radius.clone();
    users = o.users.clone();
    active = o.active.clone();
    index = o.index.clone();
    grid = o.grid.fork();
    maxRadius = o.maxRadius;
  }

  /**
   * An independent copy.
   *
   * @return the fork
   */
  StationColumns fork() {
    return new StationColumns(this);
  }

  private void allocate(int capacity) {
    id = new int[capacity];
    x = new double[capacity];
    y = new double[capacity];
    h = new double[capacity];
    txDbm = new double[capacity];
    gainDb = new double[capacity];
    cap = new double[capacity];
    eirpMw = new double[capacity];
    load = new double[capacity];
    act = new double[capacity];
    radius = new double[capacity];
    users = new int[capacity];
    active = new boolean[capacity];
  }

  /** How many stations fit before the columns grow. */
  int capacity() {
    return id.length;
  }

  private void ensureCapacity(int needed) {
    if (needed <= id.length) {
      return;
    }
    int c = Math.max(needed, id.length * 2);
    id = Arrays.copyOf(id, c);
    x = Arrays.copyOf(x, c);
    y = Arrays.copyOf(y, c);
    h = Arrays.copyOf(h, c);
    txDbm = Arrays.copyOf(txDbm, c);
    gainDb = Arrays.copyOf(gainDb, c);
    cap = Arrays.copyOf(cap, c);
    eirpMw = Arrays.copyOf(eirpMw, c);
    load = Arrays.copyOf(load, c);
    act = Arrays.copyOf(act, c);
    radius = Arrays.copyOf(radius, c);
    users = Arrays.copyOf(users, c);
    active = Arrays.copyOf(active, c);
  }

  /**
   * Adds a station on the air, with no users yet.
   *
   * @param spec its internal properties
   * @param range how far it reaches above the interference floor, m
   * @param cell its cell in the grid index
   * @return its internal index
   */
  int append(StationSpec spec, double range, int cell) {
    int s = n++;
    ensureCapacity(n);
    id[s] = spec.id().value();
    x[s] = spec.position().x();
    y[s] = spec.position().y();
    h[s] = spec.heightM();
    txDbm[s] = spec.txPowerDbm();
    gainDb[s] = spec.antennaGainDb();
    cap[s] = spec.capacityMbps();
    eirpMw[s] = Units.dbmToMw(spec.eirpDbm());
    active[s] = true;
    radius[s] = range;
    maxRadius = Math.max(maxRadius, range);
    index.put(id[s], s);
    grid.add(cell, s);
    return s;
  }

  /**
   * A station's activity factor from its load: {@code min(1, load / capacity)} on the air, 0 off.
   *
   * @param s internal index
   * @return the activity factor
   */
  double activity(int s) {
    return active[s] ? Math.min(1.0, load[s] / cap[s]) : 0.0;
  }

  /**
   * A station's internal properties.
   *
   * @param s internal index
   * @return its specification, at its current power
   */
  StationSpec spec(int s) {
    return new StationSpec(
        BaseStationId.of(id[s]), new Position(x[s], y[s]), h[s], txDbm[s], gainDb[s], cap[s]);
  }

  /**
   * A station's external state.
   *
   * @param s internal index
   * @return its state
   */
  StationState state(int s) {
    return new StationState(
        BaseStationId.of(id[s]), active[s], txDbm[s], load[s], users[s], act[s]);
  }
}
