package dnt.core.radio;

/**
 * Free-space path loss (Friis): {@code FSPL = 20 log10(4 pi d f / c)} with d the 3D distance in
 * metres and f the carrier in Hz, i.e. {@code 20 log10(d) + 20 log10(fc) + 32.45} with fc in GHz.
 * Distances below 1 m are taken as 1 m. There is no shadowing and every link is line of sight.
 */
public final class FreeSpace implements PropagationModel {
  private final double carrierGhz;
  private final double constantDb;

  /** Shortest 3D distance used, metres (the far field starts well before it above 300 MHz). */
  public static final double MIN_DISTANCE_M = 1.0;

  /**
   * Creates the model.
   *
   * @param carrierGhz the carrier frequency, GHz
   */
  public FreeSpace(double carrierGhz) {
    Propagation.checkCarrier(carrierGhz);
    this.carrierGhz = carrierGhz;
    this.constantDb = 20 * Math.log10(4 * Math.PI * carrierGhz * 1e9 / SPEED_OF_LIGHT);
  }

  @Override
  public double carrierGhz() {
    return carrierGhz;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FreeSpace m && Double.compare(m.carrierGhz, carrierGhz) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(carrierGhz) * 31 + FreeSpace.class.hashCode();
  }

  @Override
  public String toString() {
    return name() + "(" + carrierGhz + " GHz)";
  }

  @Override
  public String name() {
    return "fspl";
  }

  @Override
  public double pathLossDb(
      double distance2dM, double stationHeightM, double userHeightM, boolean lineOfSight) {
    double d3 =
        Math.max(
            MIN_DISTANCE_M, PropagationModel.distance3d(distance2dM, stationHeightM, userHeightM));
    return 20 * Math.log10(d3) + constantDb;
  }

  @Override
  public double losProbability(double distance2dM, double userHeightM) {
    return 1.0;
  }

  @Override
  public double shadowingSigmaDb(boolean lineOfSight) {
    return 0.0;
  }
}
