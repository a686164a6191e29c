package dnt.core.twin;

import dnt.core.radio.RateModel;
import dnt.core.radio.Units;
import java.util.Arrays;

/**
 * Computes a {@link NetworkTwin}'s {@link TwinKpis} from its current state: SINR statistics over
 * served users (mean of the dB values, nearest-rank 5th percentile), rate statistics over all users
 * (unserved ones counting 0), coverage holes, users per station, activity factor and overloaded
 * stations. Read-only.
 */
final class KpiCalculator {
  private final StationColumns st;
  private final UserColumns us;
  private final double noiseMw;
  private final double bandwidthHz;
  private final RateModel rate;
  private final double coverageRsrpDbm;

  /**
   * KPIs over a twin's state.
   *
   * @param st its stations
   * @param us its users
   * @param noiseMw the noise power, mW
   * @param bandwidthHz the bandwidth, Hz
   * @param rate the rate model
   * @param coverageRsrpDbm received power below which a served user is a coverage hole, dBm
   */
  KpiCalculator(
      StationColumns st,
      UserColumns us,
      double noiseMw,
      double bandwidthHz,
      RateModel rate,
      double coverageRsrpDbm) {
    this.st = st;
    this.us = us;
    this.noiseMw = noiseMw;
    this.bandwidthHz = bandwidthHz;
    this.rate = rate;
    this.coverageRsrpDbm = coverageRsrpDbm;
  }

  /**
   * Computes the KPIs. Percentiles are nearest-rank.
   *
   * @return the KPIs
   */
  TwinKpis kpis() {
    double[] sinr = new double[us.n];
    double[] rates = new double[us.n];
    int servedCount = 0;
    int holes = 0;
    double sinrSum = 0;
    double rateSum = 0;
    double threshold = Units.dbmToMw(coverageRsrpDbm);
    for (int u = 0; u < us.n; u++) {
      int s = us.serving.get(u);
      if (s < 0) {
        holes++;
        continue;
      }
      double signal = us.rec.get(u, UserColumns.SIGNAL);
      if (signal < threshold) {
        holes++;
      }
      double linear = signal / (noiseMw + us.rec.get(u, UserColumns.INTERFERENCE));
      double db = Units.toDb(linear);
      double r = bandwidthHz * rate.spectralEfficiency(linear) / st.users[s] / 1e6;
      sinr[servedCount++] = db;
      sinrSum += db;
      rates[u] = r;
      rateSum += r;
    }
    int active = 0;
    int maxUsers = 0;
    int overloaded = 0;
    double activitySum = 0;
    long usersOnActive = 0;
    for (int s = 0; s < st.n; s++) {
      if (!st.active[s]) {
        continue;
      }
      active++;
      usersOnActive += st.users[s];
      maxUsers = Math.max(maxUsers, st.users[s]);
      activitySum += st.act[s];
      if (st.load[s] > st.cap[s]) {
        overloaded++;
      }
    }
    double[] servedSinr = Arrays.copyOf(sinr, servedCount);
    Arrays.sort(servedSinr);
    Arrays.sort(rates);
    return new TwinKpis(
        us.n,
        servedCount,
        active,
        active == 0 ? 0 : (double) usersOnActive / active,
        maxUsers,
        servedCount == 0 ? Double.NaN : sinrSum / servedCount,
        percentile(servedSinr, 0.05),
        us.n == 0 ? Double.NaN : rateSum / us.n,
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
