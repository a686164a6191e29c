package dnt.core.radio;

import dnt.core.util.Seeds;
import java.util.Objects;

/**
 * The loss of a station-to-user link: the path loss of a {@link PropagationModel}, its
 * line-of-sight state and, optionally, log-normal shadow fading.
 *
 * <p>The random parts are drawn once per link from the seed and the two ends' ids (a counter-based
 * generator: {@code Seeds.derive(seed, station, user)}), not from a stream. A link therefore has
 * the same LOS state and shadowing value whenever it is evaluated, in any order, on any thread, in
 * a fork or after a snapshot is restored: this is what lets the twin update incrementally and still
 * equal a recomputation from scratch. LOS is drawn as {@code u < P_LOS(d2D)} with a uniform {@code
 * u} fixed per link, so a user walking away from a station loses sight of it once and for all (a
 * simple form of spatial consistency). Shadowing is a standard normal fixed per link, times the
 * model's sigma for the link's state, clipped to plus or minus {@value #SHADOWING_TRUNCATION} sigma
 * so that a station's range stays bounded (0.27% of links are clipped).
 *
 * @param model the path-loss model
 * @param losMode how line of sight is decided
 * @param shadowing whether shadow fading is added
 * @param seed the seed of the per-link draws
 */
public record LinkBudget(PropagationModel model, LosMode losMode, boolean shadowing, long seed) {
  /** Shadowing values are clipped to this many standard deviations. */
  public static final double SHADOWING_TRUNCATION = 3.0;

  private static final double TWO_PI = 2 * Math.PI;
  private static final double UNIT = 0x1.0p-53;

  /** Validates the parts. */
  public LinkBudget {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(losMode, "losMode");
  }

  /**
   * Total loss of a link in dB: path loss for its LOS state plus its shadowing value.
   *
   * @param stationKey the station's id
   * @param userKey the user's id
   * @param distance2dM horizontal distance, metres
   * @param stationHeightM station height, metres
   * @param userHeightM user height, metres
   * @return the loss in dB
   */
  public double lossDb(
      long stationKey,
      long userKey,
      double distance2dM,
      double stationHeightM,
      double userHeightM) {
    long bits = 0;
    boolean los;
    switch (losMode) {
      case ALWAYS -> los = true;
      case NEVER -> los = false;
      default -> {
        bits = Seeds.derive(seed, stationKey, userKey);
        los = uniform(bits) < model.losProbability(distance2dM, userHeightM);
      }
    }
    double loss = model.pathLossDb(distance2dM, stationHeightM, userHeightM, los);
    if (shadowing) {
      if (bits == 0) {
        bits = Seeds.derive(seed, stationKey, userKey);
      }
      loss += model.shadowingSigmaDb(los) * standardNormal(bits);
    }
    return loss;
  }

  /**
   * Total loss of a link whose user position is known: a {@link RadioMapModel}'s map value where it
   * has one (deterministic, no shadowing), otherwise {@link #lossDb(long, long, double, double,
   * double)}. For every other model the two are the same.
   *
   * @param stationKey the station's id
   * @param userKey the user's id
   * @param userX the user's x, m (the stations' and maps' frame)
   * @param userY the user's y, m
   * @param distance2dM horizontal distance, metres
   * @param stationHeightM station height, metres
   * @param userHeightM user height, metres
   * @return the loss in dB
   */
  public double lossDb(
      long stationKey,
      long userKey,
      double userX,
      double userY,
      double distance2dM,
      double stationHeightM,
      double userHeightM) {
    if (model instanceof RadioMapModel m) {
      double site =
          m.siteLossDb(stationKey, userX, userY, distance2dM, stationHeightM, userHeightM);
      if (!Double.isNaN(site)) {
        return site;
      }
    }
    return lossDb(stationKey, userKey, distance2dM, stationHeightM, userHeightM);
  }

  /**
   * Whether a link is line of sight.
   *
   * @param stationKey the station's id
   * @param userKey the user's id
   * @param distance2dM horizontal distance, metres
   * @param userHeightM user height, metres
   * @return the link's LOS state
   */
  public boolean lineOfSight(
      long stationKey, long userKey, double distance2dM, double userHeightM) {
    return switch (losMode) {
      case ALWAYS -> true;
      case NEVER -> false;
      case RANDOM ->
          uniform(Seeds.derive(seed, stationKey, userKey))
              < model.losProbability(distance2dM, userHeightM);
    };
  }

  /**
   * The smallest loss any link at this distance and these heights can have: the LOS path loss
   * unless LOS is never allowed, minus the largest shadowing value. The twin uses it to bound how
   * far a station can reach above its interference floor. With a {@link RadioMapModel} it is also
   * at most every map's bound ({@link PathGainMap#minLossDb}).
   *
   * @param distance2dM horizontal distance, metres
   * @param stationHeightM station height, metres
   * @param userHeightM user height, metres
   * @return a lower bound on {@link #lossDb} at this distance
   */
  public double minLossDb(double distance2dM, double stationHeightM, double userHeightM) {
    boolean canBeLos = losMode != LosMode.NEVER;
    double loss = model.pathLossDb(distance2dM, stationHeightM, userHeightM, canBeLos);
    if (shadowing) {
      double sigma =
          switch (losMode) {
            case ALWAYS -> model.shadowingSigmaDb(true);
            case NEVER -> model.shadowingSigmaDb(false);
            case RANDOM -> Math.max(model.shadowingSigmaDb(true), model.shadowingSigmaDb(false));
          };
      loss -= SHADOWING_TRUNCATION * sigma;
    }
    if (model instanceof RadioMapModel m) {
      loss = Math.min(loss, m.minSiteLossDb(distance2dM));
    }
    return loss;
  }

  /**
   * The standard normal draw of a link, clipped at {@value #SHADOWING_TRUNCATION}: Box-Muller on
   * two uniforms taken from the link's bits.
   *
   * @param bits the link's derived seed
   * @return a value in [-3, 3]
   */
  static double standardNormal(long bits) {
    double u1 = ((Seeds.derive(bits, 1) >>> 11) + 1) * UNIT; // (0, 1]
    double u2 = (Seeds.derive(bits, 2) >>> 11) * UNIT;
    double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
    return Math.max(-SHADOWING_TRUNCATION, Math.min(SHADOWING_TRUNCATION, z));
  }

  private static double uniform(long bits) {
    return (bits >>> 11) * UNIT;
  }
}
