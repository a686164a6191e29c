package dnt.core.radio;

import dnt.core.InvalidInputException;
import dnt.core.PhysicalLimits;

/**
 * Receiver noise power: thermal noise density {@code -174 dBm/Hz} (kT at 290 K) over the bandwidth,
 * plus the receiver's noise figure: {@code N = -174 + 10 log10(B) + NF} dBm.
 */
public final class ThermalNoise {
  /** Thermal noise density at 290 K, dBm/Hz. */
  public static final double DENSITY_DBM_PER_HZ = -174.0;

  private ThermalNoise() {}

  /**
   * Noise power in dBm.
   *
   * @param bandwidthHz bandwidth, Hz (positive)
   * @param noiseFigureDb receiver noise figure, dB (non-negative)
   * @return the noise power, dBm
   */
  public static double dbm(double bandwidthHz, double noiseFigureDb) {
    if (!(bandwidthHz > 0) || Double.isInfinite(bandwidthHz)) {
      throw new InvalidInputException("bandwidth must be positive and finite, got " + bandwidthHz);
    }
    if (!(noiseFigureDb >= 0) || Double.isInfinite(noiseFigureDb)) {
      throw new InvalidInputException(
          "noise figure must be non-negative and finite, got " + noiseFigureDb + " dB");
    }
    return DENSITY_DBM_PER_HZ + 10 * Math.log10(bandwidthHz) + noiseFigureDb;
  }

  /**
   * Checks the bandwidth and noise figure of a receiver against {@link
   * PhysicalLimits#BANDWIDTH_MHZ} and {@link PhysicalLimits#NOISE_FIGURE_DB}; {@link #dbm} itself
   * takes any positive bandwidth (1 Hz gives the noise density).
   *
   * @param bandwidthHz the carrier bandwidth, Hz
   * @param noiseFigureDb the noise figure, dB
   * @throws dnt.core.InvalidInputException when either is outside its range
   */
  public static void checkReceiver(double bandwidthHz, double noiseFigureDb) {
    PhysicalLimits.BANDWIDTH_MHZ.check("the receiver", bandwidthHz / 1e6);
    PhysicalLimits.NOISE_FIGURE_DB.check("the receiver", noiseFigureDb);
  }

  /**
   * Noise power in milliwatts.
   *
   * @param bandwidthHz bandwidth, Hz
   * @param noiseFigureDb noise figure, dB
   * @return the noise power, mW
   */
  public static double mw(double bandwidthHz, double noiseFigureDb) {
    return Units.dbmToMw(dbm(bandwidthHz, noiseFigureDb));
  }
}
