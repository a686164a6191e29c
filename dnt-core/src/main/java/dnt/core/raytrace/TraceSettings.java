package dnt.core.raytrace;

/**
 * What the tracer looks for.
 *
 * @param carrierGhz the carrier frequency, GHz, in (0, 300]
 * @param maxReflections the highest order of wall reflections, 0 to 2
 * @param groundReflections whether to add the ground reflection alone and combined with one wall
 * @param diffraction whether to add a rooftop diffraction path where line of sight is blocked
 */
public record TraceSettings(
    double carrierGhz, int maxReflections, boolean groundReflections, boolean diffraction) {
  /** Checks the values. */
  public TraceSettings {
    if (!(carrierGhz > 0 && carrierGhz <= 300)) {
      throw new IllegalArgumentException("carrierGhz must be in (0, 300], got " + carrierGhz);
    }
    if (maxReflections < 0 || maxReflections > 2) {
      throw new IllegalArgumentException("maxReflections must be 0, 1 or 2, got " + maxReflections);
    }
  }

  /**
   * The wavelength.
   *
   * @return c / f, m
   */
  public double wavelengthM() {
    return TracedPath.SPEED_OF_LIGHT / (carrierGhz * 1e9);
  }
}
