package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.FedAvg;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A guarded rule never sees a malformed update and never returns a non-finite aggregate. */
final class GuardedAggregationTest {
  @Test
  void aGuardedRuleAggregatesOnlyTheValidUpdates() {
    GuardedAggregation g = new GuardedAggregation(new FedAvg(false), 2);
    double[] out =
        g.aggregate(
            List.of(
                ClientUpdate.benign("a", new double[] {1, 2}, 1),
                ClientUpdate.benign("b", new double[] {Double.NaN, 2}, 1),
                ClientUpdate.benign("c", new double[] {3, 4}, 1)),
            AggregationContext.withoutReference(0, new double[2], 1));
    assertThat(out).containsExactly(2.0, 3.0);
    assertThat(g.validator().rejected()).containsEntry("b", 1);
  }

  @Test
  void anOverflowingAggregateBecomesAZeroUpdateInsteadOfInfinity() {
    GuardedAggregation g = new GuardedAggregation(new FedAvg(false), 1);
    double[] out =
        g.aggregate(
            List.of(
                ClientUpdate.benign("a", new double[] {Double.MAX_VALUE}, 1),
                ClientUpdate.benign("b", new double[] {Double.MAX_VALUE}, 1)),
            AggregationContext.withoutReference(0, new double[1], 1));
    assertThat(out).containsExactly(0.0);
    assertThat(g.skippedRounds()).isEqualTo(1);
  }

  @Test
  void anAggregateThatWouldOverflowTheFloatModelIsSkipped() {
    GuardedAggregation g = new GuardedAggregation(new FedAvg(false), 1);
    double[] out =
        g.aggregate(
            List.of(ClientUpdate.benign("a", new double[] {1e39}, 1)),
            AggregationContext.withoutReference(0, new double[] {1}, 1));
    assertThat(out).containsExactly(0.0);
    assertThat(g.skippedRounds()).isEqualTo(1);
  }

  @Test
  void aRoundWithNoValidUpdateKeepsTheModel() {
    GuardedAggregation g = new GuardedAggregation(new CoordinateMedian(), 2);
    double[] out =
        g.aggregate(
            List.of(ClientUpdate.benign("a", new double[] {Double.NaN, 1}, 1)),
            AggregationContext.withoutReference(0, new double[2], 1));
    assertThat(out).containsExactly(0.0, 0.0);
  }
}
