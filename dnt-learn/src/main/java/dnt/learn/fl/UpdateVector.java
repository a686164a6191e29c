package dnt.learn.fl;

import dnt.learn.simd.Kernels;
import java.util.Objects;

/**
 * One client's model change as the server receives it, in one of two exact representations:
 *
 * <ul>
 *   <li><b>a difference of float models</b> ({@link #difference}): the client's trained float32
 *       weights {@code w_i} and the round's base {@code w_t} it started from, shared by reference
 *       among the round's updates; coordinate j of the update is {@code (double) w_i[j] - (double)
 *       w_t[j]}, computed in double when it is read. That is the value the update held when it was
 *       formed in double and stored (the same expression, so the same double bit for bit), in half
 *       the memory: 4 bytes per parameter for the weights, the base counted once per round.
 *   <li><b>double values</b> ({@link #of}): an update that is not the difference of two float
 *       models (an attacker's crafted vector, a codec's decoding, a staleness-scaled update, a row
 *       read from a file), kept as given, 8 bytes per parameter.
 * </ul>
 *
 * <p>Either way every reader sees the same doubles: the rules' kernels read the arrays of both
 * kinds directly ({@link #weights()}, {@link #base()}, {@link #values()}) and subtract the base on
 * the fly. The arrays are shared, not copied: neither the sender nor the server changes them after
 * the update is formed.
 */
public final class UpdateVector {
  private static final float[] NO_FLOATS = new float[0];
  private static final double[] NO_DOUBLES = new double[0];

  private final float[] weights;
  private final float[] base;
  private final double[] values;
  private final boolean difference;

  private UpdateVector(float[] weights, float[] base, double[] values, boolean difference) {
    this.weights = weights;
    this.base = base;
    this.values = values;
    this.difference = difference;
  }

  /**
   * The update {@code weights - base}, read coordinate by coordinate in double.
   *
   * @param weights the client's float weights (kept, not copied)
   * @param base the weights it started from (kept, not copied; usually shared by the round)
   * @return the update
   * @throws IllegalArgumentException if the lengths differ
   */
  public static UpdateVector difference(float[] weights, float[] base) {
    Objects.requireNonNull(weights, "weights");
    Objects.requireNonNull(base, "base");
    if (weights.length != base.length) {
      throw new IllegalArgumentException(
          "weights have " + weights.length + " values but the base has " + base.length);
    }
    return new UpdateVector(weights, base, NO_DOUBLES, true);
  }

  /**
   * An update given as double values.
   *
   * @param values the values (kept, not copied)
   * @return the update
   */
  public static UpdateVector of(double[] values) {
    return new UpdateVector(NO_FLOATS, NO_FLOATS, Objects.requireNonNull(values, "values"), false);
  }

  /**
   * Whether this is a difference of float models.
   *
   * @return true for {@link #difference}, false for {@link #of}
   */
  public boolean isDifference() {
    return difference;
  }

  /**
   * The client's weights of a difference (the array itself, not a copy).
   *
   * @return the weights; empty for double values
   */
  public float[] weights() {
    return weights;
  }

  /**
   * The base of a difference (the array itself, not a copy).
   *
   * @return the base; empty for double values
   */
  public float[] base() {
    return base;
  }

  /**
   * The values of a double update (the array itself, not a copy).
   *
   * @return the values; empty for a difference
   */
  public double[] values() {
    return values;
  }

  /**
   * The dimension d.
   *
   * @return the number of coordinates
   */
  public int dimension() {
    return difference ? weights.length : values.length;
  }

  /**
   * Coordinate j.
   *
   * @param j the coordinate
   * @return {@code (double) w_i[j] - w_t[j]} or the stored value
   */
  public double get(int j) {
    return difference ? (double) weights[j] - base[j] : values[j];
  }

  /**
   * The update as a new double array.
   *
   * @return a copy of every coordinate
   */
  public double[] toDouble() {
    if (!difference) {
      return values.clone();
    }
    double[] out = new double[weights.length];
    read(0, out.length, out, 0);
    return out;
  }

  /**
   * Copies coordinates {@code [from, to)} into {@code dst} from {@code offset} on.
   *
   * @param from the first coordinate
   * @param to one past the last
   * @param dst the destination
   * @param offset where coordinate {@code from} goes
   */
  public void read(int from, int to, double[] dst, int offset) {
    if (difference) {
      // dst[offset + j - from] = (double) w[j] - b[j], through the Vector API where the JVM has it
      Kernels.get().differences(weights, from, base, from, dst, offset, to - from);
    } else {
      System.arraycopy(values, from, dst, offset, to - from);
    }
  }

  /**
   * Adds {@code s * x_j} to {@code acc[j]} for j in {@code [from, to)}, one rounded addition per
   * coordinate (the product of s and the coordinate, then the sum).
   *
   * @param s the factor
   * @param acc the accumulator
   * @param from the first coordinate
   * @param to one past the last
   */
  public void addScaled(double s, double[] acc, int from, int to) {
    if (difference) {
      // acc[j] += s * ((double) w[j] - b[j]), through the Vector API where the JVM has it
      Kernels.get().addDifferences(base, new float[][] {weights}, new double[] {s}, acc, from, to);
    } else {
      double[] x = values;
      for (int j = from; j < to; j++) {
        acc[j] += s * x[j];
      }
    }
  }

  /**
   * Whether every coordinate is finite. For a difference, both floats finite is the same thing (the
   * difference of two finite floats is a finite double, and an infinite or NaN float makes the
   * difference infinite or NaN).
   *
   * @return true if no coordinate is infinite or NaN
   */
  public boolean isFinite() {
    if (difference) {
      for (int j = 0; j < weights.length; j++) {
        if (!Float.isFinite(weights[j]) || !Float.isFinite(base[j])) {
          return false;
        }
      }
      return true;
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code rows[i, i+count)} are all differences over one base array (the case the kernels
   * unroll: the base read once for several rows).
   *
   * @param rows the updates
   * @param i the first
   * @param count how many
   * @return true if they are differences sharing one base
   */
  public static boolean sameBase(UpdateVector[] rows, int i, int count) {
    if (!rows[i].difference) {
      return false;
    }
    float[] b = rows[i].base;
    for (int k = i + 1; k < i + count; k++) {
      if (!rows[k].difference || rows[k].base != b) {
        return false;
      }
    }
    return true;
  }
}
