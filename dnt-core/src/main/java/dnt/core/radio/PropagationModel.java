package dnt.core.radio;

/**
 * A large-scale path-loss model: loss in dB as a function of distance, antenna heights and
 * line-of-sight state, at the carrier frequency the model was made for. Implementations follow 3GPP
 * TR 38.901 V17 Table 7.4.1-1 (distances in metres, frequencies in GHz).
 *
 * <p>Every implementation is monotone non-decreasing in distance for fixed heights and line-of-
 * sight state; the twin relies on this to bound the range of a station with a bisection.
 */
public interface PropagationModel {
  /** Speed of light in vacuum, m/s. */
  double SPEED_OF_LIGHT = 299_792_458.0;

  /**
   * The model's registry name ({@code uma}, {@code umi}, {@code fspl}).
   *
   * @return the name
   */
  String name();

  /**
   * Carrier frequency this model was made for.
   *
   * @return frequency in GHz
   */
  double carrierGhz();

  /**
   * Path loss of a link.
   *
   * @param distance2dM horizontal distance between station and user, metres
   * @param stationHeightM station antenna height, metres
   * @param userHeightM user antenna height, metres
   * @param lineOfSight whether the link is line of sight
   * @return the loss in dB (positive)
   */
  double pathLossDb(
      double distance2dM, double stationHeightM, double userHeightM, boolean lineOfSight);

  /**
   * Probability that a link is line of sight (TR 38.901 Table 7.4.2-1).
   *
   * @param distance2dM horizontal distance, metres
   * @param userHeightM user antenna height, metres
   * @return a probability in [0, 1]
   */
  double losProbability(double distance2dM, double userHeightM);

  /**
   * Standard deviation of the log-normal shadow fading (TR 38.901 Table 7.4.1-1).
   *
   * @param lineOfSight the link's state
   * @return sigma in dB
   */
  double shadowingSigmaDb(boolean lineOfSight);

  /**
   * 3D distance from the 2D distance and the antenna heights.
   *
   * @param distance2dM horizontal distance, metres
   * @param stationHeightM station height, metres
   * @param userHeightM user height, metres
   * @return the straight-line distance, metres
   */
  static double distance3d(double distance2dM, double stationHeightM, double userHeightM) {
    double dh = stationHeightM - userHeightM;
    return Math.sqrt(distance2dM * distance2dM + dh * dh);
  }
}
