package dnt.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** FedAvg against hand-computed averages. */
final class FedAvgTest {
  private static final AggregationContext CTX =
      AggregationContext.withoutReference(0, new double[2], 1);

  @Test
  void unweightedMeanIsThePlainAverage() {
    List<ClientUpdate> u =
        List.of(
            ClientUpdate.benign("a", new double[] {1, 2}, 10),
            ClientUpdate.benign("b", new double[] {3, -2}, 30));
    assertThat(new FedAvg(false).aggregate(u, CTX)).containsExactly(2.0, 0.0);
  }

  @Test
  void weightedMeanWeighsBySampleCount() {
    List<ClientUpdate> u =
        List.of(
            ClientUpdate.benign("a", new double[] {1, 2}, 10),
            ClientUpdate.benign("b", new double[] {3, -2}, 30));
    // (10*1 + 30*3)/40 = 2.5 ; (10*2 - 30*2)/40 = -1
    double[] r = new FedAvg(true).aggregate(u, CTX);
    // exact integer sums, one division each: within 1 ulp of 2.5 and -1
    assertThat(r[0]).isCloseTo(2.5, within(1e-12));
    assertThat(r[1]).isCloseTo(-1.0, within(1e-12));
  }

  @Test
  void zeroTotalWeightFailsLoudly() {
    List<ClientUpdate> u = List.of(ClientUpdate.benign("a", new double[] {1}, 0));
    assertThatThrownBy(() -> new FedAvg(true).aggregate(u, CTX))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
