package dnt.live.radio;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinSubset;
import dnt.core.twin.UserState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a radio twin is cut into regions (docs/cluster.md, "The radio twin by region"): square tiles
 * of {@code tileM} metres over the bounding box of the stations, numbered {@code row x columns +
 * column}. A region owns the stations standing in its tile and the users they serve (an unserved
 * user belongs to the tile it stands in), so every station's load is summed where the station is
 * owned. It also holds read-only copies of the foreign stations whose range above the interference
 * floor ({@link NetworkTwin#rangeM}) reaches the bounding box of its own users, each with all of
 * its users as read-only replicas, so the copy's load, activity factor and hence interference equal
 * the owner's. With no floor every range is infinite and every region copies every station.
 *
 * <p>Immutable once built; every node builds the same plan from the same whole twin (the radio twin
 * is deterministic in its seed), which is only read, never changed.
 */
public final class RegionPlan {
  private final NetworkTwin whole;
  private final double mbpsPerActivity;
  private final double tileM;
  private final Map<Integer, Integer> cellUsers = new HashMap<>();
  private final Map<Integer, int[]> cellOwners = new HashMap<>();
  private final TreeMap<Integer, Region> regions = new TreeMap<>();

  /**
   * One region's share of the twin.
   *
   * @param id the region number
   * @param stations its own stations
   * @param users its own users
   * @param copies the foreign stations it holds read-only copies of
   * @param replicas the users of those copies (read-only)
   * @param ownByCell its own users of each cell, in the cell's order
   * @param forwardTo per cell, the regions holding replicas of its own users of that cell
   * @param replicaByOwnerCell per owning region and cell, the replicas of that owner's users in it,
   *     in the cell's order
   * @param holders the regions that copy one of its stations
   * @param owners the regions whose stations it copies
   */
  record Region(
      int id,
      Set<BaseStationId> stations,
      Set<UserId> users,
      Set<BaseStationId> copies,
      Set<UserId> replicas,
      Map<Integer, List<UserId>> ownByCell,
      Map<Integer, int[]> forwardTo,
      Map<Long, List<UserId>> replicaByOwnerCell,
      int[] holders,
      int[] owners) {}

  /**
   * Cuts a radio twin into regions.
   *
   * @param whole the radio twin of the whole network (read only, never changed)
   * @param usersByCell the users of each telemetry cell, in the order their demand is applied
   * @param mbpsPerActivity demand per unit of a cell's internet activity, Mbit/s
   * @param tileM the side of a region's square tile, metres
   * @throws InvalidInputException if the tile is not a positive finite length
   */
  public RegionPlan(
      NetworkTwin whole,
      Map<Integer, List<UserId>> usersByCell,
      double mbpsPerActivity,
      double tileM) {
    if (!(tileM > 0) || Double.isInfinite(tileM)) {
      throw new InvalidInputException(
          "the radio twin's region tile " + tileM + " m is not a positive length");
    }
    this.whole = whole;
    this.mbpsPerActivity = mbpsPerActivity;
    this.tileM = tileM;
    List<BaseStationId> stationIds = whole.stationIds();
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    for (BaseStationId s : stationIds) {
      Position p = whole.stationSpec(s).position();
      minX = Math.min(minX, p.x());
      minY = Math.min(minY, p.y());
      maxX = Math.max(maxX, p.x());
    }
    if (stationIds.isEmpty()) {
      minX = 0;
      minY = 0;
      maxX = 0;
    }
    Tiles tiles = new Tiles(minX, minY, (int) Math.floor((maxX - minX) / tileM) + 1, tileM);
    Map<BaseStationId, Integer> stationRegion = new HashMap<>();
    Map<Integer, Set<BaseStationId>> ownStations = new TreeMap<>();
    for (BaseStationId s : stationIds) {
      int r = tiles.of(whole.stationSpec(s).position());
      stationRegion.put(s, r);
      ownStations.computeIfAbsent(r, k -> new HashSet<>()).add(s);
    }
    Map<UserId, Integer> userRegion = new HashMap<>();
    Map<Integer, Set<UserId>> ownUsers = new TreeMap<>();
    Map<Integer, double[]> userBox = new HashMap<>();
    Map<BaseStationId, List<UserId>> served = new HashMap<>();
    for (UserId u : whole.userIds()) {
      UserState state = whole.user(u);
      Position p = whole.userSpec(u).position();
      BaseStationId s = state.serving();
      int r = s == null ? tiles.of(p) : Objects.requireNonNull(stationRegion.get(s));
      if (s != null) {
        served.computeIfAbsent(s, k -> new ArrayList<>()).add(u);
      }
      userRegion.put(u, r);
      ownUsers.computeIfAbsent(r, k -> new HashSet<>()).add(u);
      double[] box =
          userBox.computeIfAbsent(
              r,
              k ->
                  new double[] {
                    Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY,
                    Double.NEGATIVE_INFINITY
                  });
      box[0] = Math.min(box[0], p.x());
      box[1] = Math.min(box[1], p.y());
      box[2] = Math.max(box[2], p.x());
      box[3] = Math.max(box[3], p.y());
    }
    Set<Integer> ids = new TreeSet<>(ownStations.keySet());
    ids.addAll(ownUsers.keySet());
    // copies: foreign stations whose range reaches the box of a region's own users
    Map<Integer, Set<BaseStationId>> copies = new TreeMap<>();
    Map<Integer, Set<Integer>> holders = new TreeMap<>();
    Map<Integer, Set<Integer>> owners = new TreeMap<>();
    for (int q : ids) {
      double[] box = userBox.get(q);
      Set<BaseStationId> c = new HashSet<>();
      if (box != null) {
        for (BaseStationId s : stationIds) {
          int owner = Objects.requireNonNull(stationRegion.get(s));
          if (owner != q && reaches(whole.stationSpec(s), whole.rangeM(s), box)) {
            c.add(s);
            holders.computeIfAbsent(owner, k -> new TreeSet<>()).add(q);
            owners.computeIfAbsent(q, k -> new TreeSet<>()).add(owner);
          }
        }
      }
      copies.put(q, c);
    }
    Map<Integer, Set<UserId>> replicas = new TreeMap<>();
    for (int q : ids) {
      Set<UserId> rep = new HashSet<>();
      for (BaseStationId s : copies.getOrDefault(q, Set.of())) {
        rep.addAll(served.getOrDefault(s, List.of()));
      }
      replicas.put(q, rep);
    }
    // per cell: its users' owners, in ascending order, and each region's share of its users
    Map<Integer, Map<Integer, List<UserId>>> ownByCell = new TreeMap<>();
    Map<Integer, Map<Long, List<UserId>>> replicaByOwnerCell = new TreeMap<>();
    Map<Integer, Map<Integer, Set<Integer>>> forwardTo = new TreeMap<>();
    for (Map.Entry<Integer, List<UserId>> e : new TreeMap<>(usersByCell).entrySet()) {
      int cell = e.getKey();
      cellUsers.put(cell, e.getValue().size());
      Set<Integer> cellRegions = new TreeSet<>();
      for (UserId u : e.getValue()) {
        Integer r = userRegion.get(u);
        if (r == null) {
          throw new InvalidInputException("user " + u + " of cell " + cell + " is not in the twin");
        }
        cellRegions.add(r);
        ownByCell
            .computeIfAbsent(r, k -> new HashMap<>())
            .computeIfAbsent(cell, k -> new ArrayList<>())
            .add(u);
        for (int q : holders.getOrDefault(r, Set.of())) {
          if (replicas.getOrDefault(q, Set.of()).contains(u)) {
            replicaByOwnerCell
                .computeIfAbsent(q, k -> new HashMap<>())
                .computeIfAbsent(key(r, cell), k -> new ArrayList<>())
                .add(u);
            forwardTo
                .computeIfAbsent(r, k -> new HashMap<>())
                .computeIfAbsent(cell, k -> new TreeSet<>())
                .add(q);
          }
        }
      }
      cellOwners.put(cell, cellRegions.stream().mapToInt(Integer::intValue).toArray());
    }
    for (int r : ids) {
      Map<Integer, int[]> fwd = new HashMap<>();
      forwardTo
          .getOrDefault(r, Map.of())
          .forEach((cell, qs) -> fwd.put(cell, qs.stream().mapToInt(Integer::intValue).toArray()));
      regions.put(
          r,
          new Region(
              r,
              Collections.unmodifiableSet(ownStations.getOrDefault(r, Set.of())),
              Collections.unmodifiableSet(ownUsers.getOrDefault(r, Set.of())),
              Collections.unmodifiableSet(copies.getOrDefault(r, Set.of())),
              Collections.unmodifiableSet(replicas.getOrDefault(r, Set.of())),
              Collections.unmodifiableMap(ownByCell.getOrDefault(r, Map.of())),
              Collections.unmodifiableMap(fwd),
              Collections.unmodifiableMap(replicaByOwnerCell.getOrDefault(r, Map.of())),
              holders.getOrDefault(r, Set.of()).stream().mapToInt(Integer::intValue).toArray(),
              owners.getOrDefault(r, Set.of()).stream().mapToInt(Integer::intValue).toArray()));
    }
  }

  /** The key of an (owner region, cell) pair. */
  static long key(int owner, int cell) {
    return ((long) owner << 32) | (cell & 0xffffffffL);
  }

  /** Whether a station's range reaches a box {minX, minY, maxX, maxY}. */
  private static boolean reaches(StationSpec s, double rangeM, double[] box) {
    if (Double.isInfinite(rangeM)) {
      return true;
    }
    double x = s.position().x();
    double y = s.position().y();
    double dx = Math.max(0, Math.max(box[0] - x, x - box[2]));
    double dy = Math.max(0, Math.max(box[1] - y, y - box[3]));
    return Math.sqrt(dx * dx + dy * dy) <= rangeM;
  }

  /** Square tiles over the stations' bounding box, clamped at its lower edges. */
  private record Tiles(double minX, double minY, int columns, double tileM) {
    int of(Position p) {
      int c = Math.min(columns - 1, Math.max(0, (int) Math.floor((p.x() - minX) / tileM)));
      int r = Math.max(0, (int) Math.floor((p.y() - minY) / tileM));
      return r * columns + c;
    }
  }

  /**
   * The region numbers, ascending.
   *
   * @return every region that owns a station or a user
   */
  public List<Integer> regions() {
    return List.copyOf(regions.keySet());
  }

  /**
   * The regions that own users of a cell, ascending.
   *
   * @param cell the cell number
   * @return the regions (empty for a cell without users)
   */
  public int[] ownersOf(int cell) {
    return cellOwners.getOrDefault(cell, new int[0]).clone();
  }

  /**
   * The side of a region's tile.
   *
   * @return metres
   */
  public double tileM() {
    return tileM;
  }

  /**
   * A region's own stations.
   *
   * @param region the region number
   * @return its stations
   */
  public Set<BaseStationId> stationsOf(int region) {
    return region(region).stations();
  }

  /**
   * The foreign stations a region holds copies of.
   *
   * @param region the region number
   * @return the copied stations
   */
  public Set<BaseStationId> copiesOf(int region) {
    return region(region).copies();
  }

  /**
   * A region's own users.
   *
   * @param region the region number
   * @return its users
   */
  public Set<UserId> usersOf(int region) {
    return region(region).users();
  }

  Region region(int region) {
    Region r = regions.get(region);
    if (r == null) {
      throw new InvalidInputException("the radio twin has no region " + region);
    }
    return r;
  }

  /**
   * The demand of each user of a cell for its internet activity, as the single radio twin computes
   * it: {@code mbpsPerActivity x internet / users of the cell}.
   */
  double demandEach(int cell, double internet) {
    Integer n = cellUsers.get(cell);
    return n == null || n == 0 ? 0 : mbpsPerActivity * internet / n;
  }

  /**
   * A region's twin: its own stations and users, the copies and their replicas, the whole twin's
   * initial state ({@link TwinSubset}).
   */
  NetworkTwin twinOf(int region) {
    Region r = region(region);
    return TwinSubset.of(
        whole,
        s -> r.stations().contains(s) || r.copies().contains(s),
        u -> r.users().contains(u) || r.replicas().contains(u));
  }

  /**
   * The whole twin with other demands and everything derived recomputed: what a single radio twin
   * would hold (up to the rounding of its running sums), for inspection and what-if.
   *
   * @param demands every user's current demand, Mbit/s (a user missing keeps its initial demand)
   * @return a new twin, independent of the plan
   */
  public NetworkTwin whole(Map<UserId, Double> demands) {
    Map<UserId, Double> d = new LinkedHashMap<>(demands);
    return TwinSubset.of(
        whole, s -> true, u -> true, u -> d.getOrDefault(u, whole.userSpec(u).demandMbps()));
  }
}
