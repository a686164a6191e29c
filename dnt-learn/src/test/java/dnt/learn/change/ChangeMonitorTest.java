package dnt.learn.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidInputException;
import dnt.core.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ChangeMonitorTest {
  static final int STEPS = 60;
  static final int BASELINE = 30;
  static final int CHANGE = 45;

  /**
   * Four stations on a ring (0-1-2-3-0), features (on, load, spread); loads wobble by a few percent
   * with the step (a deterministic stand-in for daily variation). With {@code switchOff}, station 2
   * is off from {@link #CHANGE} on: zero features, no edges.
   */
  static List<GraphSnapshot> ring(boolean switchOff) {
    List<GraphSnapshot> out = new ArrayList<>();
    double[] load = {1.0, 0.8, 1.2, 0.9};
    for (int t = 0; t < STEPS; t++) {
      boolean[] on = {true, true, !(switchOff && t >= CHANGE), true};
      float[] x = new float[12];
      for (int i = 0; i < 4; i++) {
        if (on[i]) {
          double wobble = 1 + 0.03 * Math.sin(0.7 * t + i);
          x[3 * i] = 1;
          x[3 * i + 1] = (float) (load[i] * wobble);
          x[3 * i + 2] = (float) (0.3 * load[i]);
        }
      }
      double[][] a = new double[4][4];
      for (int i = 0; i < 4; i++) {
        int j = (i + 1) % 4;
        if (on[i] && on[j]) {
          double w = 0.6 + 0.02 * Math.cos(0.5 * t + i);
          a[i][j] = w;
          a[j][i] = w;
        }
      }
      out.add(new GraphSnapshot(a, x, 3));
    }
    return out;
  }

  static final ChangeMonitor.Rule RULE = new ChangeMonitor.Rule(6, 3, 0.05);

  static ChangeMonitor.Detection run(ChangeDetector d, boolean switchOff) {
    return ChangeMonitor.run(d, ring(switchOff), BASELINE, RULE, Seeds.generator(7));
  }

  @Test
  void theGcnDetectorFlagsASwitchOffAndNotACleanSequence() {
    ChangeMonitor.Detection changed = run(new GcnDetector(8, 200, 0.01), true);
    assertThat(changed.onsets(BASELINE, CHANGE)).isZero();
    // the alarm needs the change to persist for 3 snapshots: raised at CHANGE + 2
    assertThat(changed.firstOnset(CHANGE)).isEqualTo(CHANGE + 2);
    ChangeMonitor.Detection clean = run(new GcnDetector(8, 200, 0.01), false);
    assertThat(clean.onsets(BASELINE, STEPS)).isZero();
    assertThat(clean.firstOnset(0)).isEqualTo(-1);
  }

  @Test
  void theRawThresholdFlagsASwitchOffAndNotACleanSequence() {
    ChangeMonitor.Detection changed = run(new RawThresholdDetector(1), true);
    assertThat(changed.onsets(BASELINE, CHANGE)).isZero();
    assertThat(changed.firstOnset(CHANGE)).isEqualTo(CHANGE + 2);
    assertThat(run(new RawThresholdDetector(1), false).firstOnset(0)).isEqualTo(-1);
  }

  /** A one-node detector whose representation is the node's first feature. */
  static final class Identity implements ChangeDetector {
    @Override
    public void fit(List<GraphSnapshot> baseline, RandomGenerator rng) {}

    @Override
    public double[] represent(GraphSnapshot g) {
      return new double[] {g.feature(0, 0)};
    }

    @Override
    public int width() {
      return 1;
    }
  }

  static List<GraphSnapshot> values(double... v) {
    List<GraphSnapshot> out = new ArrayList<>();
    for (double x : v) {
      out.add(new GraphSnapshot(new double[][] {{0}}, new float[] {(float) x}, 1));
    }
    return out;
  }

  @Test
  void scoresThresholdAndPersistenceByHand() {
    // baseline 1, 2, 3, 2, 1: median 2, absolute deviations 1, 0, 1, 0, 1, MAD 1, scale 1.4826
    // scores |v - 2| / 1.4826: 0.6745, 0, 0.6745, 0, 0.6745; their median 0.6745, MAD 0:
    // threshold 0.6745. Then 2, 9, 9, 2, 9, 9, 9: a run of 2 over it raises nothing, the run of
    // 3 raises the alarm at its third snapshot
    ChangeMonitor.Detection d =
        ChangeMonitor.run(
            new Identity(),
            values(1, 2, 3, 2, 1, 2, 9, 9, 2, 9, 9, 9),
            5,
            new ChangeMonitor.Rule(3, 3, 0.01),
            Seeds.generator(1));
    // float features: the values are small integers, exact in float; one division by 1.4826
    assertThat(d.scores()[0]).isCloseTo(1 / 1.4826, within(1e-12));
    assertThat(d.scores()[6]).isCloseTo(7 / 1.4826, within(1e-12));
    assertThat(d.threshold()).isCloseTo(1 / 1.4826, within(1e-12));
    assertThat(d.alarm())
        .containsExactly(
            false, false, false, false, false, false, false, false, false, false, false, true);
    assertThat(d.firstOnset(0)).isEqualTo(11);
    assertThat(d.onsets(0, 12)).isEqualTo(1);
  }

  @Test
  void refusesAShortBaselineAndABadRule() {
    assertThatThrownBy(
            () -> ChangeMonitor.run(new Identity(), values(1, 2, 3), 1, RULE, Seeds.generator(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("baseline");
    assertThatThrownBy(() -> new ChangeMonitor.Rule(1, 0, 0.1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("persist");
  }
}
