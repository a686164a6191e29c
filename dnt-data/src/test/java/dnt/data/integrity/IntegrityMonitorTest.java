package dnt.data.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** The integrity monitor on residual streams whose faults are known. */
final class IntegrityMonitorTest {
  private static final IntegrityParams PARAMS = new IntegrityParams(288, 36, 6, 3, true);

  /** A prediction whose services sum to 100. */
  private static final double[] PREDICTION = {10, 10, 20, 20, 40};

  private static List<Verdict> run(IntegrityMonitor m, double[] residuals) {
    List<Verdict> out = new ArrayList<>();
    for (int i = 0; i < residuals.length; i++) {
      Verdict v = m.assess(i, 100 + residuals[i], PREDICTION.clone());
      m.apply(v);
      out.add(v);
    }
    return out;
  }

  private static double[] gaussian(long seed, int n) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = rng.nextGaussian();
    }
    return r;
  }

  @Test
  void aCleanStreamIsNeverFlagged() {
    IntegrityMonitor m = new IntegrityMonitor(PARAMS);
    // z > 6 has probability about 2e-9 per Gaussian residual: none in 2,000
    List<Verdict> vs = run(m, gaussian(1, 2000));
    assertThat(vs).noneMatch(Verdict::masked);
    assertThat(m.diverging()).isFalse();
    assertThat(m.checked()).isEqualTo(2000);
    assertThat(vs.subList(0, 36)).allMatch(v -> Double.isNaN(v.score()));
  }

  @Test
  void consecutiveOutliersFlagTheStreamMaskFromTheThirdAndInliersClearIt() {
    double[] r = gaussian(2, 200);
    int from = 100;
    int to = 110; // an offset of 50 standard deviations on [100, 110)
    for (int i = from; i < to; i++) {
      r[i] += 50;
    }
    IntegrityMonitor m = new IntegrityMonitor(PARAMS);
    List<Verdict> vs = new ArrayList<>();
    boolean divergingInside = false;
    for (int i = 0; i < r.length; i++) {
      Verdict v = m.assess(i, 100 + r[i], PREDICTION.clone());
      m.apply(v);
      vs.add(v);
      if (i == to - 1) {
        divergingInside = m.diverging();
      }
    }
    assertThat(divergingInside).isTrue();
    for (int i = 0; i < r.length; i++) {
      boolean fault = i >= from && i < to;
      assertThat(vs.get(i).outlier()).as("outlier %d", i).isEqualTo(fault);
      // masked once three outliers in a row have been seen: from the third faulty slot on
      assertThat(vs.get(i).masked()).as("masked %d", i).isEqualTo(fault && i >= from + 2);
    }
    assertThat(m.diverging()).isFalse();
  }

  @Test
  void theWindowTakesOnlyInliersSoAFaultDoesNotWidenItsOwnScale() {
    IntegrityMonitor m = new IntegrityMonitor(PARAMS);
    run(m, gaussian(3, 100));
    double[] before = m.windowValues();
    Verdict v = m.assess(100, 100 + 1000, PREDICTION.clone());
    m.apply(v);
    assertThat(v.outlier()).isTrue();
    assertThat(m.windowValues()).containsExactly(before);
  }
}
