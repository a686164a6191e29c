package dnt.experiments.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidInputException;
import dnt.core.util.Seeds;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Each fault kind against its definition written out here, on a three-day ramp {@code x[t] = t +
 * 1}: the faulty window changes as the kind says, nothing outside it changes.
 */
final class FaultTest {
  private static final int N = 3 * 144;
  private static final int ON = 300;
  private static final int END = 310;

  private static double[] ramp() {
    double[] x = new double[N];
    for (int t = 0; t < N; t++) {
      x[t] = t + 1;
    }
    return x;
  }

  /** The settings with every range a single point, so a draw is known. */
  private static FaultSettings points() {
    return new FaultSettings(
        1,
        List.of("scaling", "offset", "frozen", "replay", "drift"),
        new FaultSettings.IntRange(2, 2),
        new FaultSettings.IntRange(10, 10),
        new FaultSettings.Range(3, 3),
        new FaultSettings.Range(0.5, 0.5),
        new FaultSettings.IntRange(2, 2),
        new FaultSettings.Range(1, 1));
  }

  private static Fault draw(String kind) {
    return FaultKinds.KINDS.factory(kind).draw(ON, END, ramp(), points(), Seeds.generator(1));
  }

  private static void assertOutsideUnchanged(double[] faulty) {
    for (int t = 0; t < N; t++) {
      if (t < ON || t >= END) {
        assertThat(faulty[t]).as("slot %d", t).isEqualTo(t + 1);
      }
    }
  }

  @Test
  void scalingMultiplies() {
    double[] y = draw("scaling").apply(ramp());
    assertOutsideUnchanged(y);
    for (int t = ON; t < END; t++) {
      assertThat(y[t]).isEqualTo(3.0 * (t + 1));
    }
  }

  @Test
  void offsetAddsAShareOfTheMeanBeforeTheOnset() {
    Fault f = draw("offset");
    double[] y = f.apply(ramp());
    assertOutsideUnchanged(y);
    // mean of 1..300 is 150.5; half of it is added
    for (int t = ON; t < END; t++) {
      assertThat(y[t]).isEqualTo(t + 1 + 0.5 * 150.5);
    }
    assertThat(f.magnitude()).isEqualTo(0.5);
  }

  @Test
  void frozenRepeatsTheLastReadingBeforeTheOnset() {
    double[] y = draw("frozen").apply(ramp());
    assertOutsideUnchanged(y);
    for (int t = ON; t < END; t++) {
      assertThat(y[t]).isEqualTo(300); // x[299] = 300
    }
    assertThat(draw("frozen").magnitude()).isNaN();
  }

  @Test
  void replayRepeatsTheSameSlotDaysEarlier() {
    double[] y = draw("replay").apply(ramp());
    assertOutsideUnchanged(y);
    for (int t = ON; t < END; t++) {
      assertThat(y[t]).isEqualTo(t - 288 + 1);
    }
  }

  @Test
  void driftGrowsLinearlyToItsChangeOnTheLastSlot() {
    double[] y = draw("drift").apply(ramp());
    assertOutsideUnchanged(y);
    // change 1 over 10 slots: factors 1.1, 1.2, ..., 2.0
    for (int k = 0; k < 10; k++) {
      int t = ON + k;
      // the same product rounded in another order: values below 700, a few ulps, far below 1e-9
      assertThat(y[t]).isCloseTo((t + 1) * (1 + (k + 1) / 10.0), within(1e-9));
    }
  }

  @Test
  void magnitudesAreDrawnFromTheirRangesWithTheInjectedGenerator() {
    FaultSettings s = FaultSettings.defaults();
    RandomGenerator a = Seeds.generator(5);
    // a replay of up to 6 days back needs an onset on day 6 or later
    double[] week = new double[8 * 144];
    for (int i = 0; i < 200; i++) {
      Fault.Scaling f =
          (Fault.Scaling) FaultKinds.KINDS.factory("scaling").draw(1000, 1010, week, s, a);
      assertThat(f.factor()).isBetween(1.5, 3.0);
      Fault.Replay r =
          (Fault.Replay) FaultKinds.KINDS.factory("replay").draw(1000, 1010, week, s, a);
      assertThat(r.daysBack()).isBetween(2, 6);
    }
    // the same seed gives the same draws
    Fault first = FaultKinds.KINDS.factory("drift").draw(ON, END, ramp(), s, Seeds.generator(9));
    Fault again = FaultKinds.KINDS.factory("drift").draw(ON, END, ramp(), s, Seeds.generator(9));
    assertThat(first).isEqualTo(again);
  }

  @Test
  void theKindsAreATableOfFiveAndAnUnknownOneIsNamedWithTheKnown() {
    assertThat(FaultKinds.KINDS.names())
        .containsExactly("scaling", "offset", "frozen", "replay", "drift");
    assertThatThrownBy(() -> FaultKinds.KINDS.factory("spike"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown fault kind 'spike'; known: scaling, offset, frozen, replay, drift");
  }

  @Test
  void aFaultPastTheStreamOrAReplayBeforeItsDayIsRefused() {
    assertThatThrownBy(() -> new Fault.Scaling(N - 1, N + 1, 2).apply(ramp()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fault.Replay(100, 110, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
