package dnt.live;

import dnt.core.CellId;
import dnt.data.Service;
import java.util.Objects;

/**
 * A cell's newest slot as the twin shows it: the latest 10-minute slot it holds a row for, and that
 * slot's five services summed over country codes (the prediction where the integrity check masks
 * the slot), as {@link LiveTwin#traffic} answers for that slot.
 *
 * <p>The array is copied on the way in and out; an instance is immutable.
 *
 * @param cell the cell
 * @param slotMillis start of the slot, epoch ms UTC
 * @param services the five services in {@link Service} order
 */
public record CellLatest(CellId cell, long slotMillis, double[] services) {
  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException unless there are five services
   */
  public CellLatest {
    Objects.requireNonNull(cell, "cell");
    if (services.length != Service.values().length) {
      throw new IllegalArgumentException(
          "a slot holds " + Service.values().length + " services, not " + services.length);
    }
    services = services.clone();
  }

  @Override
  public double[] services() {
    return services.clone();
  }

  /**
   * The activity of all five services together.
   *
   * @return the sum of the services
   */
  public double total() {
    double t = 0;
    for (double v : services) {
      t += v;
    }
    return t;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CellLatest c
        && c.cell.equals(cell)
        && c.slotMillis == slotMillis
        && java.util.Arrays.equals(c.services, services);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cell, slotMillis, java.util.Arrays.hashCode(services));
  }

  @Override
  public String toString() {
    return "CellLatest[cell="
        + cell
        + ", slotMillis="
        + slotMillis
        + ", services="
        + java.util.Arrays.toString(services)
        + "]";
  }
}
