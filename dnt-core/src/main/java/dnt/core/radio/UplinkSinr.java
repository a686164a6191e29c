package dnt.core.radio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Uplink SINR of a static layout with open-loop power control. Users attach to the station they
 * receive strongest (ties: lowest id), set their power with {@link OpenLoopPowerControl} from the
 * loss to that station, and each station schedules one of its users at a time over the whole band,
 * round robin. The interference at a station is therefore the expected power of the user another
 * station schedules: {@code I_b = sum over c != b of (1 / n_c) sum over v served by c of P_v g(v,
 * b)}. Station antenna gains are taken as 0 dBi in this direction.
 *
 * @param links the link model (links are reciprocal: the same loss both ways)
 * @param bandwidthHz bandwidth, Hz
 * @param noiseFigureDb the stations' receiver noise figure, dB
 * @param rate how SINR maps to spectral efficiency
 * @param powerControl the users' power control
 */
public record UplinkSinr(
    LinkBudget links,
    double bandwidthHz,
    double noiseFigureDb,
    RateModel rate,
    OpenLoopPowerControl powerControl) {
  /** Validates the parameters. */
  public UplinkSinr {
    Objects.requireNonNull(links, "links");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(powerControl, "powerControl");
    ThermalNoise.checkReceiver(bandwidthHz, noiseFigureDb);
  }

  /**
   * Computes every user's uplink.
   *
   * @param stations the stations (at least one; their transmit power decides association)
   * @param users the users
   * @return one result per user, in input order
   */
  public List<UplinkResult> compute(List<Transmitter> stations, List<Receiver> users) {
    StrongestServer.checkLayout(stations, users);
    int ns = stations.size();
    int nu = users.size();
    double[][] loss = new double[nu][ns];
    int[] serving = new int[nu];
    int[] count = new int[ns];
    double[] power = new double[nu];
    double[] rx = new double[ns];
    for (int u = 0; u < nu; u++) {
      Receiver r = users.get(u);
      for (int s = 0; s < ns; s++) {
        Transmitter t = stations.get(s);
        double d = t.position().distanceTo(r.position());
        loss[u][s] =
            links.lossDb(
                t.id().value(),
                r.id().value(),
                r.position().x(),
                r.position().y(),
                d,
                t.heightM(),
                r.heightM());
        rx[s] = t.txPowerDbm() - loss[u][s];
      }
      int best = StrongestServer.of(stations, rx);
      serving[u] = best;
      count[best]++;
      power[u] = powerControl.txPowerDbm(loss[u][best]);
    }
    // expected interference each station receives from the users the others schedule
    double[] interference = new double[ns];
    for (int v = 0; v < nu; v++) {
      int c = serving[v];
      for (int b = 0; b < ns; b++) {
        if (b != c) {
          interference[b] += Units.dbmToMw(power[v] - loss[v][b]) / count[c];
        }
      }
    }
    double noiseMw = ThermalNoise.mw(bandwidthHz, noiseFigureDb);
    List<UplinkResult> out = new ArrayList<>(nu);
    for (int u = 0; u < nu; u++) {
      int s = serving[u];
      double sinr = Sinr.linear(Units.dbmToMw(power[u] - loss[u][s]), interference[s], noiseMw);
      out.add(
          new UplinkResult(
              users.get(u).id(),
              stations.get(s).id(),
              power[u],
              Units.toDb(sinr),
              bandwidthHz * rate.spectralEfficiency(sinr) / 1e6));
    }
    return out;
  }
}
