package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.UserId;
import dnt.core.twin.NetworkTwin;
import dnt.core.util.Seeds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The radio twin's held cells ({@link RadioCoupling#offer}, {@link RadioCoupling#flush}) against
 * one {@link RadioCoupling#observe} per cell update on the Milan radio twin: the same demands bit
 * for bit, and loads, interference and SINR within the running sums' rounding.
 */
final class RadioCouplingBatchTest {
  /**
   * Each twin keeps its running sums within 1e-9 relative of a full recomputation (the bound
   * NetworkTwin's javadoc and docs/twin.md state, derived in dnt-core's
   * IncrementalConsistencyTest), so two twins fed the same demands in different groupings agree to
   * twice that.
   */
  private static final double DRIFT = 1e-9;

  private static RadioCoupling milan;

  @BeforeAll
  static void build() {
    milan = RadioCoupling.milan(2000, 7, 0.01);
  }

  private static RadioCoupling copy() {
    return new RadioCoupling(milan.twin().fork(), milan.usersByCell(), milan.mbpsPerActivity());
  }

  /** The 40 cells with most users, where a batch saves most. */
  private static List<Integer> busyCells() {
    List<Map.Entry<Integer, List<UserId>>> cells = new ArrayList<>(milan.usersByCell().entrySet());
    cells.sort(
        Comparator.comparingInt((Map.Entry<Integer, List<UserId>> e) -> -e.getValue().size())
            .thenComparing(Map.Entry::getKey));
    return cells.subList(0, 40).stream().map(Map.Entry::getKey).toList();
  }

  @Test
  void aFlushedBurstEqualsOneObservationPerCellUpdate() {
    RadioCoupling single = copy();
    RadioCoupling held = copy();
    List<Integer> cells = busyCells();
    RandomGenerator rng = Seeds.generator(3);
    for (int burst = 0; burst < 5; burst++) {
      for (int k = 0; k < 60; k++) {
        int cell = cells.get(rng.nextInt(cells.size()));
        long slot = burst * 10L + rng.nextInt(10); // some older than the cell's newest: ignored
        double internet = rng.nextDouble(50_000);
        assertThat(held.offer(cell, slot, internet))
            .isEqualTo(single.observe(cell, slot, internet));
      }
      assertThat(held.pendingCells()).isPositive();
      held.flush();
      assertThat(held.pendingCells()).isZero();
    }
    NetworkTwin a = single.twin();
    NetworkTwin b = held.twin();
    for (UserId u : a.userIds()) {
      assertThat(b.userSpec(u).demandMbps()).isEqualTo(a.userSpec(u).demandMbps());
      assertThat(b.user(u).serving()).isEqualTo(a.user(u).serving());
    }
    assertThat(b.maxRelativeDifference(a)).isLessThanOrEqualTo(2 * DRIFT);
    assertThat(b.maxRelativeDifference(b.recomputed())).isLessThanOrEqualTo(DRIFT);
  }

  @Test
  void aNewerSlotOfAHeldCellReplacesItAndAnOlderOneIsIgnored() {
    RadioCoupling held = copy();
    int cell = busyCells().get(0);
    List<UserId> users = milan.usersByCell().get(cell);
    assertThat(held.offer(cell, 5, 1000)).isTrue();
    assertThat(held.offer(cell, 6, 3000)).isTrue();
    assertThat(held.offer(cell, 4, 9000)).isFalse();
    assertThat(held.pendingCells()).isEqualTo(1);
    held.flush();
    double each = 0.01 * 3000 / users.size();
    for (UserId u : users) {
      assertThat(held.twin().userSpec(u).demandMbps()).isEqualTo(each);
    }
  }

  /**
   * A cell twin tells its newest slot again each time it recovers (after a restart, a passivation):
   * the same slot with the same activity is ignored, another activity of that slot replaces.
   */
  @Test
  void theNewestSlotToldAgainWithTheSameActivityIsIgnored() {
    RadioCoupling held = copy();
    int cell = busyCells().get(2);
    List<UserId> users = milan.usersByCell().get(cell);
    assertThat(held.offer(cell, 5, 1000)).isTrue();
    held.flush();
    assertThat(held.offer(cell, 5, 1000)).as("told again").isFalse();
    assertThat(held.pendingCells()).isZero();
    assertThat(held.observe(cell, 5, 1000)).isFalse();
    assertThat(held.offer(cell, 5, 2000)).as("another activity of the slot").isTrue();
    assertThat(held.offer(cell, 5, 2000)).as("the same, held").isFalse();
    held.flush();
    double each = 0.01 * 2000 / users.size();
    for (UserId u : users) {
      assertThat(held.twin().userSpec(u).demandMbps()).isEqualTo(each);
    }
  }

  @Test
  void kpisAndForksApplyTheHeldCellsFirst() {
    RadioCoupling held = copy();
    int cell = busyCells().get(1);
    UserId user = milan.usersByCell().get(cell).get(0);
    held.offer(cell, 1, 40_000);
    NetworkTwin fork = held.fork();
    assertThat(held.pendingCells()).isZero();
    assertThat(fork.userSpec(user).demandMbps())
        .isEqualTo(0.01 * 40_000 / milan.usersByCell().get(cell).size());
    held.offer(cell, 2, 10);
    assertThat(held.kpis()).isEqualTo(held.twin().kpis());
    assertThat(held.pendingCells()).isZero();
    assertThat(held.twin().userSpec(user).demandMbps())
        .isEqualTo(0.01 * 10 / milan.usersByCell().get(cell).size());
  }
}
