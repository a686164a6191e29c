package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.data.integrity.IntegrityParams;
import dnt.data.integrity.MaskPredict;
import dnt.data.integrity.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * A cell twin's state judges a stream exactly as {@link MaskPredict#replay} does (the integrity
 * study's detector is the live twin's): the same verdicts, bit for bit, and the same masked slots.
 */
final class SharedIntegrityRuleTest {
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

  @Test
  void aCellStateFedSlotBySlotGivesTheReplaysVerdicts() {
    int days = 4;
    int n = days * MaskPredict.SLOTS_PER_DAY;
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
    double[][] x = new double[n][Verdict.SERVICES];
    for (int t = 0; t < n; t++) {
      double level = 100 + 50 * Math.sin(2 * Math.PI * t / MaskPredict.SLOTS_PER_DAY);
      // a scaled stretch on day 1 and a frozen one on day 2, so masks feed later predictions
      double factor = t >= 200 && t < 230 ? 3 : 1;
      for (int s = 0; s < Verdict.SERVICES; s++) {
        x[t][s] = factor * level * (s + 1) / 15 + rng.nextGaussian();
      }
      if (t >= 400 && t < 420) {
        x[t] = x[399].clone();
      }
    }
    IntegrityParams params = IntegrityParams.defaults();
    CellState state = new CellState(params);
    List<Verdict> live = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      // one country code per slot: its row is the slot's total
      List<Observation> batch =
          List.of(new Observation(t, 39, x[t][0], x[t][1], x[t][2], x[t][3], x[t][4]));
      List<Verdict> vs = state.judge(batch);
      state.apply(batch, vs);
      live.addAll(vs);
    }
    MaskPredict.Replay replay = MaskPredict.replay(params, x);
    // the twin judges a slot once a later one arrives: the last slot is still open
    List<Verdict> expected = replay.verdicts().subList(0, replay.verdicts().size() - 1);
    assertThat(live).hasSize(n - MaskPredict.SLOTS_PER_DAY - 1);
    assertThat(exactly(live)).isEqualTo(exactly(expected));
    assertThat(expected).anyMatch(Verdict::masked);
    long[] masked = expected.stream().filter(Verdict::masked).mapToLong(Verdict::slot).toArray();
    assertThat(state.maskedSlots()).containsExactly(masked);
  }
}
