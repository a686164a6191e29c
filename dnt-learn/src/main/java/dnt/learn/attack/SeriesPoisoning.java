package dnt.learn.attack;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Data poisoning of a traffic series before local training (the regression analogue of label
 * flipping; a standard reconstruction, see the project's security brief): scaling, shifting,
 * flipping around the range, replaying another cell's series, and spike injection. A poisoning is a
 * pure function of the series and a random generator; the input is never modified.
 */
@FunctionalInterface
public interface SeriesPoisoning {
  /**
   * Returns the poisoned copy of a series.
   *
   * @param series the clean series
   * @param rng randomness (spikes)
   * @return a new array of the same length
   */
  double[] apply(double[] series, RandomGenerator rng);

  /**
   * {@code y' = alpha * y}.
   *
   * @param alpha the factor (0, 0.5, 2, 10 are typical)
   * @return the poisoning
   */
  static SeriesPoisoning scale(double alpha) {
    return (y, rng) -> {
      double[] out = y.clone();
      for (int t = 0; t < out.length; t++) {
        out[t] *= alpha;
      }
      return out;
    };
  }

  /**
   * {@code y' = y + c * std(y)} (population standard deviation).
   *
   * @param c the shift in standard deviations
   * @return the poisoning
   */
  static SeriesPoisoning shift(double c) {
    return (y, rng) -> {
      double mean = 0;
      for (double v : y) {
        mean += v;
      }
      mean /= Math.max(1, y.length);
      double ss = 0;
      for (double v : y) {
        ss += (v - mean) * (v - mean);
      }
      double sd = Math.sqrt(ss / Math.max(1, y.length));
      double[] out = y.clone();
      for (int t = 0; t < out.length; t++) {
        out[t] += c * sd;
      }
      return out;
    };
  }

  /**
   * {@code y' = max(y) + min(y) - y}: peaks become troughs, the range is kept.
   *
   * @return the poisoning
   */
  static SeriesPoisoning flip() {
    return (y, rng) -> {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double v : y) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      double[] out = new double[y.length];
      for (int t = 0; t < out.length; t++) {
        out[t] = hi + lo - y[t];
      }
      return out;
    };
  }

  /**
   * Replays another cell's series (of at least the same length) in place of this one.
   *
   * @param other the other cell's series
   * @return the poisoning
   */
  static SeriesPoisoning replay(double[] other) {
    Objects.requireNonNull(other, "other");
    return (y, rng) -> {
      if (other.length < y.length) {
        throw new IllegalArgumentException(
            "the replayed series has " + other.length + " values, fewer than " + y.length);
      }
      return java.util.Arrays.copyOf(other, y.length);
    };
  }

  /**
   * Multiplies a random {@code fraction} of the points by {@code factor} (spike injection).
   *
   * @param fraction the share of points hit, in [0, 1] (5% is typical)
   * @param factor the multiplier (5 is typical)
   * @return the poisoning
   */
  static SeriesPoisoning spikes(double fraction, double factor) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("spike fraction must be in [0, 1], got " + fraction);
    }
    return (y, rng) -> {
      double[] out = y.clone();
      for (int t = 0; t < out.length; t++) {
        if (rng.nextDouble() < fraction) {
          out[t] *= factor;
        }
      }
      return out;
    };
  }
}
