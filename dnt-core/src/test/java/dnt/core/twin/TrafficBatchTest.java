package dnt.core.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link TwinEvent.TrafficBatch}, a cell's users' demands set with one propagation, against the
 * sequence of single {@link TwinEvent.TrafficObserved} events it replaces and against a
 * from-scratch recomputation.
 */
final class TrafficBatchTest {
  /**
   * Both twins keep their interference sums within 1e-9 relative of a full recomputation (the bound
   * {@link IncrementalConsistencyTest} derives: one rounding of 2^-53 per running-sum update,
   * relative to the largest value since the last recomputation, over at most a few hundred
   * updates), so they agree with each other to twice that. Loads, activity factors, user counts,
   * shares, demands and associations are compared bit for bit: the batch makes the same additions
   * to each load in the same order as the sequence.
   */
  private static final double DRIFT = 1e-9;

  @Property(tries = 30)
  void aBatchEqualsTheSequenceOfSingleObservationsAndAFullRecomputation(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int batches) {
    RandomGenerator rng = Seeds.generator(seed);
    InterferenceFloor floor =
        rng.nextBoolean() ? InterferenceFloor.defaults() : InterferenceFloor.NONE;
    NetworkTwin sequence = TwinFixtures.random(TwinFixtures.umi(floor, seed), 15, 300, rng);
    NetworkTwin batched = sequence.fork();
    for (int b = 0; b < batches; b++) {
      List<TwinEvent.TrafficObserved> cell = cellOfUsers(sequence, rng);
      for (TwinEvent.TrafficObserved o : cell) {
        sequence.apply(o);
      }
      TwinDelta delta = batched.apply(new TwinEvent.TrafficBatch(cell));
      assertThat(delta.event()).isEqualTo(new TwinEvent.TrafficBatch(cell));
    }
    for (BaseStationId s : sequence.stationIds()) {
      assertThat(batched.station(s)).isEqualTo(sequence.station(s));
    }
    for (UserId u : sequence.userIds()) {
      UserState a = sequence.user(u);
      UserState b = batched.user(u);
      assertThat(b.serving()).isEqualTo(a.serving());
      assertThat(b.share()).isEqualTo(a.share());
      assertThat(b.demandMbps()).isEqualTo(a.demandMbps());
    }
    assertThat(batched.maxRelativeDifference(sequence)).isLessThanOrEqualTo(2 * DRIFT);
    assertThat(batched.maxRelativeDifference(batched.recomputed())).isLessThanOrEqualTo(DRIFT);
    FullRecomputation.assertMatches(batched, DRIFT);
  }

  /**
   * Worked by hand on the free-space fixture: two stations 500 m apart with capacity 10 Mbit/s, two
   * users served by the first. Their demands of 1 and 3 Mbit/s give the first station a load of 4
   * and an activity factor of 0.4; the second station's user then sees interference 0.4 times the
   * first station's received power, exactly what a recomputation gives.
   */
  @Test
  void setsEveryDemandAndPropagatesTheLoadOnce() {
    NetworkTwin twin =
        NetworkTwin.builder(TwinFixtures.freeSpace())
            .station(TwinFixtures.station(1, 500, 1000, 30, 10))
            .station(TwinFixtures.station(2, 1000, 1000, 30, 10))
            .user(10, 450, 1000, 10, 0)
            .user(11, 550, 1000, 10, 0)
            .user(20, 1100, 1000, 10, 0)
            .build();
    TwinDelta delta =
        twin.apply(
            new TwinEvent.TrafficBatch(
                List.of(
                    new TwinEvent.TrafficObserved(UserId.of(10), 1),
                    new TwinEvent.TrafficObserved(UserId.of(11), 3))));
    StationState first = twin.station(BaseStationId.of(1));
    assertThat(first.loadMbps()).isEqualTo(4.0);
    assertThat(first.activityFactor()).isEqualTo(0.4);
    assertThat(twin.userSpec(UserId.of(10)).demandMbps()).isEqualTo(1.0);
    assertThat(twin.userSpec(UserId.of(11)).demandMbps()).isEqualTo(3.0);
    NetworkTwin scratch = twin.recomputed();
    // the interference of user 20 is one product 0.4 x P g, the same operations in both twins
    assertThat(twin.user(UserId.of(20)).interferenceMw())
        .isEqualTo(scratch.user(UserId.of(20)).interferenceMw())
        .isPositive();
    assertThat(delta.stationChanges()).hasSize(1);
    assertThat(delta.userChanges())
        .extracting(c -> c.after().id())
        .containsExactlyInAnyOrder(UserId.of(10), UserId.of(11), UserId.of(20));
  }

  @Test
  void aUserListedTwiceEndsWithItsLastDemand() {
    NetworkTwin twin =
        NetworkTwin.builder(TwinFixtures.freeSpace())
            .station(TwinFixtures.station(1, 500, 1000, 30, 10))
            .user(10, 450, 1000, 10, 0)
            .build();
    twin.apply(
        new TwinEvent.TrafficBatch(
            List.of(
                new TwinEvent.TrafficObserved(UserId.of(10), 5),
                new TwinEvent.TrafficObserved(UserId.of(10), 2))));
    assertThat(twin.userSpec(UserId.of(10)).demandMbps()).isEqualTo(2.0);
    assertThat(twin.station(BaseStationId.of(1)).loadMbps()).isEqualTo(2.0);
  }

  @Test
  void aBatchWithOneBadObservationChangesNothing() {
    NetworkTwin twin =
        NetworkTwin.builder(TwinFixtures.freeSpace())
            .station(TwinFixtures.station(1, 500, 1000, 30, 10))
            .user(10, 450, 1000, 10, 0.5)
            .build();
    UserState before = twin.user(UserId.of(10));
    StationState station = twin.station(BaseStationId.of(1));
    assertThatThrownBy(
            () ->
                twin.apply(
                    new TwinEvent.TrafficBatch(
                        List.of(
                            new TwinEvent.TrafficObserved(UserId.of(10), 3),
                            new TwinEvent.TrafficObserved(UserId.of(99), 1)))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("user 99");
    assertThatThrownBy(
            () ->
                twin.apply(
                    new TwinEvent.TrafficBatch(
                        List.of(
                            new TwinEvent.TrafficObserved(UserId.of(10), 3),
                            new TwinEvent.TrafficObserved(UserId.of(10), Double.NaN)))))
        .isInstanceOf(InvalidInputException.class);
    assertThat(twin.user(UserId.of(10))).isEqualTo(before);
    assertThat(twin.station(BaseStationId.of(1))).isEqualTo(station);
    assertThatThrownBy(() -> new TwinEvent.TrafficBatch(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The users of one random station (a cell's users share a few stations), random demands. */
  private static List<TwinEvent.TrafficObserved> cellOfUsers(
      NetworkTwin twin, RandomGenerator rng) {
    List<BaseStationId> stations = twin.stationIds();
    List<UserId> users = new ArrayList<>();
    while (users.isEmpty()) {
      users.addAll(twin.usersOf(stations.get(rng.nextInt(stations.size()))));
    }
    users.add(twin.userIds().get(rng.nextInt(twin.userCount())));
    double each = rng.nextDouble(4) / users.size();
    List<TwinEvent.TrafficObserved> out = new ArrayList<>();
    for (UserId u : users) {
      out.add(new TwinEvent.TrafficObserved(u, rng.nextBoolean() ? each : rng.nextDouble(4)));
    }
    return out;
  }
}
