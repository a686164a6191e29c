package dnt.core.radio;

/**
 * 3GPP TR 38.901 UMa path loss (Table 7.4.1-1) and LOS probability (Table 7.4.2-1), in the shape of
 * {@link UrbanModel}:
 *
 * <ul>
 *   <li>LOS: {@code PL1 = 28 + 22 log10(d3D) + 20 log10(fc)} up to the breakpoint, then {@code PL2
 *       = 28 + 40 log10(d3D) + 20 log10(fc) - 9 log10(d'BP^2 + (hBS - hUT)^2)}; sigma 4 dB.
 *   <li>NLOS: {@code max(PL_LOS, 13.54 + 39.08 log10(d3D) + 20 log10(fc) - 0.6 (hUT - 1.5))}; sigma
 *       6 dB.
 *   <li>LOS probability: 1 up to 18 m, then {@code (18/d2D + exp(-d2D/63) (1 - 18/d2D)) (1 +
 *       C'(hUT) 5/4 (d2D/100)^3 exp(-d2D/150))}, with {@code C'(hUT) = ((hUT - 13)/10)^1.5} above
 *       13 m and 0 below.
 * </ul>
 */
public final class UrbanMacro extends UrbanModel {
  private static final Constants UMA = new Constants(28, 22, 9, 13.54, 39.08, 20, 0.6, 4.0, 6.0);

  /**
   * Creates the model.
   *
   * @param carrierGhz the carrier frequency, GHz
   */
  public UrbanMacro(double carrierGhz) {
    super(carrierGhz, UMA);
  }

  @Override
  public String name() {
    return "uma";
  }

  @Override
  public double losProbability(double distance2dM, double userHeightM) {
    double base = streetLosProbability(distance2dM, 63);
    double c = userHeightM <= 13 ? 0 : Math.pow((userHeightM - 13) / 10, 1.5);
    double heightTerm =
        1 + c * 5.0 / 4.0 * Math.pow(distance2dM / 100, 3) * Math.exp(-distance2dM / 150);
    return Math.min(1.0, base * heightTerm);
  }
}
