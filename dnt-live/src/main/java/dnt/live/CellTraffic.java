package dnt.live;

import dnt.core.CellId;
import dnt.data.Service;
import dnt.data.store.Resolution;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One cell's traffic as a live twin answers it: for every step (10-minute slot or hour) from {@code
 * startMillis}, the five services in double precision, each the sum over country codes (and, by
 * hour, over the hour's six slots) of the rows the twin holds.
 *
 * <p>Unlike {@link dnt.data.TrafficDataset}, which holds floats for learning, the values are the
 * doubles the twin summed, never rounded: a slot's total adds its rows in the string order of the
 * country codes' decimal spellings ({@code 0, 33, 355, 39, 7}), an hour adds its six slot totals in
 * time order, both starting from 0. The original Milan files list a slot's rows in that order, and
 * {@code dnt data ingest} adds them in file order, {@code dnt data export} (DuckDB's {@code sum})
 * the slots in time order; so the same rows give the same doubles. (Floating-point addition is not
 * associative: a file listing three or more codes of a slot in another order may differ in the last
 * bit.)
 *
 * <p>The array is copied on the way in and out; an instance is immutable.
 *
 * @param cell the cell
 * @param startMillis start of the first step, epoch ms UTC, a multiple of the step
 * @param resolution the step: 10-minute slots or hours
 * @param values {@code values[step][service]}, services in {@link Service} order; finite and
 *     non-negative
 */
public record CellTraffic(CellId cell, long startMillis, Resolution resolution, double[][] values) {
  private static final int SERVICES = Service.values().length;

  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException if the start is negative or not a multiple of the step, a step
   *     does not hold the five services, or a value is negative or not finite
   */
  public CellTraffic {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(resolution, "resolution");
    long step = resolution.step().toMillis();
    if (startMillis < 0 || startMillis % step != 0) {
      throw new IllegalArgumentException(
          "start " + startMillis + " is not a non-negative multiple of the " + resolution.label());
    }
    double[][] copy = new double[values.length][];
    for (int t = 0; t < values.length; t++) {
      if (values[t].length != SERVICES) {
        throw new IllegalArgumentException(
            "step " + t + " holds " + values[t].length + " values, not " + SERVICES);
      }
      for (double v : values[t]) {
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException(
              "step " + t + " holds " + v + ", not a finite non-negative number");
        }
      }
      copy[t] = values[t].clone();
    }
    values = copy;
  }

  /**
   * The values.
   *
   * @return a copy, {@code [step][service]}
   */
  @Override
  public double[][] values() {
    double[][] copy = new double[values.length][];
    for (int t = 0; t < values.length; t++) {
      copy[t] = values[t].clone();
    }
    return copy;
  }

  /**
   * Number of steps.
   *
   * @return the length of the series
   */
  public int length() {
    return values.length;
  }

  /**
   * Start of a step.
   *
   * @param step the step, {@code 0 <= step < length()}
   * @return epoch ms UTC
   */
  public long timeOf(int step) {
    Objects.checkIndex(step, values.length);
    return startMillis + step * resolution.step().toMillis();
  }

  /**
   * One value.
   *
   * @param step the step
   * @param service the service
   * @return the activity, summed over country codes
   */
  public double value(int step, Service service) {
    return values[step][service.ordinal()];
  }

  /**
   * Equal when cell, start, resolution and every value (bit for bit, as {@link Arrays#deepEquals}
   * compares) agree.
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CellTraffic c
        && cell.equals(c.cell)
        && startMillis == c.startMillis
        && resolution == c.resolution
        && Arrays.deepEquals(values, c.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cell, startMillis, resolution, Arrays.deepHashCode(values));
  }

  @Override
  public String toString() {
    return "CellTraffic[cell="
        + cell
        + ", start="
        + startMillis
        + ", resolution="
        + resolution.label()
        + ", steps="
        + values.length
        + "]";
  }
}
