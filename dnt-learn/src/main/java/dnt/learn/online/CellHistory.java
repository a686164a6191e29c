package dnt.learn.online;

import java.util.BitSet;
import java.util.Objects;

/**
 * One cell's internet activity as a live twin holds it, for training or forecasting: one value per
 * 10-minute slot from {@code firstSlot}, with the slots no sample may learn from (never observed,
 * or flagged by the integrity check and masked by their prediction).
 *
 * @param id the client's name ("5161", the cell number)
 * @param x east coordinate of the cell in metres (for clustering)
 * @param y north coordinate in metres
 * @param firstSlot the slot number (epoch ms / 600,000) of {@code values[0]}; a day boundary (a
 *     multiple of the slots a day) so that slot i of the series has time of day {@code i mod S}
 * @param values activity per slot, in the twin's units
 * @param excluded indices into {@code values} that training must not use (copied)
 */
public record CellHistory(
    String id, double x, double y, long firstSlot, double[] values, BitSet excluded) {
  /** Checks and copies the fields. */
  public CellHistory {
    Objects.requireNonNull(id, "id");
    values = values.clone();
    excluded = (BitSet) excluded.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public BitSet excluded() {
    return (BitSet) excluded.clone();
  }

  /**
   * The number of slots.
   *
   * @return the length of the series
   */
  public int length() {
    return values.length;
  }

  /**
   * The day of week of the first slot, 0 = Monday, counting days of {@code slotsPerDay} slots from
   * the epoch (1970-01-01 was a Thursday).
   *
   * @param slotsPerDay slots a day
   * @return 0..6
   */
  public int firstDayOfWeek(int slotsPerDay) {
    return (int) Math.floorMod(3 + Math.floorDiv(firstSlot, slotsPerDay), 7L);
  }

  /** The raw values (not copied), for this package's readers. */
  double[] raw() {
    return values;
  }

  /** The excluded slots (not copied), for this package's readers. */
  BitSet rawExcluded() {
    return excluded;
  }
}
