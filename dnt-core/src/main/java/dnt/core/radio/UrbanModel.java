package dnt.core.radio;

import org.jspecify.annotations.Nullable;

/**
 * The shape that the 3GPP TR 38.901 UMa and UMi models share (Table 7.4.1-1), parameterised by each
 * scenario's constants:
 *
 * <ul>
 *   <li>LOS: {@code PL1 = a + b log10(d3D) + 20 log10(fc)} up to the breakpoint {@code d'BP = 4
 *       h'BS h'UT fc / c} (effective heights {@code h' = h - 1 m}), then {@code PL2 = a + 40
 *       log10(d3D) + 20 log10(fc) - k log10(d'BP^2 + (hBS - hUT)^2)};
 *   <li>NLOS: {@code max(PL_LOS, a' + b' log10(d3D) + f' log10(fc) - g' (hUT - 1.5))}.
 * </ul>
 *
 * <p>With {@code k = (40 - b) / 2} (true of both scenarios) PL1 and PL2 meet at the breakpoint, so
 * the loss is continuous and monotone in distance. The effective environment height is fixed at 1
 * m, the value TR 38.901 uses for user heights below 13 m. The models are specified for 10 m &le;
 * d2D &le; 5 km: shorter distances are taken as 10 m, longer ones extrapolate the formula.
 */
public abstract sealed class UrbanModel implements PropagationModel permits UrbanMacro, UrbanMicro {
  /** Effective environment height, metres. */
  public static final double ENVIRONMENT_HEIGHT_M = 1.0;

  /**
   * One scenario's constants of Table 7.4.1-1.
   *
   * @param losIntercept {@code a}, dB
   * @param losSlope {@code b}, dB per decade of d3D before the breakpoint
   * @param breakpointWeight {@code k}, the weight of the height term beyond the breakpoint
   * @param nlosIntercept {@code a'}, dB
   * @param nlosSlope {@code b'}, dB per decade of d3D
   * @param nlosFrequencyWeight {@code f'}, dB per decade of fc
   * @param nlosHeightWeight {@code g'}, dB per metre of user height above 1.5 m
   * @param losSigmaDb shadow-fading sigma of LOS links, dB
   * @param nlosSigmaDb shadow-fading sigma of NLOS links, dB
   */
  record Constants(
      double losIntercept,
      double losSlope,
      double breakpointWeight,
      double nlosIntercept,
      double nlosSlope,
      double nlosFrequencyWeight,
      double nlosHeightWeight,
      double losSigmaDb,
      double nlosSigmaDb) {}

  private final Constants k;
  private final double carrierGhz;
  private final double logFc;
  private final double nlosFc;
  private final double breakpointPerHeight;
  private volatile @Nullable HeightTerm lastTerm;

  UrbanModel(double carrierGhz, Constants constants) {
    Propagation.checkCarrier(carrierGhz);
    this.k = constants;
    this.carrierGhz = carrierGhz;
    this.logFc = 20 * Math.log10(carrierGhz);
    this.nlosFc = constants.nlosFrequencyWeight() * Math.log10(carrierGhz);
    this.breakpointPerHeight = 4 * carrierGhz * 1e9 / SPEED_OF_LIGHT;
  }

  @Override
  public final double carrierGhz() {
    return carrierGhz;
  }

  // Two models are equal only when they are the same concrete model (macro or micro) at the
  // same carrier: a subclass never equals its sibling, so getClass is the intended test.
  @SuppressWarnings("EqualsGetClass")
  @Override
  public final boolean equals(@Nullable Object o) {
    return o != null
        && o.getClass() == getClass()
        && Double.compare(((UrbanModel) o).carrierGhz, carrierGhz) == 0;
  }

  @Override
  public final int hashCode() {
    return Double.hashCode(carrierGhz) * 31 + getClass().hashCode();
  }

  @Override
  public final String toString() {
    return name() + "(" + carrierGhz + " GHz)";
  }

  /**
   * The LOS breakpoint distance {@code d'BP = 4 h'BS h'UT fc / c}. An antenna at or below the
   * environment height (outside the table's 1.5 m &le; hUT range) has an effective height of 0, so
   * the breakpoint is 0 and PL2 applies at every distance; without that floor a negative effective
   * height would square into a distant breakpoint and give a user 0.5 m up about 14 dB less loss
   * than one 1.5 m up.
   *
   * @param stationHeightM station height, metres
   * @param userHeightM user height, metres
   * @return the breakpoint, metres (non-negative)
   */
  public final double breakpointM(double stationHeightM, double userHeightM) {
    return breakpointPerHeight
        * Math.max(0, stationHeightM - ENVIRONMENT_HEIGHT_M)
        * Math.max(0, userHeightM - ENVIRONMENT_HEIGHT_M);
  }

  @Override
  public final double pathLossDb(
      double distance2dM, double stationHeightM, double userHeightM, boolean lineOfSight) {
    double d2 = Math.max(Propagation.MIN_DISTANCE_2D_M, distance2dM);
    double d3 = PropagationModel.distance3d(d2, stationHeightM, userHeightM);
    double logD = Math.log10(d3);
    double bp = breakpointM(stationHeightM, userHeightM);
    double los;
    if (d2 <= bp) {
      los = k.losIntercept() + k.losSlope() * logD + logFc;
    } else {
      los =
          k.losIntercept()
              + 40 * logD
              + logFc
              - k.breakpointWeight() * breakpointTerm(stationHeightM, userHeightM, bp);
    }
    if (lineOfSight) {
      return los;
    }
    double nlos =
        k.nlosIntercept()
            + k.nlosSlope() * logD
            + nlosFc
            - k.nlosHeightWeight() * (userHeightM - 1.5);
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

  /**
   * The LOS probability of Table 7.4.2-1 without any user-height term: 1 up to 18 m, then {@code
   * 18/d2D + exp(-d2D/scale) (1 - 18/d2D)}.
   *
   * @param distance2dM horizontal distance, metres
   * @param scaleM the scenario's decay distance (63 m for UMa, 36 m for UMi)
   * @return the probability
   */
  static double streetLosProbability(double distance2dM, double scaleM) {
    if (distance2dM <= 18) {
      return 1.0;
    }
    return 18 / distance2dM + Math.exp(-distance2dM / scaleM) * (1 - 18 / distance2dM);
  }

  @Override
  public final double shadowingSigmaDb(boolean lineOfSight) {
    return lineOfSight ? k.losSigmaDb() : k.nlosSigmaDb();
  }
}
