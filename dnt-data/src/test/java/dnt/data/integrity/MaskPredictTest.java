package dnt.data.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * The mask-predict rule on a hand-built stream: three days of 100 plus a bounded deterministic
 * noise, the total of slots 200..209 (day 1) multiplied by 4.
 */
final class MaskPredictTest {
  /**
   * A verdict's fields as text, each double by {@link Double#toString} (which tells every two
   * doubles apart, NaN included): equal texts are equal verdicts, bit for bit.
   */
  private static List<String> exactly(List<Verdict> verdicts) {
    return verdicts.stream()
        .map(
            v ->
                v.slot()
                    + " "
                    + v.observed()
                    + " "
                    + v.predicted()
                    + " "
                    + v.score()
                    + " "
                    + v.outlier()
                    + " "
                    + v.masked()
                    + " "
                    + java.util.Arrays.toString(v.prediction()))
        .toList();
  }

  private static final int FROM = 200;
  private static final int TO = 210;

  /**
   * 100 plus noise uniform in [-5, 5]; slots 200..209 four times that. All in the internet service.
   */
  private static double[][] stream() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(11);
    double[][] x = new double[3 * MaskPredict.SLOTS_PER_DAY][Verdict.SERVICES];
    for (int t = 0; t < x.length; t++) {
      double v = 100 + rng.nextDouble(-5, 5);
      x[t][4] = t >= FROM && t < TO ? 4 * v : v;
    }
    return x;
  }

  @Test
  void aFaultIsFlaggedOnItsThirdSlotMaskedByTheDayEarlierAndTheNextDayIsPredictedFromTheMask() {
    double[][] x = stream();
    MaskPredict.Replay r = MaskPredict.replay(IntegrityParams.defaults(), x);

    // the first day has nothing a day earlier: judged are slots 144.. only
    assertThat(r.verdicts()).hasSize(x.length - 144);
    assertThat(r.verdicts().get(0).slot()).isEqualTo(144);
    // clean residuals are differences of two uniform noises in [-5, 5]: triangular on [-10, 10],
    // MAD 10 (1 - 1/sqrt 2) = 2.9, scale 1.4826 MAD = 4.3, so |z| <= 10 / 4.3 = 2.3 (below 4 even
    // for a window whose MAD is a third lower), under the threshold of 6; a fault adds about 300.
    // On day 2 the prediction of slots 344 and 345 is the faulty, unmasked value of 200 and 201
    // (two outliers in a row, below the three that flag); 346..353 are predicted from the masks.
    List<Long> outliers = new ArrayList<>();
    List<Long> masked = new ArrayList<>();
    for (Verdict v : r.verdicts()) {
      if (v.outlier()) {
        outliers.add(v.slot());
      }
      if (v.masked()) {
        masked.add(v.slot());
      }
    }
    List<Long> expectedOutliers = new ArrayList<>();
    for (long t = FROM; t < TO; t++) {
      expectedOutliers.add(t);
    }
    expectedOutliers.addAll(List.of(344L, 345L));
    assertThat(outliers).isEqualTo(expectedOutliers);
    assertThat(masked).containsExactly(202L, 203L, 204L, 205L, 206L, 207L, 208L, 209L);
    // masked slots show the same slot a day earlier, unmasked ones what was observed
    for (int t = 0; t < x.length; t++) {
      double[] expected = t >= FROM + 2 && t < TO ? x[t - 144] : x[t];
      assertThat(r.shown()[t]).as("slot %d", t).containsExactly(expected);
    }
    // flagged from the third outlier (202) until three inliers in a row (210, 211, 212)
    for (int t = 0; t < x.length; t++) {
      assertThat(r.diverging()[t]).as("slot %d", t).isEqualTo(t >= 202 && t < 212);
    }
  }

  @Test
  void theOneSlotStepsAreWhatTheReplayRuns() {
    double[][] x = stream();
    IntegrityMonitor m = new IntegrityMonitor(IntegrityParams.defaults());
    double[][] shown = new double[x.length][];
    List<Verdict> verdicts = new ArrayList<>();
    for (int t = 0; t < x.length; t++) {
      if (t < 144) {
        shown[t] = x[t];
        continue;
      }
      Verdict v = MaskPredict.judge(m, t, x[t], shown[(int) MaskPredict.predictedFrom(t)]);
      verdicts.add(v);
      shown[t] = MaskPredict.shown(v, x[t]);
    }
    MaskPredict.Replay r = MaskPredict.replay(IntegrityParams.defaults(), x);
    assertThat(exactly(r.verdicts())).isEqualTo(exactly(verdicts));
    assertThat(m.checked()).isEqualTo(x.length - 144);
    // the observed total is the sum over services, the predicted one the prediction's sum
    Verdict first = r.verdicts().get(0);
    assertThat(first.observed()).isEqualTo(x[144][4]);
    assertThat(first.predicted()).isEqualTo(x[0][4]);
  }

  @Test
  void aDisabledCheckJudgesNothingAndShowsTheObservation() {
    double[][] x = stream();
    MaskPredict.Replay r = MaskPredict.replay(new IntegrityParams(288, 36, 6, 3, false), x);
    assertThat(r.verdicts()).isEmpty();
    assertThat(r.shown()).isDeepEqualTo(x);
    assertThat(r.diverging()).containsOnly(false);
  }
}
