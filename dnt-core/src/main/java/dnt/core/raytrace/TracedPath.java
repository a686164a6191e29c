package dnt.core.raytrace;

import java.util.List;

/**
 * One propagation path from a transmitter to a receiver.
 *
 * @param kind its interactions in order: {@code LOS}, or letters {@code R} (wall reflection),
 *     {@code G} (ground reflection), {@code D} (rooftop diffraction edge), e.g. {@code GR}
 * @param vertices the transmitter, each interaction point, the receiver
 * @param lengthM the length along the path, m
 * @param amplitude the complex amplitude relative to the transmitted one: free-space spreading over
 *     the unfolded length, every interaction's coefficient, and the phase of the length
 * @param reflections the material of each reflection (walls and ground) in the order of {@code
 *     kind}'s {@code R} and {@code G} letters; diffraction edges are not listed. Calibration uses
 *     it to know which material classes a path's power depends on.
 */
public record TracedPath(
    String kind,
    List<Point3> vertices,
    double lengthM,
    Complex amplitude,
    List<Material> reflections) {
  /** The speed of light in vacuum, m/s. */
  public static final double SPEED_OF_LIGHT = 299_792_458.0;

  /** Copies the lists. */
  public TracedPath {
    vertices = List.copyOf(vertices);
    reflections = List.copyOf(reflections);
  }

  /**
   * The propagation delay.
   *
   * @return length / c, s
   */
  public double delaySeconds() {
    return lengthM / SPEED_OF_LIGHT;
  }

  /**
   * The path gain.
   *
   * @return 20 log10 |amplitude|, dB
   */
  public double gainDb() {
    return 20 * Math.log10(amplitude.abs());
  }

  /**
   * The phase.
   *
   * @return arg(amplitude) in (-pi, pi]
   */
  public double phaseRadians() {
    return amplitude.arg();
  }

  /**
   * Azimuth of departure: the direction of the first segment.
   *
   * @return degrees counter-clockwise from +x, in (-180, 180]
   */
  public double departureAzimuthDeg() {
    return azimuth(vertices.get(0), vertices.get(1));
  }

  /**
   * Elevation of departure.
   *
   * @return degrees above the horizontal plane
   */
  public double departureElevationDeg() {
    return elevation(vertices.get(0), vertices.get(1));
  }

  /**
   * Azimuth of arrival: the direction from the receiver back toward the last interaction point (the
   * transmitter for line of sight).
   *
   * @return degrees counter-clockwise from +x, in (-180, 180]
   */
  public double arrivalAzimuthDeg() {
    int n = vertices.size();
    return azimuth(vertices.get(n - 1), vertices.get(n - 2));
  }

  /**
   * Elevation of arrival.
   *
   * @return degrees above the horizontal plane
   */
  public double arrivalElevationDeg() {
    int n = vertices.size();
    return elevation(vertices.get(n - 1), vertices.get(n - 2));
  }

  private static double azimuth(Point3 from, Point3 to) {
    double deg = Math.toDegrees(Math.atan2(to.y() - from.y(), to.x() - from.x()));
    return deg == -180 ? 180 : deg;
  }

  private static double elevation(Point3 from, Point3 to) {
    return Math.toDegrees(Math.atan2(to.z() - from.z(), from.planDistance(to)));
  }
}
