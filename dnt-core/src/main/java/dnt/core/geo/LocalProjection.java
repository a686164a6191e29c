package dnt.core.geo;

/**
 * Equirectangular projection of longitude/latitude onto a local plane in metres around an origin.
 * Over a city the size of Milan (about 24 km) its distance error is well under 0.1%.
 *
 * @param originLon longitude of the plane's origin, degrees
 * @param originLat latitude of the plane's origin, degrees
 */
public record LocalProjection(double originLon, double originLat) {
  /** Mean Earth radius in metres (IUGG). */
  public static final double EARTH_RADIUS_M = 6_371_008.8;

  /**
   * Projects a point.
   *
   * @param lon longitude, degrees
   * @param lat latitude, degrees
   * @return the point on the plane
   */
  public Position project(double lon, double lat) {
    double x =
        Math.toRadians(lon - originLon) * EARTH_RADIUS_M * Math.cos(Math.toRadians(originLat));
    double y = Math.toRadians(lat - originLat) * EARTH_RADIUS_M;
    return new Position(x, y);
  }

  /**
   * Inverse of {@link #project}.
   *
   * @param p a point on the plane
   * @return {lon, lat} in degrees
   */
  public double[] unproject(Position p) {
    double lat = originLat + Math.toDegrees(p.y() / EARTH_RADIUS_M);
    double lon =
        originLon + Math.toDegrees(p.x() / (EARTH_RADIUS_M * Math.cos(Math.toRadians(originLat))));
    return new double[] {lon, lat};
  }
}
