package dnt.live.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.twin.InterferenceFloor;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationState;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.TwinEvent;
import dnt.core.twin.TwinKpis;
import dnt.core.twin.UserState;
import dnt.core.util.Progress;
import dnt.data.milan.RadioLayer;
import dnt.data.twinbuild.MilanTwin;
import dnt.data.twinbuild.StationProfile;
import dnt.data.twinbuild.UserPlacement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The reference for the partitioned radio twin: a single radio twin of Milan (bundled LTE stations
 * as small cells, users placed by station density, each user in its nearest grid square), driven
 * the way the live twin's single radio twin drives it (a cell's activity times the Mbit/s per unit,
 * shared equally by the cell's users), and the comparison of a partitioned twin's gathered state
 * with it.
 */
public final class RadioFixture {
  static final double MBPS_PER_ACTIVITY = 0.01;

  /**
   * Per-user interference: both twins sum the same increments, in a different order (border demands
   * arrive by message), each a running sum that NetworkTwin keeps within 1e-9 relative of a full
   * recomputation (its javadoc, docs/twin.md, dnt-core's IncrementalConsistencyTest), so they agree
   * to 2e-9 relative.
   */
  static final double INTERFERENCE_REL = 2e-9;

  /**
   * SINR in dB: a relative error d of N + I moves 10 log10 by at most 10 / ln 10 x d = 8.7e-9 dB
   * for d = 2e-9; the logarithm's own rounding is ~1e-15 dB. Order statistics (the 5th percentile)
   * move by no more than the largest element's change; a mean of n values adds at most n x 2^-53 x
   * max |dB|, under 1e-10 dB here.
   */
  static final double SINR_DB = 1e-8;

  /**
   * Rates: Shannon's log2(1 + x) changes relatively by at most the relative change of x (x / ((1 +
   * x) ln(1 + x)) <= 1), so 2e-9, plus a few ulps of the products and of a mean's sum.
   */
  static final double RATE_REL = 3e-9;

  /**
   * Mean activity: the same activity factors (bit for bit) summed in another order, n x 2^-53
   * relative for n < 10^4 stations.
   */
  static final double SUM_ORDER_REL = 1e-12;

  final NetworkTwin whole;
  final Map<Integer, List<UserId>> usersByCell;
  final List<Integer> cells;

  private RadioFixture(NetworkTwin whole, Map<Integer, List<UserId>> usersByCell) {
    this.whole = whole;
    this.usersByCell = usersByCell;
    this.cells = new ArrayList<>(new java.util.TreeSet<>(usersByCell.keySet()));
  }

  static RadioFixture milan(int users, long seed, InterferenceFloor floor) {
    MilanTwin milan =
        MilanTwin.bundled(
            RadioLayer.LTE,
            StationProfile.smallCell(),
            users,
            UserPlacement.STATIONS,
            0,
            0.5,
            seed);
    NetworkTwin twin =
        milan.build(TwinConfig.defaults(milan.area()).withFloor(floor), Progress.NONE);
    return new RadioFixture(twin, milan.usersByCell(twin));
  }

  /** A region plan over a copy of the whole twin (the reference keeps its own). */
  RegionPlan plan(double tileM) {
    return new RegionPlan(whole.fork(), usersByCell, MBPS_PER_ACTIVITY, tileM);
  }

  /** One traffic message: cell, slot, internet activity. */
  record Traffic(int cell, long slot, double internet) {}

