package dnt.core.radio;

/**
 * Maps a SINR to a spectral efficiency (bit/s/Hz). Rate = bandwidth x spectral efficiency (x the
 * user's share of the resources, in the twin).
 */
public sealed interface RateModel permits Shannon, AttenuatedShannon {
  /**
   * Spectral efficiency at a SINR.
   *
   * @param sinrLinear the SINR as a linear ratio
   * @return bit/s/Hz, non-negative
   */
  double spectralEfficiency(double sinrLinear);

  /**
   * The model's registry name in {@link RateModels} ({@code shannon} or {@code
   * attenuated-shannon}).
   *
   * @return the name
   */
  String name();

  /**
   * The model's parameters, in the order its {@link RateModels} factory takes them back.
   *
   * @return the parameters (none for a model without any)
   */
  double[] parameters();
}
