package dnt.core.radio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SINR and rate of every user of a static layout with all stations on one carrier at full activity
 * (no load coupling): each user is served by the station it receives strongest (ties go to the
 * lowest station id) and every other station interferes. This is the computation behind {@code dnt
 * twin sinr}; the {@code NetworkTwin} adds load coupling, hysteresis and incremental updates.
 *
 * @param links the link model
 * @param bandwidthHz the carrier bandwidth, Hz
 * @param noiseFigureDb the receiver noise figure, dB
 * @param rate how SINR maps to spectral efficiency
 */
public record DownlinkSinr(
    LinkBudget links, double bandwidthHz, double noiseFigureDb, RateModel rate) {
  /** Validates the parameters. */
  public DownlinkSinr {
    Objects.requireNonNull(links, "links");
    Objects.requireNonNull(rate, "rate");
    ThermalNoise.checkReceiver(bandwidthHz, noiseFigureDb);
  }

  /**
   * Computes every user's downlink.
   *
   * @param stations the stations (at least one, distinct ids)
   * @param users the users (distinct ids)
   * @return one result per user, in input order
   */
  public List<DownlinkResult> compute(List<Transmitter> stations, List<Receiver> users) {
    StrongestServer.checkLayout(stations, users);
    double noiseMw = ThermalNoise.mw(bandwidthHz, noiseFigureDb);
    double[] rx = new double[stations.size()];
    List<DownlinkResult> out = new ArrayList<>(users.size());
    for (Receiver user : users) {
      for (int s = 0; s < stations.size(); s++) {
        Transmitter t = stations.get(s);
        double d = t.position().distanceTo(user.position());
        double loss =
            links.lossDb(
                t.id().value(),
                user.id().value(),
                user.position().x(),
                user.position().y(),
                d,
                t.heightM(),
                user.heightM());
        rx[s] = t.txPowerDbm() - loss;
      }
      int best = StrongestServer.of(stations, rx);
      double total = 0;
      for (int s = 0; s < stations.size(); s++) {
        if (s != best) {
          total += Units.dbmToMw(rx[s]);
        }
      }
      double sinr = Sinr.linear(Units.dbmToMw(rx[best]), total, noiseMw);
      double rateMbps = bandwidthHz * rate.spectralEfficiency(sinr) / 1e6;
      out.add(
          new DownlinkResult(
              user.id(), stations.get(best).id(), rx[best], Units.toDb(sinr), rateMbps));
    }
    return out;
  }
}
