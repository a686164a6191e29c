package dnt.caching.network;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.radio.LinkBudget;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.NetworkTwinBuilder;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A cluster of small cells and their clients as a {@link NetworkTwin}, the network of the caching
 * study (paper Sec. IV-B: five small-cell BSs, eight clients per BS, clients served by up to two
 * BSs). The layout is reconstructed (the paper gives no geometry): B stations on a regular polygon
 * whose adjacent stations are {@code interSiteM} apart (one station at the origin when B = 1), the
 * twin's default radio ({@link TwinConfig#defaults}: 3GPP UMi street canyon at 3.5 GHz, random LOS
 * per link) with its link seed drawn from the caller's generator, and for each station {@code
 * clientsPerStation} clients drawn uniformly in a disc of {@code clientRadiusM} around it, redrawn
 * until that station is the one they receive strongest and at or above the coverage threshold (so
 * every station is the home of exactly that many clients). Coverage itself is then read by {@link
 * TwinCoverage}.
 *
 * @param stations B, at least 1
 * @param clientsPerStation home clients per station, at least 1
 * @param interSiteM distance between adjacent stations, metres
 * @param clientRadiusM radius of the disc the clients of a station are drawn in, metres
 * @param coverageDbm the coverage threshold, dBm
 * @param txPowerDbm every station's transmit power (isotropic, 0 dBi), dBm
 */
public record SmallCellCluster(
    int stations,
    int clientsPerStation,
    double interSiteM,
    double clientRadiusM,
    double coverageDbm,
    double txPowerDbm) {
  /** Station antenna height, metres (a lamp-post small cell). */
  public static final double STATION_HEIGHT_M = 10;

  /** Client antenna height, metres. */
  public static final double CLIENT_HEIGHT_M = 1.5;

  private static final int MAX_DRAWS = 100_000;

  /** Validates the layout. */
  public SmallCellCluster {
    if (stations < 1 || clientsPerStation < 1) {
      throw new InvalidInputException(
          "need at least one station and one client per station, got "
              + stations
              + " and "
              + clientsPerStation);
    }
    if (!(interSiteM > 0) || !(clientRadiusM > 0) || !Double.isFinite(coverageDbm)) {
      throw new InvalidInputException(
          "need a positive inter-site distance and client radius and a finite threshold");
    }
  }

  /**
   * The cluster as a twin; the same generator state gives the same twin.
   *
   * @param random the source of the link seed and the clients' positions
   * @return the twin: stations 0..B-1, users 0..B·k-1 (users b·k..b·k+k-1 have station b as home)
   * @throws InvalidInputException when a station's clients cannot be placed (its disc has no point
   *     it covers best at the threshold)
   */
  public NetworkTwin twin(RandomGenerator random) {
    double circum = stations == 1 ? 0 : interSiteM / (2 * Math.sin(Math.PI / stations));
    double half = circum + clientRadiusM + 10;
    TwinConfig defaults = TwinConfig.defaults(new GeoBounds(-half, -half, half, half));
    LinkBudget l = defaults.links();
    TwinConfig config =
        defaults.withLinks(
            new LinkBudget(l.model(), l.losMode(), l.shadowing(), random.nextLong()));
    List<StationSpec> specs = new ArrayList<>();
    for (int b = 0; b < stations; b++) {
      double angle = 2 * Math.PI * b / stations;
      specs.add(
          new StationSpec(
              BaseStationId.of(b),
              new Position(circum * Math.cos(angle), circum * Math.sin(angle)),
              STATION_HEIGHT_M,
              txPowerDbm,
              0,
              100));
    }
    NetworkTwinBuilder builder = NetworkTwin.builder(config);
    specs.forEach(builder::station);
    for (int b = 0; b < stations; b++) {
      for (int k = 0; k < clientsPerStation; k++) {
        int id = b * clientsPerStation + k;
        Position p = place(config.links(), specs, b, id, random);
        builder.user(id, p.x(), p.y(), CLIENT_HEIGHT_M, 1);
      }
    }
    return builder.build();
  }

  private Position place(
      LinkBudget links, List<StationSpec> specs, int home, int id, RandomGenerator random) {
    Position centre = specs.get(home).position();
    for (int draw = 0; draw < MAX_DRAWS; draw++) {
      double r = clientRadiusM * Math.sqrt(random.nextDouble());
      double a = 2 * Math.PI * random.nextDouble();
      Position p = new Position(centre.x() + r * Math.cos(a), centre.y() + r * Math.sin(a));
      int best = -1;
      double bestDbm = Double.NEGATIVE_INFINITY;
      for (int s = 0; s < specs.size(); s++) {
        StationSpec st = specs.get(s);
        double dbm =
            st.eirpDbm()
                - links.lossDb(s, id, st.position().distanceTo(p), st.heightM(), CLIENT_HEIGHT_M);
        if (dbm > bestDbm) {
          best = s;
          bestDbm = dbm;
        }
      }
      if (best == home && bestDbm >= coverageDbm) {
        return p;
      }
    }
    throw new InvalidInputException(
        "cannot place the clients of station "
            + home
            + ": no point within "
            + clientRadiusM
            + " m receives it best at "
            + coverageDbm
            + " dBm or more");
  }
}
