package dnt.cli.twin;

import dnt.core.InvalidInputException;
import dnt.core.PhysicalLimits;
import dnt.core.PhysicalRange;
import dnt.core.Registry;
import dnt.core.geo.LocalProjection;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.Propagation;
import dnt.core.radio.RateModel;
import dnt.core.radio.RateModels;
import dnt.core.twin.HandoverRule;
import dnt.core.twin.InterferenceFloor;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.TwinFootprint;
import dnt.core.twin.TwinSnapshot;
import dnt.data.milan.MilanGrid;
import dnt.data.milan.RadioLayer;
import dnt.data.twinbuild.MilanTwin;
import dnt.data.twinbuild.StationProfile;
import dnt.data.twinbuild.UserPlacement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options that describe a Milan twin, shared by {@code dnt twin build}, {@code whatif} and
 * {@code dnt demo} (which builds its twin from {@link #parse}).
 */
public final class TwinOptions {
  @Option(
      names = "--snapshot",
      description =
          "Load this twin snapshot instead of building one (the options below are ignored).")
  @Nullable Path snapshot;

  @Option(names = "--layer", defaultValue = "lte", description = "Base stations: lte or lte-umts.")
  String layer;

  @Option(
      names = "--users",
      defaultValue = "20000",
      description =
          "Number of users: 0 up to what fits in memory (about "
              + TwinFootprint.BYTES_PER_USER
              + " bytes each while the twin is built; checked before building).")
  int users;

  @Option(
      names = "--placement",
      defaultValue = "stations",
      description =
          "Where users are: uniform, stations (by station density) or traffic (25-square subset).")
  String placement;

  @Option(
      names = "--slot",
      defaultValue = "113",
      description =
          "10-minute slot of the subset for --placement traffic (113 = 18:50 on 1 Nov 2013).")
  int slot;

  @Option(
      names = "--demand-mbps",
      defaultValue = "0.5",
      description =
          "Mean user demand, Mbit/s (each user draws uniformly up to twice it); 0..10000.")
  double demandMbps;

  @Option(
      names = "--profile",
      defaultValue = "small",
      description =
          "Station settings: small (10 m, 30 dBm, 150 Mbit/s) or macro (25 m, 43 dBm + 8 dBi).")
  String profile;

  @Option(names = "--model", defaultValue = "umi", description = "Path loss: uma, umi or fspl.")
  String model;

  @Option(
      names = "--los",
      defaultValue = "random",
      description = "Line of sight: always, never, random.")
  String los;

  @Option(
      names = "--shadowing",
      defaultValue = "off",
      description = "Log-normal shadowing: on or off.")
  String shadowing;

  @Option(
      names = "--carrier-ghz",
      defaultValue = "3.5",
      description = "Carrier frequency, GHz: 0.5..100 (the range of TR 38.901).")
  double carrierGhz;

  @Option(
      names = "--bandwidth-mhz",
      defaultValue = "20",
      description = "Bandwidth, MHz: 0.18..2000.")
  double bandwidthMhz;

  @Option(names = "--noise-figure-db", defaultValue = "9", description = "Noise figure, dB: 0..30.")
  double noiseFigureDb;

  @Option(
      names = "--rate",
      defaultValue = "shannon",
      description = "Rate: shannon or attenuated (attenuated-shannon).")
  String rate;

  @Option(
      names = "--floor-db",
      defaultValue = "20",
      description = "Ignore interference this many dB under the noise; 'none' keeps every link.")
  String floorDb;

  @Option(names = "--hysteresis-db", defaultValue = "3", description = "A3 offset, dB: 0..30.")
  double hysteresisDb;

  @Option(
      names = "--ttt-ms",
      defaultValue = "160",
      description = "A3 time-to-trigger, ms: 0..5120.")
  long tttMs;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of placement, LOS and shadowing.")
  long seed;

  /** Made by picocli as a mixin, or by {@link #parse}. */
  TwinOptions() {}

  /**
   * The options as the command line would give them, the others at their defaults.
   *
   * @param args options, as for {@code dnt twin build} ({@code "--users", "20000"})
   * @return the options
   * @throws picocli.CommandLine.ParameterException for an option this class does not have
   */
  public static TwinOptions parse(String... args) {
    return CommandLine.populateCommand(new TwinOptions(), args);
  }

  /**
   * Builds the twin the options describe, or loads the snapshot, with progress on {@code log}.
   * Options are checked, and the memory the build needs compared with what this JVM may use, before
   * anything is built.
   *
   * @param log where progress goes
   * @return the twin
   * @throws IOException if the snapshot cannot be read
   */
  public NetworkTwin twin(PrintWriter log) throws IOException {
    long t0 = System.nanoTime();
    NetworkTwin twin;
    if (snapshot != null) {
      twin = TwinSnapshot.load(snapshot);
      log.printf(
          Locale.ROOT, "dnt: loaded %s in %.1f s%n", snapshot, (System.nanoTime() - t0) / 1e9);
      return twin;
    }
    checkOptions();
    RadioLayer radioLayer = parseLayer();
    StationProfile stationProfile = parseProfile();
    UserPlacement userPlacement = UserPlacement.parse(placement);
    MilanTwin milan =
        MilanTwin.bundled(radioLayer, stationProfile, users, userPlacement, slot, demandMbps, seed);
    TwinConfig config = config(milan);
    try {
      new TwinFootprint(users, milan.stations().stations().size())
          .requireFits(TwinFootprint.availableHeapBytes());
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          "--users "
              + users
              + " cannot fit: "
              + e.getMessage()
              + " (give Java more memory with DNT_JAVA_OPTS=-Xmx<size>)",
          e);
    }
    twin = milan.build(config, new ProgressLine(log, "users"));
    log.printf(
        Locale.ROOT,
        "dnt: built a twin of Milan (%d stations, %d users) in %.1f s%n",
        twin.stationCount(),
        twin.userCount(),
        (System.nanoTime() - t0) / 1e9);
    return twin;
  }

  /** Checks the numeric options against their physical ranges, naming the option. */
  private void checkOptions() {
    if (users < 0) {
      throw new InvalidInputException("--users must be 0 or more, got " + users);
    }
    PhysicalLimits.CARRIER_GHZ.check("--carrier-ghz", carrierGhz);
    PhysicalLimits.BANDWIDTH_MHZ.check("--bandwidth-mhz", bandwidthMhz);
    PhysicalLimits.NOISE_FIGURE_DB.check("--noise-figure-db", noiseFigureDb);
    // users draw up to twice the mean, which must stay within the demand range
    new PhysicalRange("mean demand", "Mbit/s", 0, PhysicalLimits.DEMAND_MBPS.max() / 2)
        .check("--demand-mbps", demandMbps);
    PhysicalLimits.HYSTERESIS_DB.check("--hysteresis-db", hysteresisDb);
    PhysicalLimits.TIME_TO_TRIGGER_MS.check("--ttt-ms", (double) tttMs);
  }

  /**
   * The plane the twin's positions are on: the Milan grid's (snapshots are taken to be twins of
   * Milan, the only twins this command builds).
   *
   * @return the projection from WGS84 to the twin's plane
   */
  static LocalProjection projection() {
    return MilanGrid.load().projection();
  }

  /**
   * One line describing the twin and its radio configuration.
   *
   * @return the description
   */
  public String describe() {
    if (snapshot != null) {
      return "snapshot " + snapshot;
    }
    return String.format(
        Locale.ROOT,
        "Milan %s stations (%s profile), %d users placed by %s, %s %.1f GHz, LOS %s, shadowing %s,"
            + " %.0f MHz, floor %s dB under noise, seed %d",
        layer,
        profile,
        users,
        placement,
        model,
        carrierGhz,
        los,
        shadowing,
        bandwidthMhz,
        floorDb,
        seed);
  }

  private TwinConfig config(MilanTwin milan) {
    boolean shadow = parseShadowing(shadowing);
    RateModel r = lookup("--rate", RateModels.MODELS, rate).defaults().get();
    InterferenceFloor floor;
    if (floorDb.trim().equalsIgnoreCase("none")) {
      floor = InterferenceFloor.NONE;
    } else {
      try {
        floor = new InterferenceFloor(Double.parseDouble(floorDb));
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            "--floor-db must be a number of dB or 'none', got '" + floorDb + "'", e);
      }
    }
    return new TwinConfig(
        milan.area(),
        new LinkBudget(
            lookup("--model", Propagation.MODELS, model).apply(carrierGhz),
            LosMode.parse(los),
            shadow,
            seed),
        bandwidthMhz * 1e6,
        noiseFigureDb,
        r,
        floor,
        new HandoverRule(hysteresisDb, tttMs),
        -110,
        250);
  }

  /**
   * Looks a name up in a family's registry, naming the option in the error.
   *
   * @param option the option the name came from ({@code --rate})
   * @param registry the family
   * @param name the name as the user wrote it
   * @param <F> the family's factory type
   * @return the factory
   * @throws InvalidInputException naming the option, the unknown name and the known ones
   */
  static <F> F lookup(String option, Registry<F> registry, String name) {
    try {
      return registry.factory(name);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(option + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a {@code --shadowing} value (this command's and {@code dnt twin sinr}'s).
   *
   * @param value {@code on} or {@code off}, any case
   * @return whether shadowing is on
   */
  static boolean parseShadowing(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default ->
          throw new InvalidInputException("--shadowing must be on or off, got '" + value + "'");
    };
  }

  private RadioLayer parseLayer() {
    return switch (layer.trim().toLowerCase(Locale.ROOT)) {
      case "lte" -> RadioLayer.LTE;
      case "lte-umts", "lte_umts" -> RadioLayer.LTE_UMTS;
      default ->
          throw new InvalidInputException("--layer must be lte or lte-umts, got '" + layer + "'");
    };
  }

  private StationProfile parseProfile() {
    return switch (profile.trim().toLowerCase(Locale.ROOT)) {
      case "small" -> StationProfile.smallCell();
      case "macro" -> StationProfile.macro();
      default ->
          throw new InvalidInputException(
              "--profile must be small or macro, got '" + profile + "'");
    };
  }
}
