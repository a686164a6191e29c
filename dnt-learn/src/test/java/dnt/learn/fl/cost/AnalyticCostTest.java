package dnt.learn.fl.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidSettingException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every method's bytes, messages and seconds on a hand-counted case: two stations (access hops 100
 * B/s + 0.1 s and 200 B/s + 0.2 s), a metro hop of 1000 B/s + 0.5 s, models of 100 bytes, updates
 * of 50, 2 rounds of both stations, 1 cluster, 3 history days, 2 ongoing days with one update a
 * day, 10 raw bytes a station-day. The expected numbers are worked out in the comments.
 */
final class AnalyticCostTest {
  // sums of a few decimal terms: exact to a few ulps of numbers below 20
  private static final double EPS = 1e-12;

  private static final Hop A0 = new Hop(100, 0.1);
  private static final Hop A1 = new Hop(200, 0.2);
  private static final Hop METRO = new Hop(1000, 0.5);
  private static final CostNetwork TREE = new CostNetwork(List.of(A0, A1), List.of(), METRO);
  private static final CostNetwork FLAT = new CostNetwork(List.of(A0, A1), List.of(), null);
  private static final Workload W = new Workload(2, 100, 50, 2, 2, 1, 3, 2, 1, 10);

  private static PhaseCost creation(CostedMethod m, CostNetwork n) {
    return AnalyticCost.creation(m, W, n);
  }

  private static PhaseCost ongoing(CostedMethod m, CostNetwork n) {
    return AnalyticCost.ongoing(m, W, n);
  }

  private static void expect(
      PhaseCost c, double access, double metro, double am, double mm, double s) {
    assertThat(c.accessBytes()).isEqualTo(access);
    assertThat(c.metroBytes()).isEqualTo(metro);
    assertThat(c.accessMessages()).isEqualTo(am);
    assertThat(c.metroMessages()).isEqualTo(mm);
    assertThat(c.communicationSeconds()).isCloseTo(s, within(EPS));
  }

  @Test
  void hopTimesAreBytesOverRatePlusLatencySummedOverHops() {
    assertThat(Hop.ofMbps(8, 10).seconds(2e6)).isCloseTo(2.01, within(EPS));
    // station 1 to the cloud: 30/200 + 0.2 on its backhaul, 30/1000 + 0.5 on the metro hop
    assertThat(TREE.accessSeconds(1, 30) + TREE.metroSeconds(30)).isCloseTo(0.88, within(EPS));
    assertThat(FLAT.metroSeconds(30)).isZero();
  }

  @Test
  void traditionalDtUploadsRawDataThroughTheHeads() {
    // creation: 30 bytes each; 0.4 + 0.35 on the backhauls, 2 x 0.53 on the metro hop
    expect(creation(CostedMethod.TRADITIONAL_DT, TREE), 60, 60, 2, 2, 1.81);
    expect(creation(CostedMethod.TRADITIONAL_DT_ONCE, TREE), 60, 60, 2, 2, 1.81);
    // ongoing: 2 updates of 10 bytes a station; per update 0.2 + 0.25 + 2 x 0.51 = 1.47
    expect(ongoing(CostedMethod.TRADITIONAL_DT, TREE), 40, 40, 4, 4, 2.94);
    expect(ongoing(CostedMethod.TRADITIONAL_DT_ONCE, TREE), 0, 0, 0, 0, 0);
  }

  @Test
  void clustersAggregateAtTheHeadsAndOnlyClusterModelsCrossTheMetroHop() {
    // per round: station 0 1.1 + 0.6, station 1 0.7 + 0.45 = 2.85 on the backhauls
    // w/o cluster every message goes on to the cloud: 2 x 0.6 + 2 x 0.55 = 2.3 on the metro hop
    expect(creation(CostedMethod.V_TWIN_NO_CLUSTER, TREE), 600, 600, 8, 8, 2 * (2.85 + 2.3));
    // with 1 cluster: the head sends its model up and gets the global one: 2 x 0.6 a round
    expect(creation(CostedMethod.V_TWIN, TREE), 600, 400, 8, 4, 2 * (2.85 + 1.2));
    expect(ongoing(CostedMethod.V_TWIN, TREE), 0, 0, 0, 0, 0);
    // the H-twins build on their V-twin
    assertThat(creation(CostedMethod.H_TWIN, TREE)).isEqualTo(creation(CostedMethod.V_TWIN, TREE));
    // ongoing: each of 2 updates = one V-twin round
    expect(ongoing(CostedMethod.H_TWIN_NO_CLUSTER, TREE), 600, 600, 8, 8, 2 * (2.85 + 2.3));
    expect(ongoing(CostedMethod.H_TWIN, TREE), 600, 400, 8, 4, 2 * (2.85 + 1.2));
  }

