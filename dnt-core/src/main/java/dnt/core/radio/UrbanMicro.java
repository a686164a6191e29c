package dnt.core.radio;

/**
 * 3GPP TR 38.901 UMi street-canyon path loss (Table 7.4.1-1) and LOS probability (Table 7.4.2-1).
 *
 * <ul>
 *   <li>LOS: {@code PL1 = 32.4 + 21 log10(d3D) + 20 log10(fc)} up to the breakpoint {@code d'BP = 4
 *       h'BS h'UT fc / c} ({@code h' = h - 1 m}), then {@code PL2 = 32.4 + 40 log10(d3D) + 20
 *       log10(fc) - 9.5 log10(d'BP^2 + (hBS - hUT)^2)}; sigma 4 dB.
 *   <li>NLOS: {@code max(PL_LOS, 22.4 + 35.3 log10(d3D) + 21.3 log10(fc) - 0.3 (hUT - 1.5))}; sigma
 *       7.82 dB.
 *   <li>LOS probability: 1 up to 18 m, then {@code 18/d2D + exp(-d2D/36) (1 - 18/d2D)}.
 * </ul>
 *
 * <p>The model is specified for 10 m &le; d2D &le; 5 km: shorter distances are taken as 10 m,
 * longer ones extrapolate the formula. PL1 and PL2 meet at the breakpoint ({@code 40 - 2 x 9.5 =
 * 21}), so the loss is continuous and monotone in distance.
 */
public final class UrbanMicro implements PropagationModel {
  private final double carrierGhz;
  private final double logFc;
  private final double nlosFc;
  private final double breakpointPerHeight;
  private volatile HeightTerm lastTerm;

  /** Effective environment height, metres. */
  public static final double ENVIRONMENT_HEIGHT_M = 1.0;

  /**
   * Creates the model.
   *
   * @param carrierGhz the carrier frequency, GHz
   */
  public UrbanMicro(double carrierGhz) {
    Propagation.checkCarrier(carrierGhz);
    this.carrierGhz = carrierGhz;
    this.logFc = 20 * Math.log10(carrierGhz);
    this.nlosFc = 21.3 * Math.log10(carrierGhz);
    this.breakpointPerHeight = 4 * carrierGhz * 1e9 / SPEED_OF_LIGHT;
  }

  @Override
  public double carrierGhz() {
    return carrierGhz;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UrbanMicro m && Double.compare(m.carrierGhz, carrierGhz) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(carrierGhz) * 31 + UrbanMicro.class.hashCode();
  }

  @Override
  public String toString() {
    return name() + "(" + carrierGhz + " GHz)";
  }

  @Override
  public String name() {
    return "umi";
  }

  /**
   * The LOS breakpoint distance {@code d'BP = 4 h'BS h'UT fc / c}.
   *
   * @param stationHeightM station height, metres
   * @param userHeightM user height, metres
   * @return the breakpoint, metres
   */
  public double breakpointM(double stationHeightM, double userHeightM) {
    return breakpointPerHeight
        * (stationHeightM - ENVIRONMENT_HEIGHT_M)
        * (userHeightM - ENVIRONMENT_HEIGHT_M);
  }

  @Override
  public double pathLossDb(
      double distance2dM, double stationHeightM, double userHeightM, boolean lineOfSight) {
    double d2 = Math.max(Propagation.MIN_DISTANCE_2D_M, distance2dM);
    double d3 = PropagationModel.distance3d(d2, stationHeightM, userHeightM);
    double logD = Math.log10(d3);
    double bp = breakpointM(stationHeightM, userHeightM);
    double los;
    if (d2 <= bp) {
      los = 32.4 + 21 * logD + logFc;
    } else {
      los = 32.4 + 40 * logD + logFc - 9.5 * breakpointTerm(stationHeightM, userHeightM, bp);
    }
    if (lineOfSight) {
      return los;
    }
    double nlos = 22.4 + 35.3 * logD + nlosFc - 0.3 * (userHeightM - 1.5);
    return Math.max(los, nlos);
  }

  /**
   * {@code log10(d'BP^2 + (hBS - hUT)^2)}, which depends on the heights only: memoised for the last
   * pair of heights (an immutable holder, so concurrent callers at worst recompute it).
   */
  private double breakpointTerm(double stationHeightM, double userHeightM, double bp) {
    HeightTerm last = lastTerm;
    if (last != null && last.stationHeightM == stationHeightM && last.userHeightM == userHeightM) {
      return last.value;
    }
    double dh = stationHeightM - userHeightM;
    double value = Math.log10(bp * bp + dh * dh);
    lastTerm = new HeightTerm(stationHeightM, userHeightM, value);
    return value;
  }

  private record HeightTerm(double stationHeightM, double userHeightM, double value) {}

  @Override
  public double losProbability(double distance2dM, double userHeightM) {
    if (distance2dM <= 18) {
      return 1.0;
    }
    return 18 / distance2dM + Math.exp(-distance2dM / 36) * (1 - 18 / distance2dM);
  }

  @Override
  public double shadowingSigmaDb(boolean lineOfSight) {
    return lineOfSight ? 4.0 : 7.82;
  }
}
