package dnt.core.twin;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.Units;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent, brute-force recomputation of a twin's external state from its internal state and
 * associations, using only the public API and the link model: every station against every user, no
 * index, no incremental sums. Tests compare the incrementally maintained twin with it.
 */
final class FullRecomputation {
  private FullRecomputation() {}

  static void assertMatches(NetworkTwin twin, double tolerance) {
    TwinConfig c = twin.config();
    LinkBudget links = c.links();
    double noise = c.noiseMw();
    double floor = c.floor().floorMw(noise);
    List<BaseStationId> stations = twin.stationIds();
    List<UserId> users = twin.userIds();
    Map<BaseStationId, Double> load = new HashMap<>();
    Map<BaseStationId, Integer> count = new HashMap<>();
    for (UserId u : users) {
      UserState st = twin.user(u);
      if (st.served()) {
        load.merge(st.serving(), twin.userSpec(u).demandMbps(), Double::sum);
        count.merge(st.serving(), 1, Integer::sum);
      }
    }
    Map<BaseStationId, Double> activity = new HashMap<>();
    for (BaseStationId b : stations) {
      StationState st = twin.station(b);
      StationSpec spec = twin.stationSpec(b);
      double l = load.getOrDefault(b, 0.0);
      double a = st.active() ? Math.min(1, l / spec.capacityMbps()) : 0;
      activity.put(b, a);
      assertThat(st.activeUsers()).as("users of %s", b).isEqualTo(count.getOrDefault(b, 0));
      assertRelative(st.loadMbps(), l, tolerance, "load of " + b);
      assertRelative(st.activityFactor(), a, tolerance, "activity of " + b);
    }
    for (UserId u : users) {
      UserSpec us = twin.userSpec(u);
      UserState st = twin.user(u);
      double interference = 0;
      double signal = 0;
      for (BaseStationId b : stations) {
        StationSpec spec = twin.stationSpec(b);
        double d = spec.position().distanceTo(us.position());
        double p =
            Units.dbmToMw(spec.eirpDbm())
                * Math.pow(
                    10, -0.1 * links.lossDb(b.value(), u.value(), d, spec.heightM(), us.heightM()));
        if (b.equals(st.serving())) {
          signal = p;
        } else if (twin.station(b).active() && p >= floor) {
          interference += activity.get(b) * p;
        }
      }
      assertRelative(st.interferenceMw(), interference, tolerance, "interference of user " + u);
      if (st.served()) {
        assertRelative(Units.dbmToMw(st.rsrpDbm()), signal, tolerance, "signal of user " + u);
        assertThat(st.share()).isEqualTo(1.0 / count.get(st.serving()));
        assertThat(twin.station(st.serving()).active()).isTrue();
      }
    }
  }

  static void assertRelative(double actual, double expected, double tolerance, String what) {
    double scale = Math.max(Math.abs(actual), Math.abs(expected));
    double err = scale == 0 ? 0 : Math.abs(actual - expected) / scale;
    assertThat(err).as("%s: %s vs %s", what, actual, expected).isLessThanOrEqualTo(tolerance);
  }
}
