package dnt.caching.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.core.util.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request models against their definitions: Zipf law, rates, regimes and seeding. */
final class RequestModelsTest {
  private static final Topology TOPO =
      Topology.builder().attach(0, 0, 0).attach(1, 0, 0).attach(2, 1, 0).attach(3, 1, 0).build();

  @Test
  void zipfProbabilitiesFollowThePowerLawAndSumToOne() {
    ZipfDistribution z = new ZipfDistribution(100, 0.8);
    double sum = 0;
    for (int r = 0; r < 100; r++) {
      sum += z.probability(r);
    }
    // a sum of 100 probabilities: at most 99 x 2^-53 = 1.1e-14 of rounding
    assertThat(sum).isCloseTo(1.0, within(1e-12));
    // 1 / H over 4^-0.8 / H: a few ulps of 3.03 (ulp = 4.4e-16)
    assertThat(z.probability(0) / z.probability(3)).isCloseTo(Math.pow(4, 0.8), within(1e-12));
  }

  @Test
  void zipfSamplesMatchTheirProbabilities() {
    ZipfDistribution z = new ZipfDistribution(50, 1.0);
    var random = Seeds.generator(7);
    int n = 200_000;
    int[] counts = new int[50];
    for (int i = 0; i < n; i++) {
      counts[z.sample(random)]++;
    }
    for (int r : new int[] {0, 1, 5, 20}) {
      double p = z.probability(r);
      double sd = Math.sqrt(p * (1 - p) / n);
      // binomial standard error; 5 sigma over 4 ranks
      assertThat((double) counts[r] / n).isCloseTo(p, within(5 * sd));
    }
  }

  @Test
  void withoutLocalityEveryStationRanksAlikeAndAShiftRotatesTheRanking() {
    ZipfPopularity z = new ZipfPopularity(3, 40, 1.0, 0.0, Seeds.generator(1));
    int top = z.itemAt(0, 0);
    assertThat(z.itemAt(1, 0)).isEqualTo(top);
    assertThat(z.itemAt(2, 5)).isEqualTo(z.itemAt(0, 5));
    int third = z.itemAt(0, 3);
    z.shift(3);
    assertThat(z.itemAt(0, 0)).isEqualTo(third);
    ZipfPopularity local = new ZipfPopularity(3, 40, 1.0, 1.0, Seeds.generator(1));
    int differing = 0;
    for (int r = 0; r < 40; r++) {
      differing += local.itemAt(0, r) != local.itemAt(1, r) ? 1 : 0;
    }
    assertThat(differing).isGreaterThan(10);
  }

  @Test
  void theRequestCountMatchesTheRateAndTheSameSeedGivesTheSameTrace() {
    ZipfPopularity z = new ZipfPopularity(2, 100, 0.9, 0.2, Seeds.generator(2));
    RequestGenerator g = new RequestGenerator(TOPO, 4, 0.5);
    Trace a = g.generate(z, 5000, List.of(), Seeds.generator(3));
    // 4 clients x 5000 slots x 0.5: mean 10000, sd 71; the window is 4.2 sigma
    assertThat(a.size()).isBetween(9700, 10300);
    Trace b = g.generate(z, 5000, List.of(), Seeds.generator(3));
    assertThat(b.items()).containsExactly(a.items());
    assertThat(b.clients()).containsExactly(a.clients());
    for (int i = 1; i < a.size(); i++) {
      assertThat(a.times()[i]).isGreaterThanOrEqualTo(a.times()[i - 1]);
    }
  }

  @Test
  void aRateSurgeMultipliesTheRequestsOfOneStationsClientsWhileActive() {
    ZipfPopularity z = new ZipfPopularity(2, 100, 0.9, 0.2, Seeds.generator(2));
    RequestGenerator g = new RequestGenerator(TOPO, 4, 0.25);
    Trace t =
        g.generate(
            z, 4000, List.of(new RareEvent.RateSurge(2000, 2000, 1, 3.0)), Seeds.generator(5));
    int[] before = new int[2];
    int[] during = new int[2];
    for (int i = 0; i < t.size(); i++) {
      int station = TOPO.stationsOf(t.clients()[i])[0];
      (t.times()[i] < 2000 ? before : during)[station]++;
    }
    // station 1: ~1000 requests before (sd 27) and ~3000 during (sd 27): the ratio has sd 0.087,
    // so 0.2 is 2.3 sigma; station 0: ~1000 and ~1000, ratio sd 0.039, so 0.1 is 2.6 sigma. Both
    // windows are narrower than 4 sigma and hold for this fixed seed only.
    assertThat((double) during[1] / before[1]).isCloseTo(3.0, within(0.2));
    assertThat((double) during[0] / before[0]).isCloseTo(1.0, within(0.1));
  }

  @Test
  void aFlashCrowdSendsItsStationsClientsToTheHotItemsOnlyWhileActive() {
    ZipfPopularity z = new ZipfPopularity(2, 100, 0.9, 0.2, Seeds.generator(2));
    RequestGenerator g = new RequestGenerator(TOPO, 4, 1.0);
    Trace t =
        g.generate(
            z,
            400,
            List.of(new RareEvent.FlashCrowd(100, 100, 0, 3, 0.5, 1000)),
            Seeds.generator(5));
    int hot = 0;
    int hotRequestsAtStation0 = 0;
    for (int i = 0; i < t.size(); i++) {
      if (t.items()[i] >= 1000) {
        hot++;
        assertThat(t.items()[i]).isLessThan(1003);
        assertThat(t.times()[i]).isBetween(100.0, 199.0);
        assertThat(TOPO.stationsOf(t.clients()[i])[0]).isZero();
        hotRequestsAtStation0++;
      }
    }
    // 2 clients x 100 slots x q = 1 x share 0.5: mean 100, sd 7.1; the window is 4.2 sigma
    assertThat(hot).isEqualTo(hotRequestsAtStation0).isBetween(70, 130);
  }

  @Test
  void shotNoiseContentsTakeNewIdsAndVanishWithoutAShare() {
    ZipfPopularity z = new ZipfPopularity(2, 100, 0.9, 0.2, Seeds.generator(2));
    RequestGenerator g = new RequestGenerator(TOPO, 4, 1.0);
    Trace with =
        g.generate(new ShotNoise(z, 1.0, 50, 20, 0.3, 100), 500, List.of(), Seeds.generator(1));
    long fresh = java.util.Arrays.stream(with.items()).filter(i -> i >= 100).count();
    // 2000 requests, each fresh with probability 0.3: sd 0.010; 0.05 is 4.9 sigma
    assertThat((double) fresh / with.size()).isCloseTo(0.3, within(0.05));
    Trace without =
        g.generate(new ShotNoise(z, 1.0, 50, 20, 0.0, 100), 500, List.of(), Seeds.generator(1));
    assertThat(java.util.Arrays.stream(without.items()).filter(i -> i >= 100).count()).isZero();
  }
}
