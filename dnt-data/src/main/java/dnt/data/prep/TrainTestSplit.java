package dnt.data.prep;

import dnt.core.InvalidInputException;
import dnt.data.TrafficDataset;
import java.time.Duration;
import java.util.Objects;

/**
 * Chronological train/test split: the last {@code D} whole days are the test set, everything before
 * is training (ARCHITECTURE.md "Data conventions": the default evaluation holds out the last 7
 * days). No shuffling: forecasting must not see the future.
 */
public final class TrainTestSplit {
  /** The default number of test days. */
  public static final int DEFAULT_TEST_DAYS = 7;

  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  private TrainTestSplit() {}

  /**
   * A training part and the test part that follows it.
   *
   * @param train slots before the test days
   * @param test the last days
   */
  public record Split(TrafficDataset train, TrafficDataset test) {
    /** Checks both parts are present. */
    public Split {
      Objects.requireNonNull(train, "train");
      Objects.requireNonNull(test, "test");
    }
  }

  /**
   * Holds out the last {@code days} days.
   *
   * @param data the dataset; its slot length must divide a day
   * @param days number of test days, at least 1
   * @return the split; train ends where test starts
   * @throws InvalidInputException if the slot does not divide a day or no training slot would
   *     remain
   */
  public static Split lastDays(TrafficDataset data, int days) {
    if (days < 1) {
      throw new InvalidInputException("the test part needs at least 1 day, got " + days);
    }
    long slotMillis = data.slot().toMillis();
    if (slotMillis <= 0 || DAY_MILLIS % slotMillis != 0) {
      throw new InvalidInputException(
          "slot length " + data.slot() + " does not divide a day, so days cannot be split off");
    }
    long testSlots = days * (DAY_MILLIS / slotMillis);
    if (testSlots >= data.length()) {
      throw new InvalidInputException(
          "cannot hold out "
              + days
              + " days ("
              + testSlots
              + " slots) from a dataset of "
              + data.length()
              + " slots: no training data would remain");
    }
    int cut = (int) (data.length() - testSlots);
    return new Split(data.slice(0, cut), data.slice(cut, data.length()));
  }
}
