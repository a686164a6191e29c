package dnt.learn.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.robust.Krum;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each attack's defining invariant, checked on random benign rounds. */
final class AttackInvariantsTest {
  static final int D = 8;

  static List<ClientUpdate> benign(int n, long seed) {
    Random rng = new Random(seed);
    List<ClientUpdate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[D];
      for (int j = 0; j < D; j++) {
        x[j] = 0.3 * (j % 3 - 1) + 0.05 + 0.1 * rng.nextGaussian();
      }
      out.add(ClientUpdate.benign("s" + i, x, 10 + i));
    }
    return out;
  }

  static AttackView view(long seed) {
    Random rng = new Random(seed);
    double[] w0 = new double[D];
    double[] prev = new double[D];
    double[] cur = new double[D];
    for (int j = 0; j < D; j++) {
      w0[j] = rng.nextGaussian();
      prev[j] = w0[j] + 0.5 * rng.nextGaussian();
      cur[j] = prev[j] + 0.1 * rng.nextGaussian();
    }
    return new AttackView(5, w0, prev, cur, seed);
  }

  static List<ClientUpdate> fakes(List<ClientUpdate> all) {
    return all.stream().filter(ClientUpdate::fake).toList();
  }

  @Test
  void fakeSharesCountFakesAmongAllClients() {
    assertThat(FakeClientAttack.fakeCount(40, 0.2)).isEqualTo(10);
    assertThat(FakeClientAttack.fakeCount(40, 0)).isZero();
    assertThat(FakeClientAttack.fakeCount(9, 0.1)).isEqualTo(1);
    List<ClientUpdate> b = benign(40, 1);
    List<ClientUpdate> all = new Mpaf(10, 0.2).poison(view(1), b);
    assertThat(all).hasSize(50);
    assertThat(fakes(all)).hasSize(10).allMatch(u -> u.weight() == 29.5);
    assertThat(all.subList(0, 40)).containsExactlyElementsOf(b);
  }

  @Test
  void mpafUpdatesAreIdenticalAndParallelToBaseMinusGlobal() {
    for (long seed = 0; seed < 20; seed++) {
      AttackView v = view(seed);
      Mpaf mpaf = new Mpaf(1e5, 0.25, seed % 2 == 0 ? Mpaf.Base.INITIAL : Mpaf.Base.RANDOM, seed);
      List<ClientUpdate> f = fakes(mpaf.poison(v, benign(9, seed)));
      double[] dir = new double[D];
      double[] base = mpaf.baseModel(v);
      for (int j = 0; j < D; j++) {
        dir[j] = base[j] - v.currentGlobal()[j];
      }
      for (ClientUpdate u : f) {
        assertThat(u.deltaAsDouble()).containsExactly(f.get(0).deltaAsDouble());
        double cos = dot(u.deltaAsDouble(), dir) / (norm(u.deltaAsDouble()) * norm(dir));
        // the fake is lambda (base - w) elementwise: dot products and norms of 8 coordinates carry
        // ~8 x 2^-53 = 1e-15 relative rounding
        assertThat(cos).isCloseTo(1.0, within(1e-12));
        assertThat(norm(u.deltaAsDouble()))
            .isCloseTo(1e5 * norm(dir), within(1e-12 * norm(dir) * 1e5));
      }
    }
  }

  @Test
  void tpiStaysWithinItsPerCoordinateBoundAndPointsBackToTheInitialModel() {
    for (long seed = 0; seed < 20; seed++) {
      AttackView v = view(seed);
      Tpi tpi = new Tpi(2, 0.1, 0.2);
      double[] bound = tpi.bound(v);
      List<ClientUpdate> f = fakes(tpi.poison(v, benign(16, seed)));
      assertThat(f).hasSize(4);
      for (ClientUpdate u : f) {
        for (int j = 0; j < D; j++) {
          double x = u.deltaAsDouble()[j];
          double delta = Math.abs(v.currentGlobal()[j] - v.previousGlobal()[j]);
          // x and bound = (2 + 0.3) delta: a few roundings of values below 2 (ulp(1) = 2.2e-16)
          assertThat(Math.abs(x)).isLessThanOrEqualTo(bound[j] + 1e-15);
          assertThat(bound[j]).isCloseTo(2.3 * delta, within(1e-12));
          // the noise (at most 0.3 delta) never overturns the push towards w0 (2 delta)
          assertThat(Math.signum(x))
              .isEqualTo(Math.signum(v.initialGlobal()[j] - v.currentGlobal()[j]));
        }
      }
      // fakes differ from one another (independent noise)
      assertThat(f.get(0).deltaAsDouble()).isNotEqualTo(f.get(1).deltaAsDouble());
    }
  }

  @Test
  void tpiFallsBackToTheAverageStepWhenThePreviousModelIsUnknown() {
    double[] w0 = {0, 0};
    double[] wt = {4, -2};
    AttackView v = new AttackView(2, w0, wt, wt, 1);
    assertThat(Tpi.step(v)).containsExactly(2.0, 1.0);
  }

  @Test
  void minMaxStaysWithinTheBenignDistanceBound() {
    for (long seed = 0; seed < 10; seed++) {
      for (MinMax.Perturbation p : MinMax.Perturbation.values()) {
        List<ClientUpdate> b = benign(12, seed);
        List<ClientUpdate> all = new MinMax(0.25, false, p).poison(view(seed), b);
        double[] m = all.get(0).deltaAsDouble();
        double maxPair = 0;
        double maxToM = 0;
        for (ClientUpdate x : b) {
          maxToM = Math.max(maxToM, dist(m, x.deltaAsDouble()));
          for (ClientUpdate y : b) {
            maxPair = Math.max(maxPair, dist(x.deltaAsDouble(), y.deltaAsDouble()));
          }
        }
        // the attack and this test compute distances of 8 coordinates in different orders
        // (~1e-15 relative apart)
        assertThat(maxToM).isLessThanOrEqualTo(maxPair * (1 + 1e-12));
        // and it is not trivially the mean: the search moved it to the boundary. The binary
        // search stops within 1e-5 of the boundary gamma, and the distance moves by at most |p|
        // <= sqrt(8) per unit of gamma: 3e-5 short of maxPair (~0.5) at most, under 1e-4 relative
        assertThat(maxToM).isGreaterThan(0.999 * maxPair);
        assertThat(all.subList(0, 3)).allMatch(u -> java.util.Arrays.equals(u.deltaAsDouble(), m));
        assertThat(all.subList(3, 12)).isEqualTo(b.subList(3, 12));
      }
    }
  }

  @Test
  void minSumStaysWithinTheBenignSumOfSquaresBound() {
    List<ClientUpdate> b = benign(12, 3);
    double[] m =
        new MinMax(0.25, true, MinMax.Perturbation.UNIT_VECTOR)
            .poison(view(3), b)
            .get(0)
            .deltaAsDouble();
    double bound = 0;
    for (ClientUpdate x : b) {
      double s = 0;
      for (ClientUpdate y : b) {
        s += Math.pow(dist(x.deltaAsDouble(), y.deltaAsDouble()), 2);
      }
      bound = Math.max(bound, s);
    }
    double s = 0;
    for (ClientUpdate x : b) {
      s += Math.pow(dist(m, x.deltaAsDouble()), 2);
    }
    // above: rounding of sums of 12 squared distances (~1e-15 relative). Below: the search stops
    // within 1e-5 of the boundary gamma, where the sum moves by at most 2 x 12 x max|m - x| |p|
    // ~ 12 per unit of gamma, i.e. 1.2e-4 of a bound of ~2: under 1e-4 relative
    assertThat(s).isLessThanOrEqualTo(bound * (1 + 1e-12)).isGreaterThan(0.999 * bound);
  }

  @Test
  void lieShiftsTheMeanByZStandardDeviations() {
    List<ClientUpdate> b = benign(10, 4);
    List<ClientUpdate> all = new Lie(0.2, 1.5).poison(view(4), b);
    double[] m = all.get(0).deltaAsDouble();
    for (int j = 0; j < D; j++) {
      double mean = 0;
      for (ClientUpdate u : b) {
        mean += u.deltaAsDouble()[j] / b.size();
      }
      double ss = 0;
      for (ClientUpdate u : b) {
        ss += Math.pow(u.deltaAsDouble()[j] - mean, 2) / b.size();
      }
      // means and variances of 10 values below 1 in another order: ~1e-15
      assertThat(m[j]).isCloseTo(mean - 1.5 * Math.sqrt(ss), within(1e-12));
    }
    assertThat(all.get(1).deltaAsDouble()).containsExactly(m);
  }

  @Test
  void lieTakesBaruchEtAlsZMaxByDefault() {
    // z_max = Phi^-1((n - s) / n), s = floor(n/2 + 1) - f (Baruch et al. 2019, Algorithm 1);
    // quantiles from a standard normal table, given to 4 decimals (so within 5e-5 of the truth):
    // n = 50, f = 10: s = 26 - 10 = 16, Phi^-1(34/50 = 0.68) = 0.4677
    // n = 50, f = 12: s = 26 - 12 = 14, Phi^-1(36/50 = 0.72) = 0.5828
    // n = 20, f = 4: s = 11 - 4 = 7, Phi^-1(13/20 = 0.65) = 0.3853
    // n = 10, f = 2: s = 6 - 2 = 4, Phi^-1(6/10 = 0.6) = 0.2533
    // n = 10, f = 1: s = 6 - 1 = 5, Phi^-1(5/10 = 0.5) = 0
    assertThat(Lie.zMax(50, 10)).isCloseTo(0.4677, within(1e-4));
    assertThat(Lie.zMax(50, 12)).isCloseTo(0.5828, within(1e-4));
    assertThat(Lie.zMax(20, 4)).isCloseTo(0.3853, within(1e-4));
    assertThat(Lie.zMax(10, 2)).isCloseTo(0.2533, within(1e-4));
    assertThat(Lie.zMax(10, 1)).isCloseTo(0.0, within(1e-4));
    // the former formula, kept as HONEST_FRACTION: Phi^-1((n - f - s) / (n - f))
    // n = 50, f = 10: Phi^-1(24/40 = 0.6) = 0.2533; n = 20, f = 4: Phi^-1(9/16 = 0.5625) = 0.1573
    assertThat(Lie.z(Lie.ZRule.HONEST_FRACTION, 50, 10)).isCloseTo(0.2533, within(1e-4));
    assertThat(Lie.z(Lie.ZRule.HONEST_FRACTION, 20, 4)).isCloseTo(0.1573, within(1e-4));

    // the attack uses z_max: 2 of 10 clients compromised -> z = 0.2533 (table, as above)
    List<ClientUpdate> b = benign(10, 4);
    double[] crafted = new Lie(0.2, Double.NaN).poison(view(4), b).get(0).deltaAsDouble();
    for (int j = 0; j < D; j++) {
      double mean = 0;
      for (ClientUpdate u : b) {
        mean += u.deltaAsDouble()[j] / b.size();
      }
      double ss = 0;
      for (ClientUpdate u : b) {
        ss += Math.pow(u.deltaAsDouble()[j] - mean, 2) / b.size();
      }
      double sd = Math.sqrt(ss);
      // the table's 5e-5 error in z times sd, plus double rounding
      assertThat(crafted[j]).isCloseTo(mean - 0.2533 * sd, within(5e-5 * sd + 1e-12));
    }
  }

  @Test
  void fangAgainstTrimmedMeanGoesBeyondTheBenignExtremeAgainstTheBenignDirection() {
    List<ClientUpdate> b = benign(10, 5);
    List<ClientUpdate> all = new FangTrimmedMean(0.3, 2).poison(view(5), b);
    for (int k = 0; k < 3; k++) {
      double[] m = all.get(k).deltaAsDouble();
      for (int j = 0; j < D; j++) {
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ClientUpdate u : b) {
          mean += u.deltaAsDouble()[j];
          min = Math.min(min, u.deltaAsDouble()[j]);
          max = Math.max(max, u.deltaAsDouble()[j]);
        }
        if (mean > 0) {
          assertThat(m[j]).isLessThanOrEqualTo(min);
          // rounding of a product of order-1 values: ~1e-16
          assertThat(Math.abs(m[j])).isLessThanOrEqualTo(2 * Math.abs(min) + 1e-12);
        } else {
          assertThat(m[j]).isGreaterThanOrEqualTo(max);
          assertThat(Math.abs(m[j])).isLessThanOrEqualTo(2 * Math.abs(max) + 1e-12);
        }
      }
    }
  }

  @Test
  void fangAgainstKrumGetsAMaliciousUpdateSelected() {
    // the attack works when honest updates are noisy relative to their mean (high-dimensional
    // SGD noise): the crafted update then sits closer to everyone than they are to each other
    Random rng = new Random(6);
    List<ClientUpdate> b = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      double[] x = new double[D];
      for (int j = 0; j < D; j++) {
        x[j] = 0.05 + rng.nextGaussian();
      }
      b.add(ClientUpdate.benign("s" + i, x, 1));
    }
    List<ClientUpdate> all = new FangKrum(0.2).poison(view(6), b);
    assertThat(Krum.krum(3).selectedIndex(all)).isLessThan(3);
    double[] m = all.get(0).deltaAsDouble();
    // -lambda * sign(mu): every coordinate has the same magnitude
    for (int j = 1; j < D; j++) {
      // each is lambda times a sign: exactly equal (1e-15 allows a last-bit difference)
      assertThat(Math.abs(m[j])).isCloseTo(Math.abs(m[0]), within(1e-15));
    }
  }

  @Test
  void ipmSignFlipGaussianAndMimicDoWhatTheirNamesSay() {
    List<ClientUpdate> b = benign(10, 7);
    double[] mu = new double[D];
    for (ClientUpdate u : b) {
      for (int j = 0; j < D; j++) {
        mu[j] += u.deltaAsDouble()[j] / b.size();
      }
    }
    double[] ipm = SimpleAttacks.ipm(0.2, 2).poison(view(7), b).get(0).deltaAsDouble();
    for (int j = 0; j < D; j++) {
      // a mean of 10 values below 1 summed in another order: ~1e-15
      assertThat(ipm[j]).isCloseTo(-2 * mu[j], within(1e-12));
    }
    List<ClientUpdate> flipped = SimpleAttacks.signFlip(0.2, 1).poison(view(7), b);
    for (int j = 0; j < D; j++) {
      assertThat(flipped.get(1).deltaAsDouble()[j]).isEqualTo(-b.get(1).deltaAsDouble()[j]);
    }
    assertThat(flipped.get(2)).isEqualTo(b.get(2));
    List<ClientUpdate> mimic = SimpleAttacks.mimic(0.2).poison(view(7), b);
    assertThat(mimic.get(0).deltaAsDouble()).containsExactly(b.get(2).deltaAsDouble());
    List<ClientUpdate> g = SimpleAttacks.gaussian(0.5, 1).poison(view(7), benign(400, 7));
    double s = 0;
    double ss = 0;
    for (int i = 0; i < 200; i++) {
      for (double x : g.get(i).deltaAsDouble()) {
        s += x;
        ss += x * x;
      }
    }
    // 1600 N(0, 1) draws: the mean has standard error 1 / 40 = 0.025 and the mean square
    // sqrt(2 / 1600) = 0.035: 4 and 4.2 sigma
    assertThat(s / 1600).isCloseTo(0, within(0.1));
    assertThat(ss / 1600).isCloseTo(1, within(0.15));
  }

  @Test
  void poisonedFlKeepsOneSignVectorAcrossRoundsAndScalesWithTheGlobalStep() {
    PoisonedFl p = new PoisonedFl(10, 0.2, 50, 3);
    AttackView v = view(8);
    double[] g1 = fakes(p.poison(v, benign(8, 8))).get(0).deltaAsDouble();
    double[] g2 = fakes(p.poison(view(9), benign(8, 9))).get(0).deltaAsDouble();
    for (int j = 0; j < D; j++) {
      assertThat(Math.signum(g1[j])).isEqualTo(Math.signum(g2[j]));
    }
    double step = dist(v.currentGlobal(), v.previousGlobal());
    // lambda step s / sqrt(d) with s = +-1 has norm lambda step up to a few ulps of ~3 (1e-15)
    assertThat(norm(g1)).isCloseTo(10 * step, within(1e-12));
  }

  @Test
  void poisonedFlShrinksLambdaWhenTheModelDoesNotFollowItsSigns() {
    PoisonedFl p = new PoisonedFl(10, 0.2, 2, 5);
    double[] s = p.signs(D);
    double[] w0 = new double[D];
    // the global model moves against the sign vector: the attack is not working
    double[] w2 = new double[D];
    for (int j = 0; j < D; j++) {
      w2[j] = -s[j];
    }
    p.poison(new AttackView(0, w0, w0, w0, 1), benign(8, 1));
    p.poison(new AttackView(1, w0, w0, w0, 1), benign(8, 1));
    assertThat(p.lambda()).isEqualTo(10.0);
    p.poison(new AttackView(2, w0, w0, w2, 1), benign(8, 1));
    // 10 x 0.7 is within an ulp of 7 (8.9e-16)
    assertThat(p.lambda()).isCloseTo(7.0, within(1e-12));
    // the model now follows the signs: lambda stays
    double[] w4 = w2.clone();
    for (int j = 0; j < D; j++) {
      w4[j] += 3 * s[j];
    }
    p.poison(new AttackView(4, w0, w2, w4, 1), benign(8, 1));
    assertThat(p.lambda()).isCloseTo(7.0, within(1e-12));
  }

  @Test
  void theRegistryCreatesEveryAttack() {
    for (String name : Attacks.names()) {
      var adv = Attacks.create(name, Attacks.Context.share(0.2));
      List<ClientUpdate> out = adv.poison(view(1), benign(10, 1));
      assertThat(out.size()).as(name).isGreaterThanOrEqualTo(10);
      for (ClientUpdate u : out) {
        assertThat(u.deltaAsDouble()).hasSize(D);
      }
    }
  }

  @Test
  void attackNamesAreMatchedWithoutRegardToLetterCase() {
    for (String name : Attacks.names()) {
      assertThat(Attacks.canonicalName(name.toUpperCase(java.util.Locale.ROOT))).isEqualTo(name);
    }
    assertThat(Attacks.create("MPAF", Attacks.Context.share(0.2))).isInstanceOf(Mpaf.class);
    assertThat(Attacks.create("Lie", Attacks.Context.share(0.2))).isInstanceOf(Lie.class);
    assertThatThrownBy(() -> Attacks.create("LITTLE", Attacks.Context.share(0.2)))
        .isInstanceOf(dnt.core.InvalidInputException.class)
        .hasMessage("unknown attack 'LITTLE'; known: " + String.join(", ", Attacks.names()));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  static double dist(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(s);
  }
}
