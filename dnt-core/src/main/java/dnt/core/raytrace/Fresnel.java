package dnt.core.raytrace;

/**
 * Fresnel reflection coefficients of a plane wave on a half-space of complex relative permittivity
 * eta (ITU-R P.2040-3, Eqs. 31a and 31b), with theta the angle of incidence from the surface
 * normal:
 *
 * <pre>{@code
 * TE (E perpendicular to the plane of incidence):  (cos t - sqrt(eta - sin^2 t)) / (cos t + sqrt(eta - sin^2 t))
 * TM (E in the plane of incidence):                (eta cos t - sqrt(eta - sin^2 t)) / (eta cos t + sqrt(eta - sin^2 t))
 * }</pre>
 *
 * <p>The tracer's antennas are vertically polarised: a vertical wall meets a near-horizontal ray
 * with the E field perpendicular to the plane of incidence (TE), the ground meets it with the field
 * in the plane of incidence (TM). That assignment is exact for horizontal rays at walls and for
 * rays in a vertical plane at the ground, and a scalar approximation otherwise (no depolarisation
 * is tracked), as in most urban tracers of this class.
 */
public final class Fresnel {
  private Fresnel() {}

  /**
   * The TE (perpendicular) coefficient.
   *
   * @param material the reflecting material
   * @param ghz the frequency, GHz
   * @param cosTheta cosine of the angle of incidence from the normal, in [0, 1]
   * @return the complex coefficient; -1 for {@code pec}
   */
  public static Complex te(Material material, double ghz, double cosTheta) {
    if (material.perfectConductor()) {
      return new Complex(-1, 0);
    }
    Complex eta = material.permittivity(ghz);
    Complex root = root(eta, cosTheta);
    Complex cos = new Complex(cosTheta, 0);
    return cos.minus(root).div(cos.plus(root));
  }

  /**
   * The TM (parallel) coefficient.
   *
   * @param material the reflecting material
   * @param ghz the frequency, GHz
   * @param cosTheta cosine of the angle of incidence from the normal, in [0, 1]
   * @return the complex coefficient; -1 for {@code pec}
   */
  public static Complex tm(Material material, double ghz, double cosTheta) {
    if (material.perfectConductor()) {
      return new Complex(-1, 0);
    }
    Complex eta = material.permittivity(ghz);
    Complex root = root(eta, cosTheta);
    Complex etaCos = eta.times(cosTheta);
    return etaCos.minus(root).div(etaCos.plus(root));
  }

  private static Complex root(Complex eta, double cosTheta) {
    double sin2 = 1 - cosTheta * cosTheta;
    return new Complex(eta.re() - sin2, eta.im()).sqrt();
  }
}
