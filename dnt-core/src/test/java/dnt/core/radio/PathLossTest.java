package dnt.core.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Path loss against numbers worked by hand from the formulas of TR 38.901 Table 7.4.1-1 (fc = 3.5
 * GHz unless stated; 20 log10(3.5) = 10.8814). Breakpoints: UMa (hBS 25, hUT 1.5) d'BP = 4 x 24 x
 * 0.5 x 3.5e9 / c = 560.39 m; UMi (hBS 10, hUT 1.5) d'BP = 4 x 9 x 0.5 x 3.5e9 / c = 210.15 m.
 */
final class PathLossTest {
  /**
   * The worked values below are rounded to 0.001 dB, so they are within half a unit of the last
   * digit of the exact formula (double rounding of the formula adds ~1e-13 dB).
   */
  private static final double TOL = 5e-4;

  /** The LOS probabilities below are rounded to 6 decimals: half a unit of the last digit. */
  private static final double PROBABILITY_TOL = 5e-7;

  private final UrbanMacro uma = new UrbanMacro(3.5);
  private final UrbanMicro umi = new UrbanMicro(3.5);

  @Test
  void umaBreakpointFollowsEffectiveHeights() {
    assertThat(uma.breakpointM(25, 1.5)).isCloseTo(560.388, within(TOL));
    assertThat(umi.breakpointM(10, 1.5)).isCloseTo(210.145, within(TOL));
  }

  @Test
  void umaLosBeforeTheBreakpointIsPl1() {
    // d3D = sqrt(100^2 + 23.5^2) = 102.724; 28 + 22 x 2.011672 + 10.8814 = 83.138
    assertThat(uma.pathLossDb(100, 25, 1.5, true)).isCloseTo(83.138, within(TOL));
    // d3D = sqrt(50^2 + 23.5^2) = 55.247; 28 + 22 x 1.742307 + 10.8814 = 77.212
    assertThat(uma.pathLossDb(50, 25, 1.5, true)).isCloseTo(77.212, within(TOL));
  }

  @Test
  void umaLosBeyondTheBreakpointIsPl2() {
    // d3D = 1000.276; 28 + 40 x 3.000120 + 10.8814 - 9 log10(560.388^2 + 23.5^2) = 109.406
    assertThat(uma.pathLossDb(1000, 25, 1.5, true)).isCloseTo(109.406, within(TOL));
    assertThat(uma.pathLossDb(2000, 25, 1.5, true)).isCloseTo(121.444, within(TOL));
  }

  @Test
  void umaNlosIsTheLargerOfLosAndTheNlosFormula() {
    // 13.54 + 39.08 x 2.011672 + 10.8814 - 0 = 103.038
    assertThat(uma.pathLossDb(100, 25, 1.5, false)).isCloseTo(103.038, within(TOL));
    assertThat(uma.pathLossDb(1000, 25, 1.5, false)).isCloseTo(141.666, within(TOL));
    // a user 10 m up at 2 GHz: the -0.6 (hUT - 1.5) term lowers the loss by 5.1 dB
    assertThat(new UrbanMacro(2.0).pathLossDb(500, 25, 10, false)).isCloseTo(119.944, within(TOL));
    assertThat(new UrbanMacro(2.0).pathLossDb(500, 25, 10, true)).isCloseTo(93.402, within(TOL));
  }

  @Test
  void umiStreetCanyonMatchesWorkedValues() {
    // LOS PL1: 32.4 + 21 log10(100.361) + 10.8814 = 85.314
    assertThat(umi.pathLossDb(100, 10, 1.5, true)).isCloseTo(85.314, within(TOL));
    // LOS PL2 beyond 210 m: 32.4 + 40 log10(300.12) + 10.8814 - 9.5 log10(210.145^2 + 8.5^2)
    assertThat(umi.pathLossDb(300, 10, 1.5, true)).isCloseTo(98.239, within(TOL));
    // NLOS: 22.4 + 35.3 log10(100.361) + 21.3 log10(3.5) = 104.644
    assertThat(umi.pathLossDb(100, 10, 1.5, false)).isCloseTo(104.644, within(TOL));
    assertThat(umi.pathLossDb(1000, 10, 1.5, false)).isCloseTo(139.889, within(TOL));
  }

