package dnt.core.radio;

import dnt.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
    ThermalNoise.dbm(bandwidthHz, noiseFigureDb);
  }

  /**
   * Computes every user's downlink.
   *
   * @param stations the stations (at least one, distinct ids)
   * @param users the users (distinct ids)
   * @return one result per user, in input order
   */
  public List<DownlinkResult> compute(List<Transmitter> stations, List<Receiver> users) {
    if (stations.isEmpty()) {
      throw new InvalidInputException("at least one station is needed to serve the users");
    }
    Set<Integer> seen = new HashSet<>();
    for (Transmitter t : stations) {
      if (!seen.add(t.id().value())) {
        throw new InvalidInputException("station id " + t.id() + " appears twice");
      }
    }
    seen.clear();
    for (Receiver r : users) {
      if (!seen.add(r.id().value())) {
        throw new InvalidInputException("user id " + r.id() + " appears twice");
      }
    }
    double noiseMw = ThermalNoise.mw(bandwidthHz, noiseFigureDb);
    double[] rx = new double[stations.size()];
    List<DownlinkResult> out = new ArrayList<>(users.size());
    for (Receiver user : users) {
      int best = -1;
      double total = 0;
      for (int s = 0; s < stations.size(); s++) {
        Transmitter t = stations.get(s);
        double d = t.position().distanceTo(user.position());
        double loss =
            links.lossDb(t.id().value(), user.id().value(), d, t.heightM(), user.heightM());
        rx[s] = t.txPowerDbm() - loss;
        if (best < 0
            || rx[s] > rx[best]
            || (rx[s] == rx[best] && t.id().compareTo(stations.get(best).id()) < 0)) {
          best = s;
        }
      }
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
