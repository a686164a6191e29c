package dnt.learn.fl.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidSettingException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wireless backhaul's rate against a hand-computed link budget, and the class mix. */
final class BackhaulTest {
  private static WirelessBackhaul uma(boolean los, double distance, double txDbm) {
    return new WirelessBackhaul("UMa", 3.5, los, distance, 25, 6, txDbm, 20, 20, 9, "shannon", 5);
  }

  @Test
  void theWirelessRateFollowsTheLinkBudgetWorkedByHand() {
    // TR 38.901 UMa NLOS at d2D 300 m, hBS 25 m, hUT 6 m, 3.5 GHz, written out here:
    double d3 = Math.sqrt(300 * 300 + 19 * 19);
    double nlos = 13.54 + 39.08 * Math.log10(d3) + 20 * Math.log10(3.5) - 0.6 * (6 - 1.5);
    double los = 28 + 22 * Math.log10(d3) + 20 * Math.log10(3.5); // below the 5.6 km breakpoint
    double pl = Math.max(nlos, los); // 118.56 dB
    double noiseDbm = -174 + 10 * Math.log10(20e6) + 9; // -91.99 dBm
    double snrDb = 30 + 20 - pl - noiseDbm; // 23.43 dB
    double bps = 20e6 * Math.log(1 + Math.pow(10, snrDb / 10)) / Math.log(2); // Shannon
    WirelessBackhaul w = uma(false, 300, 30);
    // the same formulas in another order: a few ulps of 100 dB
    assertThat(w.pathLossDb()).isCloseTo(pl, within(1e-9));
    assertThat(w.snrDb()).isCloseTo(snrDb, within(1e-9));
    // 1e-9 dB of SNR moves the rate by about 2.3e-10 relative: well under 1e-6 of 155 Mbit/s
    assertThat(w.rateBps()).isCloseTo(bps, within(1e-6 * bps));
    assertThat(bps).isBetween(150e6, 160e6);
    assertThat(w.hop().bytesPerSecond()).isCloseTo(bps / 8, within(1e-6 * bps));
    assertThat(w.hop().latencySeconds()).isEqualTo(0.005);
    // free space, LOS: 20 log10(4 pi d f / c)
    WirelessBackhaul f =
        new WirelessBackhaul("fspl", 3.5, true, 300, 25, 6, 30, 20, 20, 9, "shannon", 5);
    double fspl = 20 * Math.log10(4 * Math.PI * d3 * 3.5e9 / 299_792_458.0);
    assertThat(f.pathLossDb()).isCloseTo(fspl, within(1e-9));
    assertThat(uma(true, 300, 30).rateBps()).isGreaterThan(w.rateBps());
  }

  @Test
  void badWirelessSettingsAreRejectedNamingTheKey() {
    assertThatThrownBy(
            () -> new WirelessBackhaul("city", 3.5, false, 300, 25, 6, 30, 20, 20, 9, "shannon", 5))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("propagation"));
    assertThatThrownBy(
            () -> new WirelessBackhaul("uma", 3.5, false, 300, 25, 6, 30, 20, 20, 9, "magic", 5))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("rate"));
    assertThatThrownBy(() -> uma(false, 5, 30))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("distanceM"));
    // the attenuated Shannon model gives no rate below its minimum SINR
    WirelessBackhaul far =
        new WirelessBackhaul(
            "uma", 3.5, false, 50_000, 25, 6, 0, 0, 20, 9, "attenuated-shannon", 5);
    assertThatThrownBy(far::hop)
        .isInstanceOfSatisfying(
            InvalidSettingException.class,
            e -> {
              assertThat(e.key()).isEqualTo("distanceM");
              assertThat(e.getMessage()).contains("no rate");
            });
  }

  @Test
  void theMixGivesLargestRemainderCountsInASeededOrder() {
    BackhaulMix mix = new BackhaulMix(0.4, 0.4, 0.2);
    List<BackhaulClass> a = mix.assign(25, 7);
    assertThat(Collections.frequency(a, BackhaulClass.FIBRE)).isEqualTo(10);
    assertThat(Collections.frequency(a, BackhaulClass.MICROWAVE)).isEqualTo(10);
    assertThat(Collections.frequency(a, BackhaulClass.WIRELESS)).isEqualTo(5);
    assertThat(mix.assign(25, 7)).isEqualTo(a);
    // 1/3 each of 4: 1.33 each, the first largest remainder gets the fourth
    List<BackhaulClass> b = new BackhaulMix(1 / 3.0, 1 / 3.0, 1 / 3.0).assign(4, 1);
    assertThat(Collections.frequency(b, BackhaulClass.FIBRE)).isEqualTo(2);
    assertThat(b).hasSize(4);
    assertThatThrownBy(() -> new BackhaulMix(0.5, 0.4, 0.2))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("wireless"));
    assertThatThrownBy(() -> new BackhaulMix(-0.1, 0.9, 0.2))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("fibre"));
    // a hierarchy puts each station on its class's hop
    Hop fib = Hop.ofMbps(1000, 1);
    Hop mw = Hop.ofMbps(500, 2);
    Hop wl = Hop.ofMbps(150, 5);
    CostNetwork net = CostNetwork.hierarchical(a, fib, mw, wl, Hop.ofMbps(10_000, 5));
    for (int i = 0; i < a.size(); i++) {
      Hop expected =
          switch (a.get(i)) {
            case FIBRE -> fib;
            case MICROWAVE -> mw;
            case WIRELESS -> wl;
          };
      assertThat(net.access().get(i)).isEqualTo(expected);
    }
  }

  @Test
  void rawVolumePresetsAreTheirProducts() {
    assertThat(RawVolume.counters(5, 144, 4)).isEqualTo(2880);
    assertThat(RawVolume.cdr(1000, 200)).isEqualTo(200_000);
    assertThat(RawVolume.reports(10, 2, 144, 50)).isEqualTo(144_000);
    assertThatThrownBy(() -> RawVolume.cdr(0, 200))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("eventsPerDay"));
  }
}
