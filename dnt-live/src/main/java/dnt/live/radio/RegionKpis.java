package dnt.live.radio;

import dnt.core.twin.StationState;
import dnt.core.twin.TwinKpis;
import dnt.core.twin.UserState;
import java.util.Arrays;
import java.util.List;

/**
 * The network's KPIs from the states every region reports, by the definitions of {@link TwinKpis}
 * (as {@code NetworkTwin.kpis()} computes them): SINR statistics over served users (mean of the dB
 * values, nearest-rank 5th percentile), rate statistics over all users (unserved ones counting 0),
 * coverage holes, users per active station, mean activity factor and overloaded stations. The sums
 * run region by region, so the means may differ from the single twin's in the last bits (the order
 * of a floating-point sum).
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
    double[] sinr = new double[n];
    double[] rates = new double[n];
    int served = 0;
    int holes = 0;
    double sinrSum = 0;
    double rateSum = 0;
    int k = 0;
    int active = 0;
    int maxUsers = 0;
    int overloaded = 0;
    double activitySum = 0;
    long usersOnActive = 0;
    for (RegionState r : regions) {
      holes += r.coverageHoles();
      for (UserState u : r.users()) {
        if (u.served()) {
          sinr[served++] = u.sinrDb();
          sinrSum += u.sinrDb();
          rates[k] = u.rateMbps();
          rateSum += u.rateMbps();
        }
        k++;
      }
      for (int s = 0; s < r.stations().size(); s++) {
        StationState st = r.stations().get(s);
        if (!st.active()) {
          continue;
        }
        active++;
        usersOnActive += st.activeUsers();
        maxUsers = Math.max(maxUsers, st.activeUsers());
        activitySum += st.activityFactor();
        if (st.loadMbps() > r.capacitiesMbps()[s]) {
          overloaded++;
        }
      }
    }
    double[] servedSinr = Arrays.copyOf(sinr, served);
    Arrays.sort(servedSinr);
    Arrays.sort(rates);
    return new TwinKpis(
        n,
        served,
        active,
        active == 0 ? 0 : (double) usersOnActive / active,
        maxUsers,
        served == 0 ? Double.NaN : sinrSum / served,
        percentile(servedSinr, 0.05),
        n == 0 ? Double.NaN : rateSum / n,
        percentile(rates, 0.05),
        holes,
        active == 0 ? 0 : activitySum / active,
        overloaded);
  }

  private static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
