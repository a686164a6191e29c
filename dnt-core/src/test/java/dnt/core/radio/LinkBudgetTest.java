package dnt.core.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Per-link randomness is fixed per (seed, station, user) and has the advertised statistics. */
final class LinkBudgetTest {
  private final PropagationModel uma = new UrbanMacro(3.5);

  @Test
  void fixedModesUseTheMatchingFormula() {
    LinkBudget los = new LinkBudget(uma, LosMode.ALWAYS, false, 1);
    LinkBudget nlos = new LinkBudget(uma, LosMode.NEVER, false, 1);
    assertThat(los.lossDb(1, 2, 300, 25, 1.5)).isEqualTo(uma.pathLossDb(300, 25, 1.5, true));
    assertThat(nlos.lossDb(1, 2, 300, 25, 1.5)).isEqualTo(uma.pathLossDb(300, 25, 1.5, false));
  }

  @Test
  void aLinkDrawsTheSameValueEveryTime() {
    LinkBudget b = new LinkBudget(uma, LosMode.RANDOM, true, 7);
    assertThat(b.lossDb(3, 4, 250, 25, 1.5)).isEqualTo(b.lossDb(3, 4, 250, 25, 1.5));
    assertThat(new LinkBudget(uma, LosMode.RANDOM, true, 8).lossDb(3, 4, 250, 25, 1.5))
        .isNotEqualTo(b.lossDb(3, 4, 250, 25, 1.5));
  }

  @Test
  void randomLosFrequencyMatchesTheProbability() {
    LinkBudget b = new LinkBudget(uma, LosMode.RANDOM, false, 11);
    int n = 200_000;
    int los = 0;
    for (int u = 0; u < n; u++) {
      if (b.lineOfSight(5, u, 100, 1.5)) {
        los++;
      }
    }
    double p = uma.losProbability(100, 1.5);
    double se = Math.sqrt(p * (1 - p) / n);
    assertThat((double) los / n).isCloseTo(p, within(5 * se));
  }

  @Test
  void shadowingIsAStandardNormalClippedAtThreeSigma() {
    int n = 200_000;
    double sum = 0;
    double sq = 0;
    double max = 0;
    for (int u = 0; u < n; u++) {
      double z = LinkBudget.standardNormal(dnt.core.util.Seeds.derive(99, u));
      sum += z;
      sq += z * z;
      max = Math.max(max, Math.abs(z));
    }
    assertThat(sum / n).isCloseTo(0, within(0.01));
    // N(0,1) clipped at +-3: 0.99730 x 0.97334 + 0.00270 x 9 = 0.9950
    assertThat(sq / n).isCloseTo(0.9950, within(0.015));
    assertThat(max).isLessThanOrEqualTo(LinkBudget.SHADOWING_TRUNCATION);
  }

  @Test
  void minimumLossBoundsEveryLink() {
    LinkBudget b = new LinkBudget(uma, LosMode.RANDOM, true, 3);
    for (int u = 0; u < 10_000; u++) {
      double d = 10 + u % 3000;
      assertThat(b.lossDb(1, u, d, 25, 1.5)).isGreaterThanOrEqualTo(b.minLossDb(d, 25, 1.5));
    }
  }
}
