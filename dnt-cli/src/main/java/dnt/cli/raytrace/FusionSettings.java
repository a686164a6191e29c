package dnt.cli.raytrace;

import dnt.core.InvalidInputException;

/**
 * The settings of {@code dnt raytrace fusion}, as written to its {@code config.yaml}.
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
  /** The study's name in {@code config.yaml}. */
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

  /**
   * The defaults: seed 42, 5 seeds, a 400 m city, 4 small cells at 10 m and 30 dBm, 400 users, 10 m
   * maps, 3.5 GHz.
   *
   * @return them
   */
  public static FusionSettings defaults() {
    return new FusionSettings(42, 5, 400, 4, 400, 10, 3.5, 10, 30);
  }
}
