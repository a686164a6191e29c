package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.List;

/**
 * FLTrust (Cao, Fang, Liu and Gong, "FLTrust: Byzantine-robust Federated Learning via Trust
 * Bootstrapping", NDSS 2021). The server trains on a small clean root data set and obtains its own
 * update {@code g0} ({@link AggregationContext#referenceUpdate()}). Each client gets the trust
 * score {@code TS_i = ReLU(cos(g_i, g0))}, its update is rescaled to the norm of g0, and the result
 * is {@code sum_i TS_i g_i * ||g0|| / ||g_i|| / sum_i TS_i}. When every score is zero the round
 * contributes nothing (a zero update). One of the rows of the paper's Table II.
 */
public final class FlTrust implements AggregationRule {
  @Override
  public String name() {
    return "fltrust";
  }

  @Override
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateVector[] rows = Columns.rows(updates);
    double[] g0 = context.referenceUpdate().get();
    if (g0.length != rows[0].dimension()) {
      throw new IllegalArgumentException(
          "the reference update has "
              + g0.length
              + " coordinates, the client updates "
              + rows[0].dimension());
    }
    double n0 = Columns.norm(g0);
    double[] norms = Columns.norms(rows);
    double[] trust = new double[rows.length];
    java.util.stream.IntStream.range(0, rows.length)
        .parallel()
        .forEach(
            i -> {
              if (norms[i] > 0 && n0 > 0) {
                trust[i] = Math.max(0, Columns.dot(rows[i], g0) / (norms[i] * n0));
              }
            });
    double tsSum = 0;
    for (double t : trust) {
      tsSum += t;
    }
    double[] out = new double[g0.length];
    if (!(tsSum > 0)) {
      return out;
    }
    // one coefficient per client: its trust share times the rescaling to ||g0||
    double[] scaled = new double[rows.length];
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = trust[i] > 0 ? trust[i] / tsSum * n0 / norms[i] : 0;
    }
    Columns.forRanges(
        out.length,
        (from, to) -> {
          for (int i = 0; i < rows.length; i++) {
            double s = scaled[i];
            if (s == 0) {
              continue;
            }
            rows[i].addScaled(s, out, from, to);
          }
        });
    return out;
  }
}
