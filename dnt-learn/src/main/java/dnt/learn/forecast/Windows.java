package dnt.learn.forecast;

import java.util.Objects;

/**
 * A set of training or test samples: n closeness windows {@code [n, k, f]}, n period windows {@code
 * [n, p, f]} and n targets, row-major in flat arrays (the layout the models read).
 *
 * @param count n
 * @param closenessLength k
 * @param periodLength p (0 when the spec has no period window)
 * @param features f, features per input step
 * @param closeness the closeness windows, n*k*f values
 * @param period the period windows, n*p*f values
 * @param target the targets, n values
 */
public record Windows(
    int count,
    int closenessLength,
    int periodLength,
    int features,
    float[] closeness,
    float[] period,
    float[] target) {
  /** Checks that the arrays match the dimensions. */
  public Windows {
    Objects.requireNonNull(closeness, "closeness");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(target, "target");
    if (count < 0 || closenessLength < 1 || periodLength < 0 || features < 1) {
      throw new IllegalArgumentException("invalid window dimensions");
    }
    if (closeness.length != (long) count * closenessLength * features
        || period.length != (long) count * periodLength * features
        || target.length != count) {
      throw new IllegalArgumentException("window arrays do not match count " + count);
    }
  }

  /**
   * The samples {@code [from, to)}, copied.
   *
   * @param from the first sample
   * @param to one past the last sample
   * @return the subset
   */
  public Windows range(int from, int to) {
    Objects.checkFromToIndex(from, to, count);
    int c = closenessLength * features;
    int p = periodLength * features;
    return new Windows(
        to - from,
        closenessLength,
        periodLength,
        features,
        java.util.Arrays.copyOfRange(closeness, from * c, to * c),
        java.util.Arrays.copyOfRange(period, from * p, to * p),
        java.util.Arrays.copyOfRange(target, from, to));
  }

  /**
   * Concatenates sample sets of the same shape (a centralised training set).
   *
   * @param parts the parts
   * @return all samples, in order
   */
  public static Windows concat(java.util.List<Windows> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    Windows first = parts.get(0);
    int n = 0;
    for (Windows w : parts) {
      if (w.closenessLength != first.closenessLength
          || w.periodLength != first.periodLength
          || w.features != first.features) {
        throw new IllegalArgumentException("windows of different shapes");
      }
      n += w.count;
    }
    float[] c = new float[n * first.closenessLength * first.features];
    float[] p = new float[n * first.periodLength * first.features];
    float[] t = new float[n];
    int ci = 0;
    int pi = 0;
    int ti = 0;
    for (Windows w : parts) {
      System.arraycopy(w.closeness, 0, c, ci, w.closeness.length);
      System.arraycopy(w.period, 0, p, pi, w.period.length);
      System.arraycopy(w.target, 0, t, ti, w.target.length);
      ci += w.closeness.length;
      pi += w.period.length;
      ti += w.target.length;
    }
    return new Windows(n, first.closenessLength, first.periodLength, first.features, c, p, t);
  }
}
