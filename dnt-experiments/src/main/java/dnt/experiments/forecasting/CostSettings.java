package dnt.experiments.forecasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.core.InvalidSettingException;
import dnt.experiments.settings.SettingsYaml;
import dnt.learn.fl.cost.BackhaulMix;
import dnt.learn.fl.cost.Hop;
import dnt.learn.fl.cost.RawVolume;
import dnt.learn.fl.cost.WirelessBackhaul;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of {@code dnt experiment forecasting-cost}, as written to a run's {@code
 * config.yaml}; the defaults are the commented resource {@code cost-defaults.yaml} beside this
 * class, where every default states its source or that it is an assumption.
 *
 * @param run the forecasting run whose counts and measured training seconds are priced (a folder
 *     with {@code config.yaml}, {@code metrics.csv} and {@code timing.csv})
 * @param updatesPerDay f, how often a day the evolving methods update (the study: 1)
 * @param raw the raw data a station uploads to a centralized twin
 * @param network the network under the cost
 * @param sweep the raw volumes and update frequencies of {@code sweep.csv}
 */
public record CostSettings(
    String run, double updatesPerDay, Raw raw, Network network, Sweep sweep) {
  /** The experiment's name in {@code config.yaml} and the results folder. */
  public static final String EXPERIMENT = "forecasting-cost";

  /** Checks the values. */
  public CostSettings {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(sweep, "sweep");
    if (run.isBlank()) {
      throw new InvalidSettingException("run", "run must name a forecasting run folder");
    }
    frequency("updatesPerDay", updatesPerDay);
  }

  private static void frequency(String key, double f) {
    if (!(f > 0) || Double.isInfinite(f)) {
      throw new InvalidSettingException(key, key + " must be positive and finite, got " + f);
    }
  }

  /**
   * The raw-data volume: a named preset or a custom number of bytes.
   *
   * @param preset {@code counters}, {@code cdr}, {@code reports} or {@code custom}
   * @param customBytesPerDay bytes a station-day, used when the preset is {@code custom}
   * @param counters the aggregated counters preset
   * @param cdr the call-detail-record preset
   * @param reports the measurement-report preset
   */
  public record Raw(
      String preset, double customBytesPerDay, Counters counters, Cdr cdr, Reports reports) {
    /** The preset names. */
    public static final List<String> PRESETS = List.of("counters", "cdr", "reports", "custom");

    /** Checks the values. */
    public Raw {
      Objects.requireNonNull(preset, "preset");
      Objects.requireNonNull(counters, "counters");
      Objects.requireNonNull(cdr, "cdr");
      Objects.requireNonNull(reports, "reports");
      preset = preset.strip().toLowerCase(Locale.ROOT);
      if (!PRESETS.contains(preset)) {
        throw new InvalidSettingException(
            "preset",
            "unknown raw-data preset '" + preset + "'; known: " + String.join(", ", PRESETS));
      }
      if (!(customBytesPerDay > 0) || Double.isInfinite(customBytesPerDay)) {
        throw new InvalidSettingException(
            "customBytesPerDay",
            "customBytesPerDay must be positive and finite, got " + customBytesPerDay);
      }
    }

    /**
     * Bytes a station uploads per day under a preset.
     *
     * @param name a preset name
     * @return the volume
     */
    public double volume(String name) {
      return switch (name) {
        case "counters" -> counters.bytesPerDay();
        case "cdr" -> cdr.bytesPerDay();
        case "reports" -> reports.bytesPerDay();
        default -> customBytesPerDay;
      };
    }

    /**
     * Bytes a station uploads per day under the chosen preset.
     *
     * @return the volume
     */
    public double volume() {
      return volume(preset);
    }
  }

  /**
   * Aggregated counters ({@link RawVolume#counters}).
   *
   * @param valuesPerSlot values per slot
   * @param slotsPerDay slots per day
   * @param bytesPerValue bytes per value
   */
  public record Counters(int valuesPerSlot, int slotsPerDay, int bytesPerValue) {
    /** Checks the values. */
    public Counters {
      RawVolume.counters(valuesPerSlot, slotsPerDay, bytesPerValue);
    }

    double bytesPerDay() {
      return RawVolume.counters(valuesPerSlot, slotsPerDay, bytesPerValue);
    }
  }

  /**
   * Call detail records ({@link RawVolume#cdr}).
   *
   * @param eventsPerDay events per station-day
   * @param bytesPerRecord bytes per record
   */
  public record Cdr(double eventsPerDay, int bytesPerRecord) {
    /** Checks the values. */
    public Cdr {
      RawVolume.cdr(eventsPerDay, bytesPerRecord);
    }

    double bytesPerDay() {
      return RawVolume.cdr(eventsPerDay, bytesPerRecord);
    }
  }

  /**
   * Per-user measurement reports ({@link RawVolume#reports}).
   *
   * @param activeUsers users active at a station, on average
   * @param reportsPerSlot reports a user sends per slot
   * @param slotsPerDay slots per day
   * @param bytesPerReport bytes per report
   */
  public record Reports(
      double activeUsers, double reportsPerSlot, int slotsPerDay, int bytesPerReport) {
    /** Checks the values. */
    public Reports {
      RawVolume.reports(activeUsers, reportsPerSlot, slotsPerDay, bytesPerReport);
    }

    double bytesPerDay() {
      return RawVolume.reports(activeUsers, reportsPerSlot, slotsPerDay, bytesPerReport);
    }
  }

  /**
   * The network.
   *
   * @param topology {@code hierarchical} (stations, heads, cloud) or {@code flat} (the forecasting
   *     run's own one-hop links: its lognormal rates and latency)
   * @param mix the shares of stations on each backhaul class
   * @param fibre the fibre backhaul
   * @param microwave the microwave backhaul
   * @param wireless the wireless backhaul, rated by the twin's link budget
   * @param metro the heads' metro fibre to the cloud
   */
  public record Network(
      String topology,
      BackhaulMix mix,
      Link fibre,
      Link microwave,
      WirelessBackhaul wireless,
      Link metro) {
    /** Checks the values. */
    public Network {
      Objects.requireNonNull(topology, "topology");
      Objects.requireNonNull(mix, "mix");
      Objects.requireNonNull(fibre, "fibre");
      Objects.requireNonNull(microwave, "microwave");
      Objects.requireNonNull(wireless, "wireless");
      Objects.requireNonNull(metro, "metro");
      topology = topology.strip().toLowerCase(Locale.ROOT);
      if (!topology.equals("hierarchical") && !topology.equals("flat")) {
        throw new InvalidSettingException(
            "topology", "topology must be hierarchical or flat, got '" + topology + "'");
      }
      wireless.hop(); // a link budget that leaves no rate fails here, naming the key
    }

    /**
     * Whether the network has heads between stations and cloud.
     *
     * @return true for {@code hierarchical}
     */
    public boolean tree() {
      return topology.equals("hierarchical");
    }
  }

  /**
   * A wired or microwave link.
   *
   * @param mbps the rate, Mbit/s
   * @param latencyMs the one-way latency, ms
   */
  public record Link(double mbps, double latencyMs) {
    /** Checks the values. */
    public Link {
      Hop.ofMbps(mbps, latencyMs);
    }

    /**
     * The link as a hop.
     *
     * @return the hop
     */
    public Hop hop() {
      return Hop.ofMbps(mbps, latencyMs);
    }
  }

  /**
   * The grid of {@code sweep.csv}: every raw volume with every update frequency; the presets'
   * volumes are added to the volumes.
   *
   * @param bytesPerDay raw volumes, bytes a station-day, each positive
   * @param updatesPerDay update frequencies, each positive
   */
  public record Sweep(List<Double> bytesPerDay, List<Double> updatesPerDay) {
    /** Checks the values. */
    public Sweep {
      bytesPerDay = List.copyOf(bytesPerDay);
      updatesPerDay = List.copyOf(updatesPerDay);
      if (bytesPerDay.isEmpty() || updatesPerDay.isEmpty()) {
        throw new InvalidSettingException(
            bytesPerDay.isEmpty() ? "bytesPerDay" : "updatesPerDay", "needs at least one value");
      }
      for (double v : bytesPerDay) {
        frequency("bytesPerDay", v);
      }
      for (double f : updatesPerDay) {
        frequency("updatesPerDay", f);
      }
    }
  }

  private static final CostSettings RESOURCE_DEFAULTS =
      SettingsYaml.readResource(CostSettings.class, "cost-defaults.yaml", CostSettings.class);

  /**
   * The defaults ({@code cost-defaults.yaml}).
   *
   * @return the defaults
   */
  public static CostSettings defaults() {
    return RESOURCE_DEFAULTS;
  }

  /**
   * The settings of a run: the defaults, then the file, then the keys given on the command line.
   *
   * @param file a settings file (a {@code config.yaml} a run wrote, or any subset of its keys)
   * @param given dotted keys from the command line (e.g. {@code raw.preset})
   * @return the settings
   * @throws dnt.core.InvalidInputException naming the file (or the command line) and the key path
   */
  public static CostSettings resolve(Optional<Path> file, Map<String, Object> given) {
    return SettingsYaml.resolve(defaults(), file, given, EXPERIMENT, CostSettings.class);
  }

  /**
   * The comment lines above {@code config.yaml}.
   *
   * @return the lines
   */
  public static List<String> comments() {
    return List.of(
        "dnt experiment " + EXPERIMENT + ": the complete effective configuration of this run.",
        "Rerun it with: dnt experiment " + EXPERIMENT + " --config config.yaml",
        "(options given beside --config override this file)");
  }

  /**
   * These settings as the tree of {@code config.yaml}, with the {@code experiment} key first.
   *
   * @return the tree
   */
  public ObjectNode tree() {
    return SettingsYaml.treeOf(EXPERIMENT, this);
  }
}