  /** Random traffic: cells drawn from those with users, slots rising, activity up to 40,000. */
  List<Traffic> traffic(int n, RandomGenerator rng) {
    List<Traffic> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(new Traffic(cells.get(rng.nextInt(cells.size())), k / 50, rng.nextDouble(40_000)));
    }
    return out;
  }

  /** The single radio twin's way: every user of the cell gets an equal share of the demand. */
  void apply(NetworkTwin single, Traffic t) {
    List<UserId> users = usersByCell.get(t.cell());
    double each = MBPS_PER_ACTIVITY * t.internet() / users.size();
    for (UserId u : users) {
      single.apply(new TwinEvent.TrafficObserved(u, each));
    }
  }

  /**
   * Compares a partitioned twin's gathered states with the single twin: each station and user
   * reported exactly once; stations' loads, user counts and activity factors and users' serving
   * stations, shares and demands bit for bit; interference, SINR and rates within the bounds above;
   * the network KPIs' counts exactly and their means and percentiles within those bounds.
   */
  static void assertMatches(NetworkTwin single, List<RegionState> states) {
    Map<BaseStationId, StationState> stations = new HashMap<>();
    Map<UserId, UserState> users = new HashMap<>();
    for (RegionState r : states) {
      for (StationState s : r.stations()) {
        assertThat(stations.put(s.id(), s)).as("station %s reported twice", s.id()).isNull();
      }
      for (UserState u : r.users()) {
        assertThat(users.put(u.id(), u)).as("user %s reported twice", u.id()).isNull();
      }
    }
    assertThat(stations.keySet()).containsExactlyInAnyOrderElementsOf(single.stationIds());
    assertThat(users.keySet()).containsExactlyInAnyOrderElementsOf(single.userIds());
    for (BaseStationId id : single.stationIds()) {
      assertThat(stations.get(id)).as("station %s", id).isEqualTo(single.station(id));
    }
    for (UserId id : single.userIds()) {
      UserState e = single.user(id);
      UserState a = users.get(id);
      assertThat(a.serving()).as("user %s", id).isEqualTo(e.serving());
      assertThat(a.share()).as("user %s", id).isEqualTo(e.share());
      assertThat(a.demandMbps()).as("user %s", id).isEqualTo(e.demandMbps());
      assertThat(a.rsrpDbm()).as("user %s", id).isEqualTo(e.rsrpDbm());
      assertThat(a.interferenceMw())
          .as("user %s", id)
          .isCloseTo(e.interferenceMw(), within(INTERFERENCE_REL * e.interferenceMw()));
      if (e.served()) {
        assertThat(a.sinrDb()).as("user %s", id).isCloseTo(e.sinrDb(), within(SINR_DB));
        assertThat(a.rateMbps())
            .as("user %s", id)
            .isCloseTo(e.rateMbps(), within(RATE_REL * e.rateMbps()));
      } else {
        assertThat(a.sinrDb()).isEqualTo(e.sinrDb());
      }
    }
    assertKpis(RegionKpis.of(states), single.kpis(), SINR_DB, RATE_REL, SUM_ORDER_REL);
  }

  /**
   * Asserts that a network's KPIs are those expected: the counts and per-station means exactly, the
   * SINRs within {@code sinrDb}, the rates within {@code rateRel} of the expected and the mean
   * activity within {@code activityRel} of it (each caller states the bound its twins differ by).
   *
   * @param a the KPIs found
   * @param e the KPIs expected
   * @param sinrDb the SINR tolerance, dB
   * @param rateRel the rates' relative tolerance
   * @param activityRel the mean activity's relative tolerance
   */
  public static void assertKpis(
      TwinKpis a, TwinKpis e, double sinrDb, double rateRel, double activityRel) {
    assertThat(a.users()).isEqualTo(e.users());
    assertThat(a.servedUsers()).isEqualTo(e.servedUsers());
    assertThat(a.activeStations()).isEqualTo(e.activeStations());
    assertThat(a.usersPerStationMean()).isEqualTo(e.usersPerStationMean());
    assertThat(a.usersPerStationMax()).isEqualTo(e.usersPerStationMax());
    assertThat(a.coverageHoles()).isEqualTo(e.coverageHoles());
    assertThat(a.overloadedStations()).isEqualTo(e.overloadedStations());
    assertThat(a.sinrMeanDb()).isCloseTo(e.sinrMeanDb(), within(sinrDb));
    assertThat(a.sinrP5Db()).isCloseTo(e.sinrP5Db(), within(sinrDb));
    assertThat(a.rateMeanMbps()).isCloseTo(e.rateMeanMbps(), within(rateRel * e.rateMeanMbps()));
    assertThat(a.rateP5Mbps()).isCloseTo(e.rateP5Mbps(), within(rateRel * e.rateP5Mbps()));
    assertThat(a.meanActivity())
        .isCloseTo(e.meanActivity(), within(activityRel * e.meanActivity()));
  }
}
