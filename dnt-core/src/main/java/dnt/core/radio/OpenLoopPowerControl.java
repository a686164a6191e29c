package dnt.core.radio;

import dnt.core.InvalidInputException;

/**
 * Open-loop uplink power control (3GPP TS 38.213 Sec. 7.1.1, without the closed-loop and MCS
 * terms): a user transmits {@code P = min(Pmax, P0 + alpha x PL)}, where {@code PL} is the loss to
 * its serving station and {@code P0} the target received power for its allocation. {@code alpha =
 * 1} compensates the loss fully; smaller values (fractional power control) let cell-edge users
 * arrive weaker, which lowers the interference they cause in neighbouring cells.
 *
 * @param p0Dbm target received power, dBm
 * @param alpha path-loss compensation factor, [0, 1]
 * @param maxPowerDbm the user's maximum transmit power, dBm (23 dBm for a handset)
 */
public record OpenLoopPowerControl(double p0Dbm, double alpha, double maxPowerDbm) {
  /** Validates the parameters. */
  public OpenLoopPowerControl {
    if (!Double.isFinite(p0Dbm) || !Double.isFinite(maxPowerDbm)) {
      throw new InvalidInputException("P0 and the maximum power must be finite");
    }
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new InvalidInputException("alpha must be in [0, 1], got " + alpha);
    }
  }

  /**
   * A common setting: P0 = -80 dBm, alpha = 0.8, Pmax = 23 dBm.
   *
   * @return the setting
   */
  public static OpenLoopPowerControl defaults() {
    return new OpenLoopPowerControl(-80, 0.8, 23);
  }

  /**
   * The transmit power for a path loss.
   *
   * @param pathLossDb loss to the serving station, dB
   * @return {@code min(Pmax, P0 + alpha PL)}, dBm
   */
  public double txPowerDbm(double pathLossDb) {
    return Math.min(maxPowerDbm, p0Dbm + alpha * pathLossDb);
  }
}
