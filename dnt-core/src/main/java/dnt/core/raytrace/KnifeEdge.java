package dnt.core.raytrace;

/**
 * Knife-edge diffraction loss (ITU-R P.526-15, Sec. 4.1).
 *
 * <p>For one edge, the Fresnel-Kirchhoff parameter {@code v = h sqrt(2 (d1 + d2) / (lambda d1 d2))}
 * (Eq. 26), with h the edge's height above the straight line between the terminals and d1, d2 the
 * distances to them, gives the loss {@code J(v) = 6.9 + 20 log10(sqrt((v - 0.1)^2 + 1) + v - 0.1)}
 * dB for {@code v > -0.78} and 0 below (Eq. 31). Several edges are combined by the method of
 * Epstein and Peterson (1953): each edge of the taut string over the obstacles is a single knife
 * edge between its neighbours on that string, and the losses add in dB. That method underestimates
 * the loss of closely spaced edges of similar height (P.526 Sec. 4.5 prefers Deygout's or the
 * Bullington construction there); we state it rather than correct it.
 */
public final class KnifeEdge {
  private KnifeEdge() {}

  /**
   * The Fresnel-Kirchhoff diffraction parameter.
   *
   * @param h the edge's height above the line between the terminals, m (negative below)
   * @param d1 the distance to one terminal, m
   * @param d2 the distance to the other, m
   * @param wavelength lambda, m
   * @return v
   */
  public static double parameter(double h, double d1, double d2, double wavelength) {
    return h * Math.sqrt(2 * (d1 + d2) / (wavelength * d1 * d2));
  }

  /**
   * The single knife-edge loss.
   *
   * @param v the diffraction parameter
   * @return J(v), dB, non-negative
   */
  public static double lossDb(double v) {
    if (v <= -0.78) {
      return 0;
    }
    double u = v - 0.1;
    return 6.9 + 20 * Math.log10(Math.sqrt(u * u + 1) + u);
  }
}
