package dnt.data.network;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.PhysicalLimits;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.Transmitter;
import dnt.core.radio.UrbanMicro;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.NetworkTwinBuilder;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinConfig;
import dnt.core.util.Progress;
import dnt.core.util.Seeds;
import dnt.core.util.WeightedIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A user's own network: its station list ({@link LayoutCsv#stationRows}) and its cell grid ({@link
 * CellGrid#read}), and the radio twin built from them, the counterpart of the bundled Milan grid
 * and OpenCellID stations (docs/live.md, "Your own network").
 *
 * <p>The radio model ({@link TwinConfig#defaults}: TR 38.901 UMi street canyon, Shannon rate) has
 * one carrier and one bandwidth for all stations, and a capacity per station. So {@code
 * carrier_ghz} sets the path loss model's frequency and {@code bandwidth_mhz} the bandwidth (which
 * scales every rate and the noise); both must be the same on every row that gives them, and default
 * to {@value #DEFAULT_CARRIER_GHZ} GHz and {@value #DEFAULT_BANDWIDTH_MHZ} MHz. {@code
 * capacity_mbps} is the traffic at which a station is fully active (its load over capacity is its
 * activity factor); default {@value #DEFAULT_CAPACITY_MBPS} Mbit/s. {@code tx_power_dbm} is the
 * EIRP (no separate antenna gain), as in {@code dnt twin sinr}.
 *
 * @param stationsFile where the stations were read from
 * @param gridFile where the grid was read from
 * @param stations the stations, in file order
 * @param grid the cells
 * @param carrierGhz the carrier frequency of all stations, GHz
 * @param bandwidthMhz the bandwidth of all stations, MHz
 * @param fingerprint the SHA-256 of the two files, hex (which network a state folder holds)
 */
public record OwnNetwork(
    Path stationsFile,
    Path gridFile,
    List<StationSpec> stations,
    CellGrid grid,
    double carrierGhz,
    double bandwidthMhz,
    String fingerprint) {

  /** The carrier frequency where the list gives none, GHz (the default twin's). */
  public static final double DEFAULT_CARRIER_GHZ = 3.5;

  /** The bandwidth where the list gives none, MHz (the default twin's). */
  public static final double DEFAULT_BANDWIDTH_MHZ = 20;

  /** A station's capacity where the list gives none, Mbit/s (a small cell's, as for Milan). */
  public static final double DEFAULT_CAPACITY_MBPS = 150;

  /** User antenna height, metres (TR 38.901 outdoor users, as for Milan). */
  public static final double USER_HEIGHT_M = 1.5;

  /** Validates and copies. */
  public OwnNetwork {
    Objects.requireNonNull(stationsFile, "stationsFile");
    Objects.requireNonNull(gridFile, "gridFile");
    Objects.requireNonNull(grid, "grid");
    Objects.requireNonNull(fingerprint, "fingerprint");
    stations = List.copyOf(stations);
  }

  /**
   * Reads a network.
   *
   * @param stationsFile the station list (CSV)
   * @param gridFile the cell grid (GeoJSON)
   * @return the network
   * @throws InvalidInputException naming the file, line or feature and field at fault
   */
  public static OwnNetwork read(Path stationsFile, Path gridFile) {
    CellGrid grid = CellGrid.read(gridFile);
    List<LayoutCsv.StationRow> rows;
    try {
      rows = LayoutCsv.stationRows(stationsFile);
    } catch (IOException e) {
      throw new InvalidInputException(stationsFile + " cannot be read (" + e.getMessage() + ")", e);
    }
    double carrier = common(stationsFile, rows, "carrier_ghz", LayoutCsv.StationRow::carrierGhz);
    double bandwidth =
        common(stationsFile, rows, "bandwidth_mhz", LayoutCsv.StationRow::bandwidthMhz);
    if (Double.isNaN(carrier)) {
      carrier = DEFAULT_CARRIER_GHZ;
    }
    if (Double.isNaN(bandwidth)) {
      bandwidth = DEFAULT_BANDWIDTH_MHZ;
    }
    List<StationSpec> specs = new ArrayList<>(rows.size());
    for (LayoutCsv.StationRow r : rows) {
      Transmitter t = r.station();
      Double capacity = r.capacityMbps();
      double c = capacity == null ? DEFAULT_CAPACITY_MBPS : capacity;
      String where = stationsFile + " line " + r.line() + ": capacity_mbps";
      try {
        PhysicalLimits.CAPACITY_MBPS.check("station " + t.id(), c);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where + ": " + e.getMessage(), e);
      }
      specs.add(new StationSpec(t.id(), t.position(), t.heightM(), t.txPowerDbm(), 0, c));
    }
    return new OwnNetwork(
        stationsFile,
        gridFile,
        specs,
        grid,
        carrier,
        bandwidth,
        fingerprint(stationsFile, gridFile));
  }

  /** The one value a column has on every row that gives it, NaN when none does. */
  private static double common(
      Path file,
      List<LayoutCsv.StationRow> rows,
      String column,
      java.util.function.Function<LayoutCsv.StationRow, @Nullable Double> get) {
    double value = Double.NaN;
    long first = 0;
    for (LayoutCsv.StationRow r : rows) {
      Double v = get.apply(r);
      if (v == null) {
        continue;
      }
      String where = file + " line " + r.line() + ": " + column;
      try {
        (column.equals("carrier_ghz") ? PhysicalLimits.CARRIER_GHZ : PhysicalLimits.BANDWIDTH_MHZ)
            .check("station " + r.station().id(), v);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where + ": " + e.getMessage(), e);
      }
      if (Double.isNaN(value)) {
        value = v;
        first = r.line();
      } else if (v != value) {
        throw new InvalidInputException(
            String.format(
                Locale.ROOT,
                "%s is %s but line %d has %s; the radio twin has one %s for all stations",
                where,
                fmt(v),
                first,
                fmt(value),
                column.equals("carrier_ghz") ? "carrier frequency" : "bandwidth"));
      }
    }
    return value;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * The SHA-256 of the stations file's bytes followed by the grid file's bytes, hex.
   *
   * @param stationsFile the stations
   * @param gridFile the grid
   * @return 64 hex digits
   */
  static String fingerprint(Path stationsFile, Path gridFile) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    for (Path f : List.of(stationsFile, gridFile)) {
      try (InputStream in = new DigestInputStream(Files.newInputStream(f), sha)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw new InvalidInputException(f + " cannot be read (" + e.getMessage() + ")", e);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * The twin's configuration: the default twin's ({@link TwinConfig#defaults}) with this network's
   * carrier in the path loss model and its bandwidth, over the grid widened to every station.
   *
   * @return the configuration
   */
  public TwinConfig config() {
    TwinConfig d = TwinConfig.defaults(area());
    LinkBudget l = d.links();
    return new TwinConfig(
        d.area(),
        new LinkBudget(new UrbanMicro(carrierGhz), l.losMode(), l.shadowing(), l.seed()),
        bandwidthMhz * 1e6,
        d.noiseFigureDb(),
        d.rate(),
        d.floor(),
        d.handover(),
        d.coverageRsrpDbm(),
        d.gridCellM());
  }

  /**
   * The grid's extent widened to every station, metres.
   *
   * @return the area
   */
  public GeoBounds area() {
    GeoBounds g = grid.bounds();
    double minX = g.minX();
    double minY = g.minY();
    double maxX = g.maxX();
    double maxY = g.maxY();
    for (StationSpec s : stations) {
      minX = Math.min(minX, s.position().x());
      minY = Math.min(minY, s.position().y());
      maxX = Math.max(maxX, s.position().x());
      maxY = Math.max(maxY, s.position().y());
    }
    return new GeoBounds(minX, minY, maxX, maxY);
  }

  /**
   * The weight of each cell (in {@link CellGrid#cells()} order) when users are placed: 1 plus the
   * stations in it (a station outside every cell counts for the nearest one), as the Milan twin
   * places its users by station density.
   *
   * @return the weights
   */
  public double[] placementWeights() {
    List<CellGrid.Cell> cells = grid.cells();
    Map<Integer, Integer> index = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      index.put(cells.get(i).id().value(), i);
    }
    double[] w = new double[cells.size()];
    java.util.Arrays.fill(w, 1);
    for (StationSpec s : stations) {
      w[index.getOrDefault(grid.cellOf(s.position()).value(), 0)] += 1;
    }
    return w;
  }

  /**
   * Builds the radio twin: the stations, and {@code users} users in the cells, each cell drawn with
   * probability proportional to {@link #placementWeights()} and the user placed uniformly inside it
   * (rejection sampling in the cell's bounding box), demand uniform in {@code [0, 2
   * meanDemandMbps)}. The same seed gives the same twin.
   *
   * @param users how many users
   * @param meanDemandMbps their mean demand before any telemetry, Mbit/s
   * @param seed seed of the placement and demands
   * @param progress receives the build's progress
   * @return the twin
   */
  public NetworkTwin build(int users, double meanDemandMbps, long seed, Progress progress) {
    if (users < 0) {
      throw new InvalidInputException("the number of users must be non-negative, got " + users);
    }
    NetworkTwinBuilder b = NetworkTwin.builder(config());
    stations.forEach(b::station);
    List<CellGrid.Cell> cells = grid.cells();
    WeightedIndex byWeight = new WeightedIndex(placementWeights());
    RandomGenerator rng = Seeds.generator(seed);
    for (int u = 0; u < users; u++) {
      int i = byWeight.draw(rng);
      Position p = inside(cells.get(i), rng);
      b.user(u, p.x(), p.y(), USER_HEIGHT_M, rng.nextDouble() * 2 * meanDemandMbps);
    }
    return b.build(progress);
  }

  /** A point drawn uniformly inside a cell (its centroid if 1,000 draws all miss a sliver). */
  private static Position inside(CellGrid.Cell cell, RandomGenerator rng) {
    GeoBounds box = cell.box();
    for (int attempt = 0; attempt < 1000; attempt++) {
      Position p =
          new Position(
              box.minX() + rng.nextDouble() * box.width(),
              box.minY() + rng.nextDouble() * box.height());
      if (CellGrid.inside(cell.rings(), p)) {
        return p;
      }
    }
    return cell.centroid();
  }

  /**
   * The users of a twin by the cell they are in ({@link CellGrid#cellOf}).
   *
   * @param twin a twin built from this network
   * @return cell number to its users, in user order
   */
  public Map<Integer, List<UserId>> usersByCell(NetworkTwin twin) {
    Map<Integer, List<UserId>> out = new HashMap<>();
    for (UserId u : twin.userIds()) {
      CellId c = grid.cellOf(twin.userSpec(u).position());
      out.computeIfAbsent(c.value(), k -> new ArrayList<>()).add(u);
    }
    return out;
  }

  /**
   * Says which network this is, for messages: the two files and the start of the fingerprint.
   *
   * @return e.g. {@code stations.csv and grid.geojson (sha256 1f2e3d4c5b6a)}
   */
  public String describe() {
    return stationsFile + " and " + gridFile + " (sha256 " + fingerprint.substring(0, 12) + ")";
  }
}
