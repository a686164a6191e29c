package dnt.core.radio;

import dnt.core.InvalidInputException;

/**
 * The attenuated Shannon bound of 3GPP TR 36.942 Annex A.2: 0 below {@code SINR_MIN}, {@code alpha
 * log2(1 + SINR)} above it, capped at {@code maxEfficiency}. The downlink defaults (Table
 * A.2.1.1-1) are alpha = 0.6, SINR_MIN = -10 dB and a cap of 4.4 bit/s/Hz.
 *
 * @param alpha attenuation factor, (0, 1]
 * @param minSinrDb SINR below which the rate is zero, dB
 * @param maxEfficiency the cap, bit/s/Hz
 */
public record AttenuatedShannon(double alpha, double minSinrDb, double maxEfficiency)
    implements RateModel {
  private static final double LN2 = Math.log(2);

  /** Validates the parameters. */
  public AttenuatedShannon {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new InvalidInputException("attenuation alpha must be in (0, 1], got " + alpha);
    }
    if (!(maxEfficiency > 0) || Double.isNaN(minSinrDb)) {
      throw new InvalidInputException(
          "attenuated Shannon needs a positive cap and a SINR_MIN, got "
              + maxEfficiency
              + " and "
              + minSinrDb);
    }
  }

  /**
   * The TR 36.942 downlink parameters.
   *
   * @return alpha 0.6, SINR_MIN -10 dB, cap 4.4 bit/s/Hz
   */
  public static AttenuatedShannon downlink() {
    return new AttenuatedShannon(0.6, -10, 4.4);
  }

  @Override
  public double spectralEfficiency(double sinrLinear) {
    if (!(sinrLinear >= Units.fromDb(minSinrDb))) {
      return 0.0;
    }
    return Math.min(maxEfficiency, alpha * Math.log1p(sinrLinear) / LN2);
  }

  @Override
  public String name() {
    return "attenuated-shannon";
  }

  /**
   * The parameters in component order.
   *
   * @return {@code [alpha, minSinrDb, maxEfficiency]}
   */
  @Override
  public double[] parameters() {
    return new double[] {alpha, minSinrDb, maxEfficiency};
  }
}
