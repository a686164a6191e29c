package dnt.data.synth;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param cells number of cells, 1..10000; fewer than all are the cells nearest the grid centre
 * @param days number of daily files, at least 1
 * @param seed the random seed; the same seed gives byte-identical files
 * @param firstDay the first day (the real data starts on 2013-11-01)
 */
public record SynthConfig(int cells, int days, long seed, LocalDate firstDay) {
  /** The first day of the real dataset. */
  public static final LocalDate MILAN_FIRST_DAY = LocalDate.of(2013, 11, 1);

  /** Validates the sizes. */
  public SynthConfig {
    if (cells < 1 || cells > CellId.MAX) {
      throw new InvalidInputException("--cells must be 1.." + CellId.MAX + ", got " + cells);
    }
    if (days < 1 || days > 3_660) {
      throw new InvalidInputException("--days must be 1..3660, got " + days);
    }
    Objects.requireNonNull(firstDay, "firstDay");
  }

  /**
   * A configuration starting on the real data's first day.
   *
   * @param cells number of cells
   * @param days number of days
   * @param seed the seed
   * @return the configuration
   */
  public static SynthConfig of(int cells, int days, long seed) {
    return new SynthConfig(cells, days, seed, MILAN_FIRST_DAY);
  }
}
