package dnt.core.twin;

import static dnt.core.twin.TwinFixtures.station;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.radio.PropagationModel;
import dnt.core.radio.Units;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The paper's example worked by hand: two stations A and B (30 dBm, capacity 10 Mbit/s) 1 km apart
 * in free space at 2 GHz with every antenna 10 m high, and three users. u1 (2 Mbit/s) and u3 (2
 * Mbit/s) are served by A, u2 (4 Mbit/s) by B, so both loads are 4 and both activity factors 0.4.
 * When u3 hands over to B, A's activity drops to 0.2 and B's rises to 0.6: u1's interference (from
 * B) grows by 1.5x and its share doubles; u2's interference (from A) halves and its share halves.
 */
final class NetworkTwinTest {
  private static final BaseStationId A = BaseStationId.of(1);
  private static final BaseStationId B = BaseStationId.of(2);
  private static final UserId U1 = UserId.of(1);
  private static final UserId U2 = UserId.of(2);
  private static final UserId U3 = UserId.of(3);

  private static NetworkTwin paperExample() {
    return NetworkTwin.builder(TwinFixtures.freeSpace())
        .station(station(1, 500, 1000, 30, 10))
        .station(station(2, 1500, 1000, 30, 10))
        .user(new UserSpec(U1, new Position(700, 1000), 10, 2))
        .user(new UserSpec(U2, new Position(1300, 1000), 10, 4))
        .user(new UserSpec(U3, new Position(900, 1000), 10, 2))
        .build();
  }

  /**
   * One event applied to a freshly built twin: every derived value is a few roundings from the hand
   * computation (relative ~1e-15; a power through dBm and back adds ulp(60 dB) x ln(10) / 10 =
   * 2e-15), so 1e-12 relative leaves three orders of magnitude.
   */
  private static final double FEW_ROUNDINGS = 1e-12;

  /** {@link #FEW_ROUNDINGS} relative to {@code expected}. */
  private static org.assertj.core.data.Offset<Double> relative(double expected) {
    return within(FEW_ROUNDINGS * Math.abs(expected));
  }

  /** Free-space gain at 2 GHz over d metres: (c / (4 pi f d))^2. */
  private static double gain(double d) {
    double x = PropagationModel.SPEED_OF_LIGHT / (4 * Math.PI * 2e9 * d);
    return x * x;
  }

  @Test
  void buildServesEachUserByItsStrongestStationWithLoadCoupling() {
    NetworkTwin twin = paperExample();
    assertThat(twin.station(A).loadMbps()).isEqualTo(4);
    // activity = load / capacity = 4 / 10: one correctly rounded division, within 0.5 ulp (6e-17)
    assertThat(twin.station(A).activityFactor()).isCloseTo(0.4, within(1e-15));
    assertThat(twin.usersOf(A)).containsExactlyInAnyOrder(U1, U3);
    UserState u1 = twin.user(U1);
    double noise = Units.dbmToMw(-174 + 10 * Math.log10(20e6) + 9);
    assertThat(u1.serving()).isEqualTo(A);
    assertThat(Units.dbmToMw(u1.rsrpDbm())).isCloseTo(1000 * gain(200), relative(1000 * gain(200)));
    double i1 = 0.4 * 1000 * gain(800);
    assertThat(u1.interferenceMw()).isCloseTo(i1, relative(i1));
    double sinr = 1000 * gain(200) / (noise + 0.4 * 1000 * gain(800));
    // a relative error r = FEW_ROUNDINGS of the SINR is 10 r / ln 10 = 4.3e-12 dB, and moves the
    // rate 0.5 x 20 log2(1 + SINR) by at most 10 r / ln 2 = 1.4e-11 Mbps
    assertThat(u1.sinrDb()).isCloseTo(Units.toDb(sinr), within(5e-12));
    assertThat(u1.share()).isEqualTo(0.5);
    double rate = 0.5 * 20 * Math.log(1 + sinr) / Math.log(2);
    assertThat(u1.rateMbps()).isCloseTo(rate, within(1.5e-11));
  }

