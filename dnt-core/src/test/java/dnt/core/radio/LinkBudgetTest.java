package dnt.core.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.util.Seeds;
import org.junit.jupiter.api.Test;

/** Per-link randomness is fixed per (seed, station, user) and has the advertised statistics. */
final class LinkBudgetTest {
  private final PropagationModel uma = new UrbanMacro(3.5);

  // Hand computation of TR 38.901 V17 Table 7.4.1-1 (UMa) and Table 7.4.2-1, written out here
  // independently of UrbanModel: fc = 3.5 GHz, hBS = 25 m, hUT = 1.5 m.
  private static final double FC_GHZ = 3.5;
  private static final double H_BS = 25;
  private static final double H_UT = 1.5;
  private static final double C = 299_792_458.0;

  /** UMa path loss by hand: PL1 / PL2 around d'BP = 4 h'BS h'UT fc / c, NLOS max(PL_LOS, PL'). */
  private static double handUmaPathLossDb(double d2d, boolean los) {
    double d3d = Math.sqrt(d2d * d2d + (H_BS - H_UT) * (H_BS - H_UT));
    double breakpoint = 4 * (H_BS - 1) * (H_UT - 1) * FC_GHZ * 1e9 / C; // 560.4 m
    double plLos =
        d2d <= breakpoint
            ? 28 + 22 * Math.log10(d3d) + 20 * Math.log10(FC_GHZ)
            : 28
                + 40 * Math.log10(d3d)
                + 20 * Math.log10(FC_GHZ)
                - 9 * Math.log10(breakpoint * breakpoint + (H_BS - H_UT) * (H_BS - H_UT));
    if (los) {
      return plLos;
    }
    double plNlos = 13.54 + 39.08 * Math.log10(d3d) + 20 * Math.log10(FC_GHZ) - 0.6 * (H_UT - 1.5);
    return Math.max(plLos, plNlos);
  }

  /** UMa LOS probability by hand (hUT <= 13 m, so C'(hUT) = 0). */
  private static double handUmaLosProbability(double d2d) {
    return d2d <= 18 ? 1 : 18 / d2d + Math.exp(-d2d / 63) * (1 - 18 / d2d);
  }

  /**
   * The documented draw of a link: {@code bits = Seeds.derive(seed, station, user)}, a uniform
   * {@code u = (bits >>> 11) 2^-53} decides LOS, and the standard normal is Box-Muller on the
   * uniforms of {@code derive(bits, 1)} (in (0, 1]) and {@code derive(bits, 2)}, clipped to +-3.
   */
  private static double handLossDb(long seed, long station, long user, double d2d) {
    long bits = Seeds.derive(seed, station, user);
    double unit = 0x1.0p-53;
    boolean los = (bits >>> 11) * unit < handUmaLosProbability(d2d);
    double u1 = ((Seeds.derive(bits, 1) >>> 11) + 1) * unit;
    double u2 = (Seeds.derive(bits, 2) >>> 11) * unit;
    double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    z = Math.max(-3, Math.min(3, z));
    double sigma = los ? 4 : 6;
    return handUmaPathLossDb(d2d, los) + sigma * z;
  }

  // Losses are about 100 dB, where a double's spacing is 1.4e-14 dB; the hand formulas group the
  // same terms differently, which moves the result by a few ulps, so 1e-9 dB bounds the rounding
  // with a wide margin while any formula or constant error (0.01 dB and up) fails.
  private static final double ROUNDING_DB = 1e-9;

  @Test
  void fixedModesUseTheMatchingFormula() {
    LinkBudget los = new LinkBudget(uma, LosMode.ALWAYS, false, 1);
    LinkBudget nlos = new LinkBudget(uma, LosMode.NEVER, false, 1);
    for (double d : new double[] {50, 300, 1200}) {
      assertThat(los.lossDb(1, 2, d, H_BS, H_UT))
          .isCloseTo(handUmaPathLossDb(d, true), within(ROUNDING_DB));
      assertThat(nlos.lossDb(1, 2, d, H_BS, H_UT))
          .isCloseTo(handUmaPathLossDb(d, false), within(ROUNDING_DB));
    }
  }

  @Test
  void aLinksLossIsTheHandComputedDrawOfItsSeedAndIds() {
    LinkBudget b = new LinkBudget(uma, LosMode.RANDOM, true, 7);
    int los = 0;
    for (int user = 0; user < 400; user++) {
      double d = 20 + 3 * user; // 20 m .. 1217 m: both sides of the 560 m breakpoint
      double expected = handLossDb(7, 3, user, d);
      assertThat(b.lossDb(3, user, d, H_BS, H_UT)).isCloseTo(expected, within(ROUNDING_DB));
      los += b.lineOfSight(3, user, d, H_UT) ? 1 : 0;
    }
    // both LOS and NLOS links were drawn, so both branches were checked
    assertThat(los).isBetween(1, 399);
    // another seed draws other values for the same link
    assertThat(new LinkBudget(uma, LosMode.RANDOM, true, 8).lossDb(3, 4, 250, H_BS, H_UT))
        .isCloseTo(handLossDb(8, 3, 4, 250), within(ROUNDING_DB))
        .isNotCloseTo(handLossDb(7, 3, 4, 250), within(ROUNDING_DB));
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
