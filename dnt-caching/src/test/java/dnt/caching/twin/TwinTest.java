package dnt.caching.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.caching.workload.RequestGenerator;
import dnt.caching.workload.ZipfPopularity;
import dnt.core.util.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decayed-frequency forecaster and the twin fitted from a log. */
final class TwinTest {
  @Test
  void decayedCountsFollowTheClosedForm() {
    DecayedFrequency f = new DecayedFrequency(10);
    f.record(1); // tick 0
    f.record(2); // tick 1
    f.record(1); // tick 2
    // now tick 3: item 1 = e^-3/10 + e^-1/10, item 2 = e^-2/10
    double c1 = Math.exp(-0.3) + Math.exp(-0.1);
    double c2 = Math.exp(-0.2);
    // the counts are decayed incrementally (products of exponentials, each within an ulp) and
    // are below 3: ~1e-15 apart from the closed form
    assertThat(f.count(1)).isCloseTo(c1, within(1e-12));
    assertThat(f.count(2)).isCloseTo(c2, within(1e-12));
    assertThat(f.total()).isCloseTo(c1 + c2, within(1e-12));
    assertThat(f.probability(1)).isCloseTo(c1 / (c1 + c2), within(1e-12));
    assertThat(f.age(2)).isEqualTo(2);
    assertThat(f.count(9)).isZero();
    assertThat(f.age(9)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void theFittedTwinForecastsEachStationsPopularityAndRate() {
    Topology topo = Topology.ring(2, 3, 0.0, Seeds.generator(1));
    ZipfPopularity z = new ZipfPopularity(2, 200, 1.0, 1.0, Seeds.generator(2));
    Trace history =
        new RequestGenerator(topo, 6, 0.5).generate(z, 3000, List.of(), Seeds.generator(3));
    CachingTwin twin = CachingTwin.fit(history, topo, 6, 1e12, 0.0);
    // estimated from 6 clients x 3000 slots of Bernoulli(0.5): standard error 0.0037; 4 sigma
    assertThat(twin.requestProbability()).isCloseTo(0.5, within(0.015));
    for (int s = 0; s < 2; s++) {
      int top = z.itemAt(s, 0);
      double p = new dnt.caching.workload.ZipfDistribution(200, 1.0).probability(0);
      // p = 0.17 from ~4500 requests of the station's 3 clients: standard error 0.0056, so the
      // window is 3.6 sigma
      assertThat(twin.forecast(s, top)).isCloseTo(p, within(0.02));
    }
    Trace a = twin.synthesize(500, List.of(), Seeds.generator(9));
    Trace b = twin.synthesize(500, List.of(), Seeds.generator(9));
    assertThat(a.items()).containsExactly(b.items());
    // 500 slots x 6 clients x q (q fitted to 0.5 +- 0.015): mean 1500 +- 45, sd 27, so the window
    // is 4 sigma beyond the worst fitted q
    assertThat(a.size()).isBetween(1300, 1700);
    // the synthetic stream's most requested item at station 0 is the physical top item
    int top0 = z.itemAt(0, 0);
    long topCount = 0;
    for (int i = 0; i < a.size(); i++) {
      if (topo.stationsOf(a.clients()[i])[0] == 0 && a.items()[i] == top0) {
        topCount++;
      }
    }
    assertThat(topCount).isGreaterThan(50);
  }

  @Test
  void anOrderTwoMarkovModelLearnsTransitionsThatFrequencyCannotSee() {
    MarkovForecaster m = new MarkovForecaster(2);
    // 1,2,3,1,2,4 repeated: after (1,2) comes 3 or 4 equally; after (2,3) always 1.
    int[] cycle = {1, 2, 3, 1, 2, 4};
    for (int r = 0; r < 50; r++) {
      for (int x : cycle) {
        m.record(x);
      }
    }
    // the last two recorded are (2,4): the next is always 1
    assertThat(m.probability(1)).isEqualTo(1.0);
    assertThat(m.probability(3)).isZero();
    var random = Seeds.generator(4);
    int threes = 0;
    for (int i = 0; i < 2000; i++) {
      int x = m.sample(new int[] {1, 2}, random);
      assertThat(x).isIn(3, 4);
      threes += x == 3 ? 1 : 0;
    }
    // Binomial(2000, 0.5): sd 22.4; the window is 4.5 sigma
    assertThat(threes).isBetween(900, 1100);
    assertThat(m.sample(new int[] {7, 7}, random)).isEqualTo(-1);
  }

  @Test
  void aMarkovTwinReproducesAStationsRequestCycle() {
    Topology topo = Topology.builder().attach(0, 0, 0).build();
    int n = 3000;
    int[] clients = new int[n];
    int[] items = new int[n];
    for (int i = 0; i < n; i++) {
      items[i] = 10 + i % 5;
    }
    CachingTwin twin = CachingTwin.fit(Trace.sequential(clients, items), topo, 1, 1e12, 0.0, 1);
    Trace synthetic = twin.synthesize(400, List.of(), Seeds.generator(2));
    assertThat(synthetic.size()).isEqualTo(400);
    for (int i = 2; i < synthetic.size(); i++) {
      int prev = synthetic.items()[i - 1];
      assertThat(synthetic.items()[i]).isEqualTo(10 + (prev - 10 + 1) % 5);
    }
  }
}
