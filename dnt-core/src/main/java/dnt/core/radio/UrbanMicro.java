package dnt.core.radio;

/**
 * 3GPP TR 38.901 UMi street-canyon path loss (Table 7.4.1-1) and LOS probability (Table 7.4.2-1),
 * in the shape of {@link UrbanModel}:
 *
 * <ul>
 *   <li>LOS: {@code PL1 = 32.4 + 21 log10(d3D) + 20 log10(fc)} up to the breakpoint, then {@code
 *       PL2 = 32.4 + 40 log10(d3D) + 20 log10(fc) - 9.5 log10(d'BP^2 + (hBS - hUT)^2)}; sigma 4 dB.
 *   <li>NLOS: {@code max(PL_LOS, 22.4 + 35.3 log10(d3D) + 21.3 log10(fc) - 0.3 (hUT - 1.5))}; sigma
 *       7.82 dB.
 *   <li>LOS probability: 1 up to 18 m, then {@code 18/d2D + exp(-d2D/36) (1 - 18/d2D)}.
 * </ul>
 */
public final class UrbanMicro extends UrbanModel {
  private static final Constants UMI =
      new Constants(32.4, 21, 9.5, 22.4, 35.3, 21.3, 0.3, 4.0, 7.82);

  /**
   * Creates the model.
   *
   * @param carrierGhz the carrier frequency, GHz
   */
  public UrbanMicro(double carrierGhz) {
    super(carrierGhz, UMI);
  }

  @Override
  public String name() {
    return "umi";
  }

  @Override
  public double losProbability(double distance2dM, double userHeightM) {
    return streetLosProbability(distance2dM, 36);
  }
}
