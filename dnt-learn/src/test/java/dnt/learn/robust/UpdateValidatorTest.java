package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.FedAvg;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Malformed updates never reach a rule, and a guarded run never yields a non-finite model. */
final class UpdateValidatorTest {
  @Test
  void wrongDimensionNanAndInfinityAreRejectedAndCountedPerClient() {
    UpdateValidator v = new UpdateValidator(2);
    List<ClientUpdate> round =
        List.of(
            ClientUpdate.benign("ok", new double[] {1, 2}, 1),
            ClientUpdate.benign("short", new double[] {1}, 1),
            ClientUpdate.benign("nan", new double[] {Double.NaN, 0}, 1),
            ClientUpdate.benign("inf", new double[] {0, Double.NEGATIVE_INFINITY}, 1));
    UpdateValidator.Result r = v.validate(round);
    assertThat(r.accepted()).extracting(ClientUpdate::clientId).containsExactly("ok");
    assertThat(r.rejected())
        .extracting(UpdateValidator.Rejection::reason)
        .containsExactly(
            UpdateValidator.Reason.WRONG_DIMENSION,
            UpdateValidator.Reason.NAN,
            UpdateValidator.Reason.INFINITE);
    assertThat(r.rejected().get(1).detail()).contains("coordinate 0");
    v.validate(round);
    assertThat(v.rejectionCounts())
        .containsEntry("nan", 2)
        .containsEntry("short", 2)
        .doesNotContainKey("ok");
  }

  @Test
  void aGuardedRuleAggregatesOnlyTheValidUpdates() {
    GuardedAggregation g = new GuardedAggregation(new FedAvg(false), new UpdateValidator(2));
    double[] out =
        g.aggregate(
            List.of(
                ClientUpdate.benign("a", new double[] {1, 2}, 1),
                ClientUpdate.benign("b", new double[] {Double.NaN, 2}, 1),
                ClientUpdate.benign("c", new double[] {3, 4}, 1)),
            AggregationContext.withoutReference(0, new double[2], 1));
    assertThat(out).containsExactly(2.0, 3.0);
    assertThat(g.validator().rejectionCounts()).containsEntry("b", 1);
  }

  @Test
  void anOverflowingAggregateBecomesAZeroUpdateInsteadOfInfinity() {
    GuardedAggregation g = new GuardedAggregation(new FedAvg(false), new UpdateValidator(1));
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
  void aRoundWithNoValidUpdateKeepsTheModel() {
    GuardedAggregation g = new GuardedAggregation(new CoordinateMedian(), new UpdateValidator(2));
    double[] out =
        g.aggregate(
            List.of(ClientUpdate.benign("a", new double[] {Double.NaN, 1}, 1)),
            AggregationContext.withoutReference(0, new double[2], 1));
    assertThat(out).containsExactly(0.0, 0.0);
  }
}
