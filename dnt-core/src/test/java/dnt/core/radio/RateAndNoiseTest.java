package dnt.core.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Thermal noise, Shannon and the attenuated Shannon of TR 36.942. */
final class RateAndNoiseTest {
  @Test
  void noiseIsKtbPlusNoiseFigure() {
    // -174 + 10 log10(20e6) + 9 = -174 + 73.0103 + 9
    // printed to 4 decimals (exact: -91.98970004): half a unit of the last digit
    assertThat(ThermalNoise.dbm(20e6, 9)).isCloseTo(-91.9897, within(5e-5));
    // both sides are Math.pow(10, -17.4) of the same double, within an ulp (6e-34) of each other
    assertThat(ThermalNoise.mw(1, 0)).isCloseTo(Math.pow(10, -17.4), within(1e-32));
    assertThatThrownBy(() -> ThermalNoise.dbm(0, 9)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ThermalNoise.dbm(1e6, -1)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void shannonIsLog2OfOnePlusSinr() {
    Shannon s = new Shannon();
    // log(1 + x) / log(2) carries a few ulps of rounding (~1e-15); 1e-12 leaves room
    assertThat(s.spectralEfficiency(1)).isCloseTo(1, within(1e-12));
    assertThat(s.spectralEfficiency(15)).isCloseTo(4, within(1e-12));
    assertThat(s.spectralEfficiency(0)).isZero();
  }

  @Test
  void attenuatedShannonIsZeroBelowTheMinimumScaledInBetweenAndCapped() {
    AttenuatedShannon a = AttenuatedShannon.downlink();
    assertThat(a.spectralEfficiency(Units.fromDb(-10.5))).isZero();
    // 0.6 log2(1 + 15) = 2.4
    assertThat(a.spectralEfficiency(15)).isCloseTo(2.4, within(1e-12));
    // at -10 dB: 0.6 log2(1.1) = 0.0825
    // 0.6 log2(1.1) = 0.0825021, printed to 5 decimals: half a unit of the last digit
    assertThat(a.spectralEfficiency(Units.fromDb(-10))).isCloseTo(0.08250, within(5e-6));
    // 0.6 log2(1 + 10^3) = 5.98 > 4.4
    assertThat(a.spectralEfficiency(1000)).isEqualTo(4.4);
  }

  @Test
  void unitsRoundTrip() {
    // Math.pow is within an ulp; ulp(1000) = 1.1e-13, and log10 adds ~ulp(87.3) = 1.4e-14 below
    assertThat(Units.dbmToMw(30)).isCloseTo(1000, within(1e-12));
    assertThat(Units.mwToDbm(Units.dbmToMw(-87.3))).isCloseTo(-87.3, within(1e-12));
  }
}
