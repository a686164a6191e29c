package dnt.learn.fl;

/**
 * How much an update computed from a model {@code tau} versions old still counts, as a factor in
 * (0, 1] (Xie, Koyejo and Gupta, "Asynchronous Federated Optimization", 2019, Sec. 5.2).
 */
public sealed interface StalenessFunction {
  /**
   * The factor for a staleness.
   *
   * @param staleness versions between the client's base model and the server's model, at least 0
   * @return the weight, 1 for a fresh update
   */
  double weight(long staleness);

  /** Every update counts fully: s(tau) = 1. */
  record Constant() implements StalenessFunction {
    @Override
    public double weight(long staleness) {
      return 1;
    }
  }

  /**
   * Polynomial decay s(tau) = (tau + 1)^(-a).
   *
   * @param a the decay exponent, at least 0
   */
  record Polynomial(double a) implements StalenessFunction {
    /** Checks the exponent. */
    public Polynomial {
      if (!(a >= 0) || Double.isInfinite(a)) {
        throw new IllegalArgumentException("polynomial staleness exponent must be >= 0, got " + a);
      }
    }

    @Override
    public double weight(long staleness) {
      return Math.pow(staleness + 1.0, -a);
    }
  }

  /**
   * Hinge: s(tau) = 1 for tau <= b, otherwise 1 / (a (tau - b) + 1).
   *
   * @param a the slope, at least 0
   * @param b the tolerated staleness, at least 0
   */
  record Hinge(double a, long b) implements StalenessFunction {
    /** Checks the parameters. */
    public Hinge {
      if (!(a >= 0) || Double.isInfinite(a) || b < 0) {
        throw new IllegalArgumentException("hinge staleness needs a >= 0 and b >= 0");
      }
    }

    @Override
    public double weight(long staleness) {
      return staleness <= b ? 1 : 1 / (a * (staleness - b) + 1);
    }
  }
}
