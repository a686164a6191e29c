package dnt.core.twin;

import dnt.core.InvalidInputException;

/**
 * Interference links weaker than the noise power minus this margin (at full activity) are ignored.
 * This is what bounds the set of twins an event touches: a station only affects users it reaches
 * above the floor. Each ignored link contributes less than {@code N x 10^(-margin/10)}; see {@code
 * docs/twin.md} for the bound on the SINR error.
 *
 * @param dbBelowNoise the margin under the noise power, dB; {@code +Infinity} keeps every link
 */
public record InterferenceFloor(double dbBelowNoise) {
  /** Keeps every link, however weak. */
  public static final InterferenceFloor NONE = new InterferenceFloor(Double.POSITIVE_INFINITY);

  /** Validates the margin. */
  public InterferenceFloor {
    if (!(dbBelowNoise >= 0)) {
      throw new InvalidInputException(
          "the interference floor must be a non-negative margin under the noise, got "
              + dbBelowNoise);
    }
  }

  /**
   * The default: 20 dB under the noise (each ignored link is under 1% of the noise).
   *
   * @return the floor
   */
  public static InterferenceFloor defaults() {
    return new InterferenceFloor(20);
  }

  /**
   * The floor in milliwatts.
   *
   * @param noiseMw the noise power, mW
   * @return the weakest link power kept, mW (0 for {@link #NONE})
   */
  public double floorMw(double noiseMw) {
    return Double.isInfinite(dbBelowNoise) ? 0.0 : noiseMw * Math.pow(10, -dbBelowNoise / 10);
  }
}
