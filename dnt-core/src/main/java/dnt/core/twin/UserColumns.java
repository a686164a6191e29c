package dnt.core.twin;

import dnt.core.UserId;
import dnt.core.geo.Position;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;

/**
 * The users of a {@link NetworkTwin} in copy-on-write storage, indexed by the user's internal
 * index: ids and heights (fixed, shared by every fork), a record of doubles per user ({@link #X},
 * {@link #Y}, {@link #DEMAND}, {@link #SIGNAL}, {@link #INTERFERENCE}, {@link #A3_SINCE}) and int
 * columns (serving station, slot in its station's list, slot in its grid cell's list, A3 target),
 * the per-station lists of served users and the grid index of positions. Users are millions, so a
 * {@link #fork} shares every chunk of 4096 rows until either side writes to it.
 *
 * <p>Fields are package-private on purpose: the twin's propagation core reads and writes them in
 * its inner loops.
 */
final class UserColumns {
  /** Field of the user record: x, m. */
  static final int X = 0;

  /** Field of the user record: y, m. */
  static final int Y = 1;

  /** Field of the user record: offered traffic, Mbit/s. */
  static final int DEMAND = 2;

  /** Field of the user record: received power of the serving station, mW. */
  static final int SIGNAL = 3;

  /** Field of the user record: interference, mW. */
  static final int INTERFERENCE = 4;

  /** Field of the user record: when the A3 condition towards {@link #a3Target} began, ms. */
  static final int A3_SINCE = 5;

  private static final int FIELDS = 6;

  final int n;
  final int[] id;
  final double[] h;
  final Int2IntOpenHashMap index;
  final CowRecords rec;
  final CowInts serving;
  final CowInts servSlot;
  final CowInts cellSlot;
  final CowInts a3Target;

  /** Per station, the users it serves. */
  final CowIntLists served;

  /** Per grid cell, the users in it. */
  final CowIntLists grid;

  UserColumns(int[] ids, double[] heights, int gridCells) {
    n = ids.length;
    id = ids;
    h = heights;
    index = new Int2IntOpenHashMap(n);
    index.defaultReturnValue(StationColumns.NONE);
    for (int u = 0; u < n; u++) {
      index.put(ids[u], u);
    }
    rec = new CowRecords(n, FIELDS);
    serving = new CowInts(n);
    servSlot = new CowInts(n);
    cellSlot = new CowInts(n);
    a3Target = new CowInts(n);
    grid = new CowIntLists(gridCells);
    served = new CowIntLists(0);
  }

  /** The fork: ids, heights and the id index shared, everything else copy-on-write. */
  private UserColumns(UserColumns o) {
    n = o.n;
    id = o.id;
    h = o.h;
    index = o.index;
    rec = o.rec.fork();
    serving = o.serving.fork();
    servSlot = o.servSlot.fork();
    cellSlot = o.cellSlot.fork();
    a3Target = o.a3Target.fork();
    served = o.served.fork();
    grid = o.grid.fork();
  }

  /**
   * An independent copy that shares storage until either side writes.
   *
   * @return the fork
   */
  UserColumns fork() {
    return new UserColumns(this);
  }

  /**
   * A user's internal properties.
   *
   * @param u internal index
   * @return its position, height and demand
   */
  UserSpec spec(int u) {
    return new UserSpec(
        UserId.of(id[u]), new Position(rec.get(u, X), rec.get(u, Y)), h[u], rec.get(u, DEMAND));
  }
}