  @Test
  void aFlatNetworkHasOneHopAndClustersChangeNothing() {
    expect(creation(CostedMethod.V_TWIN, FLAT), 600, 0, 8, 0, 5.7);
    expect(creation(CostedMethod.V_TWIN_NO_CLUSTER, FLAT), 600, 0, 8, 0, 5.7);
    expect(ongoing(CostedMethod.H_TWIN, FLAT), 600, 0, 8, 0, 5.7);
    expect(creation(CostedMethod.TRADITIONAL_DT, FLAT), 60, 0, 2, 0, 0.75);
  }

  @Test
  void sampledStationsCountAsTheirShareOfEveryStation() {
    Workload one = new Workload(2, 100, 50, 2, 1, 1, 3, 2, 1, 10);
    // 2 rounds of 1 station: 300 bytes; expected time half of both stations' = 2.85
    expect(AnalyticCost.creation(CostedMethod.V_TWIN, one, FLAT), 300, 0, 4, 0, 2.85);
  }

  @Test
  void updateFrequencySplitsRawDataAndMultipliesModelExchanges() {
    Workload w4 = W.withUpdatesPerDay(4);
    // 8 updates of 2.5 bytes a station: bytes unchanged, latencies 4 times as many
    PhaseCost tdt = AnalyticCost.ongoing(CostedMethod.TRADITIONAL_DT, w4, TREE);
    assertThat(tdt.accessBytes()).isEqualTo(40);
    assertThat(tdt.metroMessages()).isEqualTo(16);
    // per update 0.025 + 0.1 + 0.0125 + 0.2 + 2 x 0.5025
    assertThat(tdt.communicationSeconds()).isCloseTo(8 * 1.3425, within(EPS));
    PhaseCost h = AnalyticCost.ongoing(CostedMethod.H_TWIN, w4, TREE);
    assertThat(h.accessBytes()).isEqualTo(4 * 600);
  }

  @Test
  void trainingSecondsScaleWithUpdatesAndOnlyForEvolvingMethods() {
    MeasuredCompute c = new MeasuredCompute(5, 1.5);
    MethodCost h = AnalyticCost.of(CostedMethod.H_TWIN, W, TREE, c);
    assertThat(h.ongoingTrainingSeconds()).isEqualTo(3);
    assertThat(h.totalSeconds())
        .isCloseTo(5 + 2 * (2.85 + 1.2) + 3 + 2 * (2.85 + 1.2), within(EPS));
    assertThat(AnalyticCost.of(CostedMethod.TRADITIONAL_DT_ONCE, W, TREE, c).ongoingSeconds())
        .isZero();
    assertThat(AnalyticCost.of(CostedMethod.V_TWIN, W, TREE, c).ongoingTrainingSeconds()).isZero();
  }

  @Test
  void badCountsAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> new Workload(2, 100, 50, 2, 3, 1, 3, 2, 1, 10))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("clientsPerRound"));
    assertThatThrownBy(() -> W.withUpdatesPerDay(0))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("updatesPerDay"));
    assertThatThrownBy(() -> Hop.ofMbps(0, 1))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("mbps"));
    assertThatThrownBy(() -> Hop.ofMbps(10, -1))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("latencyMs"));
    assertThatThrownBy(
            () -> AnalyticCost.creation(CostedMethod.V_TWIN, W.withRawBytesPerDay(1), one()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 stations");
  }

  private static CostNetwork one() {
    return new CostNetwork(List.of(A0), List.of(), null);
  }
}
