package dnt.live.radio;

import dnt.core.twin.KpiTally;
import dnt.core.twin.StationState;
import dnt.core.twin.TwinKpis;
import dnt.core.twin.UserState;
import java.util.List;

/**
 * The network's KPIs from the states every region reports, by the definitions of {@link TwinKpis}
 * (tallied by {@link KpiTally}, as {@code NetworkTwin.kpis()} tallies them): SINR statistics over
 * served users (mean of the dB values, nearest-rank 5th percentile), rate statistics over all users
 * (unserved ones counting 0), coverage holes, users per active station, mean activity factor and
 * overloaded stations. The sums run region by region, so the means may differ from the single
 * twin's in the last bits (the order of a floating-point sum).
 */
public final class RegionKpis {
  private RegionKpis() {}

  /**
   * Gathers the KPIs.
   *
   * @param regions the states of every region
   * @return the network's KPIs
   */
  public static TwinKpis of(List<RegionState> regions) {
    int n = 0;
    for (RegionState r : regions) {
      n += r.users().size();
    }
    KpiTally tally = new KpiTally(n);
    for (RegionState r : regions) {
      tally.holes(r.coverageHoles());
      for (UserState u : r.users()) {
        if (u.served()) {
          tally.served(u.sinrDb(), u.rateMbps());
        } else {
          tally.unserved();
        }
      }
      for (int s = 0; s < r.stations().size(); s++) {
        StationState st = r.stations().get(s);
        if (st.active()) {
          tally.activeStation(
              st.activeUsers(), st.activityFactor(), st.loadMbps() > r.capacitiesMbps()[s]);
        }
      }
    }
    return tally.kpis();
  }
}
