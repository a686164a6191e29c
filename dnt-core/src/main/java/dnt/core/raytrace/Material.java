package dnt.core.raytrace;

import dnt.core.Registry;

/**
 * A building or ground material by the frequency model of ITU-R P.2040-3 (Sec. 2.1.4, Table 3):
 * real relative permittivity {@code eps' = a f^b} and conductivity {@code sigma = c f^d} S/m, f in
 * GHz, valid over a stated frequency range; the complex relative permittivity is {@code eta = eps'
 * - j 17.98 sigma / f} (Eq. 9b with eps0 folded in). {@code pec}, a perfect electric conductor,
 * reflects with coefficient -1 at every angle and polarisation.
 *
 * @param name the registry name
 * @param a eps' at 1 GHz
 * @param b eps' frequency exponent
 * @param c sigma at 1 GHz, S/m
 * @param d sigma frequency exponent
 * @param minGhz lowest frequency of Table 3's validity range
 * @param maxGhz highest frequency of the range
 * @param perfectConductor whether the material is {@code pec}
 */
public record Material(
    String name,
    double a,
    double b,
    double c,
    double d,
    double minGhz,
    double maxGhz,
    boolean perfectConductor) {

  /** The materials, by name: ITU-R P.2040-3 Table 3 (the 1-100 GHz rows) and {@code pec}. */
  public static final Registry<Material> REGISTRY =
      Registry.<Material>of("material")
          .add(
              "concrete",
              "ITU-R P.2040 concrete, 1-100 GHz",
              itu("concrete", 5.24, 0, 0.0462, 0.7822, 1, 100))
          .add("brick", "ITU-R P.2040 brick, 1-40 GHz", itu("brick", 3.91, 0, 0.0238, 0.16, 1, 40))
          .add(
              "plasterboard",
              "ITU-R P.2040 plasterboard, 1-100 GHz",
              itu("plasterboard", 2.73, 0, 0.0085, 0.9395, 1, 100))
          .add(
              "wood",
              "ITU-R P.2040 wood, 0.001-100 GHz",
              itu("wood", 1.99, 0, 0.0047, 1.0718, 0.001, 100))
          .add(
              "glass",
              "ITU-R P.2040 glass, 0.1-100 GHz",
              itu("glass", 6.31, 0, 0.0036, 1.3394, 0.1, 100))
          .add(
              "ceiling-board",
              "ITU-R P.2040 ceiling board, 1-100 GHz",
              itu("ceiling-board", 1.48, 0, 0.0011, 1.075, 1, 100))
          .add(
              "chipboard",
              "ITU-R P.2040 chipboard, 1-100 GHz",
              itu("chipboard", 2.58, 0, 0.0217, 0.78, 1, 100))
          .add("metal", "ITU-R P.2040 metal, 1-100 GHz", itu("metal", 1, 0, 1e7, 0, 1, 100))
          .add(
              "very-dry-ground",
              "ITU-R P.2040 very dry ground, 1-10 GHz",
              itu("very-dry-ground", 3, 0, 0.00015, 2.52, 1, 10))
          .add(
              "medium-dry-ground",
              "ITU-R P.2040 medium dry ground, 1-10 GHz",
              itu("medium-dry-ground", 15, -0.1, 0.035, 1.63, 1, 10))
          .add(
              "wet-ground",
              "ITU-R P.2040 wet ground, 1-10 GHz",
              itu("wet-ground", 30, -0.4, 0.15, 1.3, 1, 10))
          .add(
              "pec",
              "perfect electric conductor: reflection coefficient -1",
              new Material("pec", 1, 0, 0, 0, 0, Double.POSITIVE_INFINITY, true))
          .underscoresAsHyphens()
          .build();

  private static Material itu(
      String name, double a, double b, double c, double d, double minGhz, double maxGhz) {
    return new Material(name, a, b, c, d, minGhz, maxGhz, false);
  }

  /**
   * The complex relative permittivity at a frequency.
   *
   * @param ghz the frequency, GHz
   * @return eta = eps' - j 17.98 sigma / f
   */
  public Complex permittivity(double ghz) {
    double real = a * Math.pow(ghz, b);
    double sigma = c * Math.pow(ghz, d);
    return new Complex(real, -17.98 * sigma / ghz);
  }

  /**
   * Whether Table 3 covers a frequency.
   *
   * @param ghz the frequency, GHz
   * @return whether it lies in [minGhz, maxGhz]
   */
  public boolean covers(double ghz) {
    return ghz >= minGhz && ghz <= maxGhz;
  }

  /**
   * Looks a material up.
   *
   * @param name a registry name, any letter case, underscores allowed
   * @return the material
   */
  public static Material named(String name) {
    return REGISTRY.factory(name);
  }
}