  @Test
  void aHandoverChangesTheLoadsAndTheNeighboursInterferenceAndShare() {
    NetworkTwin twin = paperExample();
    UserState u1Before = twin.user(U1);
    UserState u2Before = twin.user(U2);
    TwinDelta delta = twin.apply(new TwinEvent.Handover(U3, B));

    // loads updated by one addition of exact small numbers, then one division: within 1 ulp
    assertThat(twin.station(A).activityFactor()).isCloseTo(0.2, within(1e-15));
    assertThat(twin.station(B).activityFactor()).isCloseTo(0.6, within(1e-15));
    double i1 = 1.5 * u1Before.interferenceMw();
    assertThat(twin.user(U1).interferenceMw()).isCloseTo(i1, relative(i1));
    assertThat(twin.user(U1).share()).isEqualTo(1.0);
    double i2 = 0.5 * u2Before.interferenceMw();
    assertThat(twin.user(U2).interferenceMw()).isCloseTo(i2, relative(i2));
    assertThat(twin.user(U2).share()).isEqualTo(0.5);
    UserState u3 = twin.user(U3);
    assertThat(u3.serving()).isEqualTo(B);
    double i3 = 0.2 * 1000 * gain(400);
    assertThat(u3.interferenceMw()).isCloseTo(i3, relative(i3));

    Map<UserId, UserChange> changes =
        delta.userChanges().stream()
            .collect(Collectors.toMap(c -> c.after().id(), Function.identity()));
    assertThat(changes).containsOnlyKeys(U1, U2, U3);
    assertThat(changes.get(U1).before()).isEqualTo(u1Before);
    assertThat(changes.get(U1).after()).isEqualTo(twin.user(U1));
    assertThat(changes.get(U3).before().serving()).isEqualTo(A);
    assertThat(changes.get(U3).after().serving()).isEqualTo(B);
    assertThat(delta.stationChanges())
        .extracting(
            c -> c.after().id(), c -> c.before().activeUsers(), c -> c.after().activeUsers())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(A, 2, 1),
            org.assertj.core.groups.Tuple.tuple(B, 1, 2));
    FullRecomputation.assertMatches(twin, FEW_ROUNDINGS);
  }

  @Test
  void aHandoverToTheCurrentStationChangesNothing() {
    NetworkTwin twin = paperExample();
    assertThat(twin.apply(new TwinEvent.Handover(U1, A)).isEmpty()).isTrue();
  }

  @Test
  void trafficChangesTheLoadAndTheInterferenceOthersSee() {
    NetworkTwin twin = paperExample();
    double before = twin.user(U1).interferenceMw();
    TwinDelta delta = twin.apply(new TwinEvent.TrafficObserved(U2, 8));
    // (4 + (8 - 4)) / 10: exact sums, one division, within 1 ulp
    assertThat(twin.station(B).activityFactor()).isCloseTo(0.8, within(1e-15));
    assertThat(twin.user(U1).interferenceMw()).isCloseTo(2 * before, relative(2 * before));
    assertThat(delta.userChanges()).extracting(c -> c.after().id()).contains(U1, U2, U3);
    FullRecomputation.assertMatches(twin, FEW_ROUNDINGS);
  }

  @Test
  void activityIsCappedAtOneSoAnOverloadedStationStopsPropagating() {
    NetworkTwin twin = paperExample();
    twin.apply(new TwinEvent.TrafficObserved(U2, 20));
    assertThat(twin.station(B).activityFactor()).isEqualTo(1.0);
    TwinDelta delta = twin.apply(new TwinEvent.TrafficObserved(U2, 30));
    assertThat(delta.userChanges()).extracting(c -> c.after().id()).containsExactly(U2);
    assertThat(twin.kpis().overloadedStations()).isEqualTo(1);
  }

  @Test
  void removingAStationMovesItsUsersAndSilencesItsInterference() {
    NetworkTwin twin = paperExample();
    TwinDelta delta = twin.apply(new TwinEvent.StationRemoved(B));
    assertThat(twin.user(U2).serving()).isEqualTo(A);
    assertThat(twin.station(B).active()).isFalse();
    assertThat(twin.station(A).activeUsers()).isEqualTo(3);
    assertThat(twin.user(U1).interferenceMw()).isZero();
    assertThat(delta.userChangeCount()).isEqualTo(3);
    FullRecomputation.assertMatches(twin, FEW_ROUNDINGS);
    assertThatThrownBy(() -> twin.apply(new TwinEvent.Handover(U1, B)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("switched off");
  }

  @Test
  void anAddedStationTakesTheUsersThatReceiveItBetter() {
    NetworkTwin twin = paperExample();
    twin.apply(new TwinEvent.StationAdded(station(3, 1000, 1000, 30, 10)));
    assertThat(twin.user(U3).serving()).isEqualTo(BaseStationId.of(3));
    assertThat(twin.user(U1).serving()).isEqualTo(A);
    FullRecomputation.assertMatches(twin, FEW_ROUNDINGS);
  }

  @Test
  void raisingPowerPullsUsersInAndChangesInterference() {
    NetworkTwin twin = paperExample();
    twin.apply(new TwinEvent.PowerChanged(B, 50));
    assertThat(twin.stationSpec(B).txPowerDbm()).isEqualTo(50);
    // +20 dB beats the 2.9x distance ratio (9.5 dB) for every user
    assertThat(twin.usersOf(B)).containsExactlyInAnyOrder(U1, U2, U3);
    FullRecomputation.assertMatches(twin, FEW_ROUNDINGS);
  }

  @Test
  void a3HandsOverOnlyAfterTheOffsetHeldForTheTimeToTrigger() {
    NetworkTwin twin =
        NetworkTwin.builder(TwinFixtures.freeSpace().withHandover(new HandoverRule(3, 100)))
            .station(station(1, 500, 1000, 30, 10))
            .station(station(2, 1500, 1000, 30, 10))
            .user(new UserSpec(U1, new Position(700, 1000), 10, 1))
            .build();
    // at x = 1100 B is 20 log10(600/400) = 3.52 dB stronger: above the 3 dB offset
    twin.apply(new TwinEvent.UserMoved(U1, new Position(1100, 1000), 0));
    assertThat(twin.user(U1).serving()).isEqualTo(A);
    twin.apply(new TwinEvent.UserMoved(U1, new Position(1100, 1000), 50));
    assertThat(twin.user(U1).serving()).isEqualTo(A);
    // at x = 1080 B is only 2.80 dB stronger: the timer stops
    twin.apply(new TwinEvent.UserMoved(U1, new Position(1080, 1000), 60));
    twin.apply(new TwinEvent.UserMoved(U1, new Position(1100, 1000), 130));
    assertThat(twin.user(U1).serving()).isEqualTo(A);
    TwinDelta delta = twin.apply(new TwinEvent.UserMoved(U1, new Position(1105, 1000), 230));
    assertThat(twin.user(U1).serving()).isEqualTo(B);
    assertThat(delta.stationChanges()).hasSize(2);
    FullRecomputation.assertMatches(twin, FEW_ROUNDINGS);
  }

  @Test
  void rejectedEventsLeaveTheTwinUnchanged() {
    NetworkTwin twin = paperExample();
    List<UserState> users = twin.userIds().stream().map(twin::user).toList();
    List<StationState> stations = twin.stationIds().stream().map(twin::station).toList();
    List<TwinEvent> bad =
        List.of(
            new TwinEvent.UserMoved(UserId.of(99), new Position(1, 1), 0),
            new TwinEvent.UserMoved(U1, new Position(5000, 1), 0),
            new TwinEvent.Handover(U1, BaseStationId.of(42)),
            new TwinEvent.PowerChanged(BaseStationId.of(42), 30),
            new TwinEvent.PowerChanged(A, Double.NaN),
            new TwinEvent.StationAdded(station(1, 100, 100, 30, 10)),
            new TwinEvent.StationAdded(station(9, -100, 100, 30, 10)),
            new TwinEvent.StationRemoved(BaseStationId.of(42)),
            new TwinEvent.TrafficObserved(U1, -1),
            new TwinEvent.TrafficObserved(U1, Double.NaN));
    for (TwinEvent e : bad) {
      assertThatThrownBy(() -> twin.apply(e)).as("%s", e).isInstanceOf(InvalidInputException.class);
    }
    assertThat(twin.userIds().stream().map(twin::user).toList()).isEqualTo(users);
    assertThat(twin.stationIds().stream().map(twin::station).toList()).isEqualTo(stations);
  }

  @Test
  void badBuildInputIsRejectedWithTheRecordNamed() {
    var builder = NetworkTwin.builder(TwinFixtures.freeSpace()).station(station(1, 5, 5, 30, 10));
    assertThatThrownBy(() -> builder.station(station(1, 6, 6, 30, 10)))
        .hasMessageContaining("station id 1 appears twice");
    assertThatThrownBy(() -> builder.station(station(2, 2500, 6, 30, 10)))
        .hasMessageContaining("station 2")
        .hasMessageContaining("outside");
    builder.user(7, 1, 1, 1.5, 1);
    assertThatThrownBy(() -> builder.user(7, 2, 2, 1.5, 1)).hasMessageContaining("user id 7");
    assertThatThrownBy(() -> builder.user(8, Double.NaN, 2, 1.5, 1)).hasMessageContaining("user 8");
    assertThatThrownBy(() -> builder.user(8, 2, 2, -1, 1)).hasMessageContaining("height");
    assertThatThrownBy(() -> builder.user(8, 2, 2500, 1.5, 1)).hasMessageContaining("outside");
  }

  @Test
  void kpisSummariseTheUsersAndStations() {
    TwinKpis k = paperExample().kpis();
    assertThat(k.users()).isEqualTo(3);
    assertThat(k.servedUsers()).isEqualTo(3);
    assertThat(k.activeStations()).isEqualTo(2);
    assertThat(k.usersPerStationMean()).isEqualTo(1.5);
    assertThat(k.usersPerStationMax()).isEqualTo(2);
    // the mean of 0.4 and 0.4: exact up to 1 ulp
    assertThat(k.meanActivity()).isCloseTo(0.4, within(1e-15));
    assertThat(k.coverageHoles()).isZero();
    // nearest-rank 5th percentile of three values is the smallest
    NetworkTwin twin = paperExample();
    double minSinr =
        twin.userIds().stream().mapToDouble(u -> twin.user(u).sinrDb()).min().orElseThrow();
    assertThat(k.sinrP5Db()).isEqualTo(minSinr);
  }
}
