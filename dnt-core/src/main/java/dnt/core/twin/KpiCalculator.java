package dnt.core.twin;

import dnt.core.radio.RateModel;
import dnt.core.radio.Units;

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
    KpiTally tally = new KpiTally(us.n);
    double threshold = Units.dbmToMw(coverageRsrpDbm);
    for (int u = 0; u < us.n; u++) {
      int s = us.serving.get(u);
      if (s < 0) {
        tally.holes(1);
        tally.unserved();
        continue;
      }
      double signal = us.rec.get(u, UserColumns.SIGNAL);
      if (signal < threshold) {
        tally.holes(1);
      }
      double linear = signal / (noiseMw + us.rec.get(u, UserColumns.INTERFERENCE));
      tally.served(
          Units.toDb(linear), bandwidthHz * rate.spectralEfficiency(linear) / st.users[s] / 1e6);
    }
    for (int s = 0; s < st.n; s++) {
      if (st.active[s]) {
        tally.activeStation(st.users[s], st.act[s], st.load[s] > st.cap[s]);
      }
    }
    return tally.kpis();
  }
}