  @Test
  void lossIsContinuousAtTheBreakpoint() {
    // PL1 and PL2 meet exactly at d'BP, so across the 2e-6 m step the loss moves only by its slope,
    // at most 40 / (ln 10 x 210 m) = 0.083 dB/m, i.e. 2e-7 dB (plus ~1e-13 dB of rounding); 1e-6
    // allows 5x that, while a wrong height term would jump by far more.
    double bp = uma.breakpointM(25, 1.5);
    assertThat(uma.pathLossDb(bp + 1e-6, 25, 1.5, true))
        .isCloseTo(uma.pathLossDb(bp - 1e-6, 25, 1.5, true), within(1e-6));
    double bpi = umi.breakpointM(10, 1.5);
    assertThat(umi.pathLossDb(bpi + 1e-6, 10, 1.5, true))
        .isCloseTo(umi.pathLossDb(bpi - 1e-6, 10, 1.5, true), within(1e-6));
  }

  @Test
  void lossNeverDecreasesWithDistance() {
    for (PropagationModel m : new PropagationModel[] {uma, umi, new FreeSpace(3.5)}) {
      for (boolean los : new boolean[] {true, false}) {
        double previous = Double.NEGATIVE_INFINITY;
        for (double d = 1; d < 20_000; d *= 1.01) {
          double pl = m.pathLossDb(d, 25, 1.5, los);
          assertThat(pl).as("%s at %s m", m.name(), d).isGreaterThanOrEqualTo(previous);
          previous = pl;
        }
      }
    }
  }

  @Test
  void anAntennaBelowTheEnvironmentHeightHasNoBreakpointRegion() {
    assertThat(uma.breakpointM(25, 0.5)).isZero();
    assertThat(umi.breakpointM(0.8, 1.5)).isZero();
    // PL2 from 10 m on: 28 + 40 log10(sqrt(100^2 + 24.5^2)) + 10.8814 - 9 log10(24.5^2) = 94.383,
    // more than the 83.138 of a user 1.5 m up (a negative h'UT used to give 69.9)
    assertThat(uma.pathLossDb(100, 25, 0.5, true)).isCloseTo(94.383, within(TOL));
    assertThat(uma.pathLossDb(100, 25, 0.5, true))
        .isGreaterThan(uma.pathLossDb(100, 25, 1.5, true));
    assertThat(umi.pathLossDb(100, 10, 0.5, true))
        .isGreaterThan(umi.pathLossDb(100, 10, 1.5, true));
  }

  @Test
  void distancesBelowTenMetresAreTakenAsTen() {
    assertThat(uma.pathLossDb(0, 25, 1.5, true)).isEqualTo(uma.pathLossDb(10, 25, 1.5, true));
  }

  @Test
  void freeSpaceIsFriis() {
    // 20 log10(4 pi x 102.724 x 3.5e9 / c) = 83.563
    assertThat(new FreeSpace(3.5).pathLossDb(100, 25, 1.5, true)).isCloseTo(83.563, within(TOL));
    // doubling the distance adds 6.02 dB; each loss (~80 dB) carries a few ulps of rounding
    // (ulp(80) = 1.4e-14), so the difference is exact to ~1e-13
    FreeSpace fs = new FreeSpace(2.0);
    assertThat(fs.pathLossDb(200, 1, 1, true) - fs.pathLossDb(100, 1, 1, true))
        .isCloseTo(20 * Math.log10(2), within(1e-12));
  }

  @Test
  void losProbabilityFollowsTable742() {
    assertThat(umi.losProbability(10, 1.5)).isEqualTo(1.0);
    // 18/100 + e^(-100/36) (1 - 0.18) = 0.230985
    assertThat(umi.losProbability(100, 1.5)).isCloseTo(0.230985, within(PROBABILITY_TOL));
    // 18/100 + e^(-100/63) (1 - 0.18) = 0.347671
    assertThat(uma.losProbability(100, 1.5)).isCloseTo(0.347671, within(PROBABILITY_TOL));
    // the height term for hUT = 18 m: C' = 0.5^1.5, times 1 + C' 5/4 (2)^3 e^(-200/150)
    assertThat(uma.losProbability(200, 18)).isCloseTo(0.247383, within(PROBABILITY_TOL));
  }

  @Test
  void shadowingSigmasComeFromTheTable() {
    assertThat(uma.shadowingSigmaDb(true)).isEqualTo(4.0);
    assertThat(uma.shadowingSigmaDb(false)).isEqualTo(6.0);
    assertThat(umi.shadowingSigmaDb(false)).isEqualTo(7.82);
  }

  @Test
  void modelsArePickedByName() {
    assertThat(Propagation.byName("UMa", 3.5)).isEqualTo(uma);
    assertThat(Propagation.byName("umi", 3.5)).isEqualTo(umi);
    assertThat(Propagation.byName("fspl", 3.5)).isInstanceOf(FreeSpace.class);
    assertThatThrownBy(() -> Propagation.byName("rma", 3.5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown propagation model 'rma'; known: uma, umi, fspl");
    assertThatThrownBy(() -> new UrbanMacro(0.1)).isInstanceOf(InvalidInputException.class);
  }
}
