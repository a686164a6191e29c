package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.data.Service;
import dnt.data.raw.RawRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Seeded telemetry batches and their expected per-cell series, computed without the twin. */
public final class TestRows {
  /** 2013-11-04T00:00Z, a Monday of the Milan data. */
  public static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();

  /** A slot in milliseconds. */
  public static final long SLOT = 600_000L;

  private TestRows() {}

  /**
   * Random rows over 18 slots of {@link #DAY}, a few country codes, the given cells.
   *
   * @param seed the seed
   * @param n rows
   * @param cells the cells to draw from
   * @return the rows
   */
  public static List<RawRow> random(long seed, int n, int[] cells) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int[] codes = {0, 39, 33, 49};
    List<RawRow> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(
          new RawRow(
              cells[rng.nextInt(cells.length)],
              DAY + rng.nextInt(18) * SLOT,
              codes[rng.nextInt(codes.length)],
              rng.nextDouble() * 10,
              rng.nextDouble() * 10,
              rng.nextDouble(),
              rng.nextDouble(),
              rng.nextDouble() * 100));
    }
    return rows;
  }

  /**
   * A cell's expected per-slot totals over {@code slots} slots from {@link #DAY}: the last row of
   * each (cell, slot, country code) wins, then the rows are summed.
   *
   * @param batches the batches, in order
   * @param cell the cell
   * @param slots the slots
   * @return {@code [slot][service]}
   */
  public static double[][] expected(List<List<RawRow>> batches, int cell, int slots) {
    Map<List<Long>, RawRow> last = new HashMap<>();
    for (List<RawRow> batch : batches) {
      for (RawRow r : batch) {
        last.put(List.of((long) r.cell(), r.timeMillis(), (long) r.countryCode()), r);
      }
    }
    double[][] out = new double[slots][Service.values().length];
    for (RawRow r : last.values()) {
      int t = (int) ((r.timeMillis() - DAY) / SLOT);
      if (r.cell() == cell && t >= 0 && t < slots) {
        for (Service s : Service.values()) {
          out[t][s.ordinal()] += r.value(s);
        }
      }
    }
    return out;
  }

  /**
   * Asserts a series equals the expected totals.
   *
   * @param got the twin's series
   * @param want the expected totals
   * @param what names the series in a failure
   */
  public static void assertSeries(CellTraffic got, double[][] want, String what) {
    assertThat(got.length()).as(what).isEqualTo(want.length);
    for (int t = 0; t < want.length; t++) {
      for (Service s : Service.values()) {
        // doubles summed in another order: a slot holds at most 4 rows (one per country code),
        // so the sums differ by at most 4 * 2^-53 relative, under 1e-12
        assertThat(got.value(t, s))
            .as("%s slot %d %s", what, t, s)
            .isCloseTo(want[t][s.ordinal()], within(1e-12 * Math.max(1, want[t][s.ordinal()])));
      }
    }
  }
}
