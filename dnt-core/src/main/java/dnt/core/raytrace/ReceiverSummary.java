package dnt.core.raytrace;

import java.util.List;

/**
 * What a receiver gets over all its paths: received power (paths added in power, not in phase: the
 * local average over small-scale fading), the RMS delay spread and the Rician K-factor.
 *
 * @param paths the number of paths
 * @param powerDbm transmit power plus 10 log10 of the summed path power gains; negative infinity
 *     with no path
 * @param delaySpreadNs the power-weighted RMS delay spread, ns; NaN with no path
 * @param kFactorDb the line-of-sight path's power over all others', dB; NaN without line of sight,
 *     positive infinity when it is the only path
 */
public record ReceiverSummary(int paths, double powerDbm, double delaySpreadNs, double kFactorDb) {
  /**
   * Summarises a receiver's paths.
   *
   * @param paths its paths
   * @param txPowerDbm the transmit power, dBm
   * @return the summary
   */
  public static ReceiverSummary of(List<TracedPath> paths, double txPowerDbm) {
    double total = 0;
    double los = 0;
    double mean = 0;
    for (TracedPath p : paths) {
      double power = p.amplitude().abs() * p.amplitude().abs();
      total += power;
      mean += power * p.delaySeconds();
      if (p.kind().equals("LOS")) {
        los = power;
      }
    }
    if (total == 0) {
      return new ReceiverSummary(0, Double.NEGATIVE_INFINITY, Double.NaN, Double.NaN);
    }
    mean /= total;
    double var = 0;
    for (TracedPath p : paths) {
      double power = p.amplitude().abs() * p.amplitude().abs();
      double dt = p.delaySeconds() - mean;
      var += power * dt * dt;
    }
    double spread = Math.sqrt(var / total) * 1e9;
    double k = los == 0 ? Double.NaN : 10 * Math.log10(los / (total - los));
    return new ReceiverSummary(paths.size(), txPowerDbm + 10 * Math.log10(total), spread, k);
  }
}
