package dnt.core.raytrace;

/**
 * A complex number, for reflection coefficients and path amplitudes.
 *
 * @param re the real part
 * @param im the imaginary part
 */
public record Complex(double re, double im) {
  /** One. */
  public static final Complex ONE = new Complex(1, 0);

  /**
   * The number of modulus 1 and the given argument.
   *
   * @param phase the argument, radians
   * @return exp(i phase)
   */
  public static Complex unit(double phase) {
    return new Complex(Math.cos(phase), Math.sin(phase));
  }

  /**
   * The product.
   *
   * @param o the other factor
   * @return this times o
   */
  public Complex times(Complex o) {
    return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
  }

  /**
   * The product with a real number.
   *
   * @param s the factor
   * @return this times s
   */
  public Complex times(double s) {
    return new Complex(re * s, im * s);
  }

  /**
   * The sum.
   *
   * @param o the other term
   * @return this plus o
   */
  public Complex plus(Complex o) {
    return new Complex(re + o.re, im + o.im);
  }

  /**
   * The difference.
   *
   * @param o the subtrahend
   * @return this minus o
   */
  public Complex minus(Complex o) {
    return new Complex(re - o.re, im - o.im);
  }

  /**
   * The quotient.
   *
   * @param o the divisor, not zero
   * @return this divided by o
   */
  public Complex div(Complex o) {
    double d = o.re * o.re + o.im * o.im;
    return new Complex((re * o.re + im * o.im) / d, (im * o.re - re * o.im) / d);
  }

  /**
   * The principal square root (non-negative real part).
   *
   * @return sqrt(this)
   */
  public Complex sqrt() {
    double m = abs();
    double r = Math.sqrt((m + re) / 2);
    double i = Math.copySign(Math.sqrt(Math.max(0, (m - re) / 2)), im);
    return new Complex(r, i);
  }

  /**
   * The modulus.
   *
   * @return |this|
   */
  public double abs() {
    return Math.hypot(re, im);
  }

  /**
   * The argument.
   *
   * @return arg(this) in (-pi, pi]
   */
  public double arg() {
    return Math.atan2(im, re);
  }
}
