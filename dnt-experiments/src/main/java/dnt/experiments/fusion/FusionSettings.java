package dnt.experiments.fusion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.core.InvalidInputException;
import dnt.experiments.settings.SettingsYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the radio-map fusion study, as written to a run's {@code config.yaml}; the
 * defaults are the commented resource {@code defaults.yaml} beside this class.
 *
 * @param seed the base seed; replication i uses seed + i
 * @param seeds replications, 1 to 50
 * @param citySizeM the synthetic city's side, m, 200 to 2000
 * @param stations small cells per city, 1 to 20
 * @param users users per city, 1 to 20000
 * @param stepM the radio maps' grid spacing, m, 2 to 50
 * @param carrierGhz the carrier, GHz
 * @param stationHeightM the cells' antenna height, m
 * @param txPowerDbm the cells' transmit power, dBm
 */
public record FusionSettings(
    long seed,
    int seeds,
    double citySizeM,
    int stations,
    int users,
    double stepM,
    double carrierGhz,
    double stationHeightM,
    double txPowerDbm) {
  /**
   * The study's name in {@code config.yaml} and its results folder ({@code
   * results/raytrace-fusion/<run>/}); kept from the study's first home under {@code dnt raytrace},
   * so that the runs it wrote reload.
   */
  public static final String EXPERIMENT = "raytrace-fusion";

  /** Checks the ranges. */
  public FusionSettings {
    check(seeds >= 1 && seeds <= 50, "seeds must be 1 to 50, got " + seeds);
    check(citySizeM >= 200 && citySizeM <= 2000, "citySizeM must be 200 to 2000, got " + citySizeM);
    check(stations >= 1 && stations <= 20, "stations must be 1 to 20, got " + stations);
    check(users >= 1 && users <= 20_000, "users must be 1 to 20000, got " + users);
    check(stepM >= 2 && stepM <= 50, "stepM must be 2 to 50, got " + stepM);
    check(
        carrierGhz >= 0.5 && carrierGhz <= 100, "carrierGhz must be 0.5 to 100, got " + carrierGhz);
    check(
        stationHeightM > 1.5 && stationHeightM <= 100,
        "stationHeightM must be above 1.5 and at most 100, got " + stationHeightM);
    check(txPowerDbm >= -30 && txPowerDbm <= 80, "txPowerDbm must be -30 to 80, got " + txPowerDbm);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new InvalidInputException(message);
    }
  }

  private static final FusionSettings RESOURCE_DEFAULTS =
      SettingsYaml.readResource(FusionSettings.class, "defaults.yaml", FusionSettings.class);

  /**
   * The defaults ({@code defaults.yaml}): seed 42, 5 seeds, a 400 m city, 4 small cells at 10 m and
   * 30 dBm, 400 users, 10 m maps, 3.5 GHz.
   *
   * @return them
   */
  public static FusionSettings defaults() {
    return RESOURCE_DEFAULTS;
  }

  /**
   * The settings of a run: the defaults, then the file, then the keys given on the command line.
   *
   * @param file a settings file (a {@code config.yaml} a run wrote, or any subset of its keys)
   * @param given keys from the command line
   * @return the settings
   */
  public static FusionSettings resolve(Optional<Path> file, Map<String, Object> given) {
    return SettingsYaml.resolve(defaults(), file, given, EXPERIMENT, FusionSettings.class);
  }

  /**
   * These settings as the tree of {@code config.yaml}.
   *
   * @return the tree
   */
  public ObjectNode tree() {
    return SettingsYaml.treeOf(EXPERIMENT, this);
  }

  /**
   * The comment lines above {@code config.yaml}.
   *
   * @return the lines
   */
  public static List<String> comments() {
    return SettingsYaml.comments(EXPERIMENT);
  }
}
