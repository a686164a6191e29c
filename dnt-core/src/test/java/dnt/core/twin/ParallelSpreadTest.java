package dnt.core.twin;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handover's propagation computes the link gains of a station's window on every core when the
 * window is large ({@link TwinPropagation#parallelSpreadUsers}); the twin must come out the same,
 * bit for bit, as when one thread does it, and equal a full recomputation. Two copies of one twin
 * (8,000 users, so every station's window holds thousands) take the same handovers, moves and power
 * changes, one with the parallel step forced on and one with it off.
 */
final class ParallelSpreadTest {
  private static final int STATIONS = 30;
  private static final int USERS = 8000;

  /**
   * As in {@link IncrementalConsistencyTest}: running sums drift by one rounding of 2^-53 per
   * update relative to the largest value they held, with a recomputation after any drop by half; 60
   * events over 30 stations stay far below 1e-9 relative (the figure docs/twin.md states).
   */
  private static final double DRIFT = 1e-9;

  private int defaultThreshold;

  @BeforeEach
  void remember() {
    defaultThreshold = TwinPropagation.parallelSpreadUsers;
  }

  @AfterEach
  void restore() {
    TwinPropagation.parallelSpreadUsers = defaultThreshold;
  }

  /**
   * Stations of large capacity, so that a handover changes the activity factor of both stations
   * (with saturated stations it would change nothing beyond the two stations' users).
   */
  private static NetworkTwin twin() {
    RandomGenerator rng = Seeds.generator(11);
    NetworkTwinBuilder b = NetworkTwin.builder(TwinFixtures.umi(InterferenceFloor.defaults(), 11));
    for (int s = 0; s < STATIONS; s++) {
      b.station(
          TwinFixtures.station(
              100 + s, rng.nextDouble(2000), rng.nextDouble(2000), 20 + rng.nextDouble(20), 1e5));
    }
    for (int u = 0; u < USERS; u++) {
      b.user(u, rng.nextDouble(2000), rng.nextDouble(2000), 1.5, rng.nextDouble(3));
    }
    return b.build();
  }

  private static List<TwinEvent> events() {
    RandomGenerator rng = Seeds.generator(5);
    List<TwinEvent> out = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      UserId u = UserId.of(rng.nextInt(USERS));
      BaseStationId s = BaseStationId.of(100 + rng.nextInt(STATIONS));
      out.add(
          switch (i % 4) {
            case 0, 1 -> new TwinEvent.Handover(u, s);
            case 2 ->
                new TwinEvent.UserMoved(
                    u, new Position(rng.nextDouble(2000), rng.nextDouble(2000)), 100L * i);
            default -> new TwinEvent.PowerChanged(s, 15 + rng.nextDouble(25));
          });
    }
    return out;
  }

  @Test
  void handoversSpreadOnEveryCoreGiveTheSameTwinBitForBitAsOnOneThread() {
    NetworkTwin parallel = twin();
    NetworkTwin serial = twin();
    long handoversWithChanges = 0;
    for (TwinEvent e : events()) {
      TwinPropagation.parallelSpreadUsers = 1;
      TwinDelta a = parallel.apply(e);
      TwinPropagation.parallelSpreadUsers = Integer.MAX_VALUE;
      TwinDelta b = serial.apply(e);
      assertThat(a.userChanges()).as("%s", e).isEqualTo(b.userChanges());
      assertThat(a.stationChanges()).as("%s", e).isEqualTo(b.stationChanges());
      if (e instanceof TwinEvent.Handover && a.userChangeCount() > 1000) {
        handoversWithChanges++;
      }
    }
    // the handovers reached thousands of users each: the parallel step had work to split
    assertThat(handoversWithChanges).isGreaterThan(10);
    assertThat(parallel.maxRelativeDifference(serial)).isZero();
  }

  @Test
  void anIncrementalHandoverEqualsAFullRecomputation() {
    TwinPropagation.parallelSpreadUsers = 1;
    NetworkTwin twin = twin();
    RandomGenerator rng = Seeds.generator(9);
    for (int i = 0; i < 20; i++) {
      UserId u = UserId.of(rng.nextInt(USERS));
      BaseStationId s = BaseStationId.of(100 + rng.nextInt(STATIONS));
      twin.apply(new TwinEvent.Handover(u, s));
      assertThat(twin.user(u).serving()).isEqualTo(s);
      assertThat(twin.maxRelativeDifference(twin.recomputed())).isLessThanOrEqualTo(DRIFT);
    }
    FullRecomputation.assertMatches(twin, DRIFT);
  }
}
