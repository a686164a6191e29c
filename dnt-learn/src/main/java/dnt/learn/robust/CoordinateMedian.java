package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.List;

/**
 * Coordinate-wise median (Yin et al., "Byzantine-Robust Distributed Learning: Towards Optimal
 * Statistical Rates", ICML 2018): {@code agg_j = median_i g_ij}; for an even count, the mean of the
 * two middle values. Tolerates fewer than n/2 arbitrary updates per coordinate. One of the rows of
 * the paper's Table II. Float-weight updates over one shared base: the middle ranks of 128
 * coordinates at a time from a pruned {@link SelectionNetwork} (898 vectorized compare-exchanges
 * for n = 100); other updates: linear expected time per coordinate (one {@link ColumnSelector} pass
 * finds both middle values). Both give the same values. Precision: for an odd count the result is
 * exactly one of the updates' values (exact, see {@link dnt.learn.fl.UpdateVector}); for an even
 * count it is the mean of the two middle values in double, one rounding.
 */
public final class CoordinateMedian implements AggregationRule {
  @Override
  public String name() {
    return "median";
  }

  @Override
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateVector[] rows = Columns.rows(updates);
    Columns.ColumnFunction column = (v, from, n, selector, j) -> selector.median(v, from, n);
    if (!WeightBlock.applies(rows)) {
      return Columns.map(rows, column);
    }
    SelectionNetwork network =
        SelectionNetwork.forRanks(rows.length, BlockStatistics.medianRanks(rows.length));
    return WeightBlock.map(
        rows,
        () -> network,
        (net, block, out) -> {
          double[] med = block.lane0;
          block.rank(net);
          BlockStatistics.median(block, net, med);
          System.arraycopy(med, 0, out, block.from(), block.width());
        },
        (net, v, from, n, selector, j) -> column.apply(v, from, n, selector, j),
        net -> {});
  }
}
