package dnt.learn.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.Adversary;
import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.robust.AggregationRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** FTI's update against its formula, and FTI against the mean and GLID in a small federation. */
final class FtiTest {
  private static final double[] W0 = {0, 0, 0};
  private static final double[] TARGET = {1, -2, 3};

  @Test
  void eachFakeSendsEtaTimesTheBaseMinusTheCurrentGlobal() {
    // crafted history: w0 = (0,0,0), w_(t-1) = (0.5,-1,1), w_t = (1,-1.5,2); eta 3, no noise:
    // g = 3 * (w0 - w_t) = (-3, 4.5, -6) for every fake (powers of two and small halves: exact)
    double[] prev = {0.5, -1, 1};
    double[] wt = {1, -1.5, 2};
    AttackView view = new AttackView(2, W0, prev, wt, 9);
    List<ClientUpdate> benign = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      benign.add(ClientUpdate.benign("b" + i, new double[] {0.1, 0.1, 0.1}, 1));
    }
    List<ClientUpdate> out = new Fti(3, 0, 0.25, null).poison(view, benign);
    // share 0.25 of 6 benign: round(0.25 * 6 / 0.75) = 2 fakes
    assertThat(out).hasSize(8);
    for (ClientUpdate u : out.subList(6, 8)) {
      assertThat(u.deltaAsDouble()).containsExactly(-3, 4.5, -6);
    }
  }

  @Test
  void theBaseIsTheAttackersModelWhenGiven() {
    double[] own = {2, 2, 2};
    double[] wt = {1, 1, 1};
    AttackView view = new AttackView(1, W0, W0, wt, 1);
    List<ClientUpdate> benign = List.of(ClientUpdate.benign("b", new double[] {0, 0, 0}, 1));
    Adversary fti =
        Attacks.create("fti", Attacks.Context.share(0.5).withStrength(2).withAttackerModel(own));
    // g = 2 * (own - wt) = (2, 2, 2)
    assertThat(fti.poison(view, benign).get(1).deltaAsDouble()).containsExactly(2, 2, 2);
  }

  @Test
  void noiseScalesEachCoordinateByAtMostOnePlusThreeSigma() {
    double[] wt = {1, -1, 4};
    AttackView view = new AttackView(1, W0, W0, wt, 3);
    List<ClientUpdate> benign = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      benign.add(ClientUpdate.benign("b" + i, new double[3], 1));
    }
    double eta = 2;
    double sigma = 0.1;
    for (ClientUpdate u : new Fti(eta, sigma, 0.5, null).poison(view, benign).subList(9, 18)) {
      for (int j = 0; j < 3; j++) {
        double pull = eta * (W0[j] - wt[j]);
        // z truncated to [-3, 3]: g_j / pull in [1 - 3 sigma, 1 + 3 sigma]; 1e-12 for rounding
        assertThat(u.deltaAsDouble()[j] / pull)
            .isBetween(1 - 3 * sigma - 1e-12, 1 + 3 * sigma + 1e-12);
      }
    }
  }

  @Test
  void tpiBoundedIsAnAliasOfTpi() {
    assertThat(Attacks.canonicalName("TPI-bounded")).isEqualTo("tpi");
  }

  /** Runs 60 rounds of 9 benign clients that step half-way to TARGET plus N(0, 0.01^2) noise. */
  private static double distanceAfter(String ruleName, Adversary adversary) {
    AggregationRule rule = AggregationRules.create(ruleName, AggregationRules.Options.defaults());
    Random rng = new Random(42);
    double[] prev = W0.clone();
    double[] w = W0.clone();
    for (int t = 0; t < 60; t++) {
      List<ClientUpdate> benign = new ArrayList<>();
      double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
      double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
      for (int i = 0; i < 9; i++) {
        double[] g = new double[3];
        for (int j = 0; j < 3; j++) {
          g[j] = 0.5 * (TARGET[j] - w[j]) + 0.01 * rng.nextGaussian();
          lo[j] = Math.min(lo[j], g[j]);
          hi[j] = Math.max(hi[j], g[j]);
        }
        benign.add(ClientUpdate.benign("b" + i, g, 1));
      }
      List<ClientUpdate> received = adversary.poison(new AttackView(t, W0, prev, w, 5), benign);
      double[] agg = rule.aggregate(received, new AggregationContext(t, w, 5, () -> W0));
      if (ruleName.startsWith("glid")) {
        // GLID averages only values inside a band inside the values' range; a fake that is the
        // coordinate's strict extreme is outside the type-7 band, so the result stays within the
        // benign values' range
        for (int j = 0; j < 3; j++) {
          assertThat(agg[j]).as("round %d coordinate %d", t, j).isBetween(lo[j], hi[j]);
        }
      }
      prev = w.clone();
      for (int j = 0; j < 3; j++) {
        w[j] += agg[j];
      }
    }
    double s = 0;
    for (int j = 0; j < 3; j++) {
      s += (w[j] - TARGET[j]) * (w[j] - TARGET[j]);
    }
    return Math.sqrt(s);
  }

  @Test
  void ftiMovesTheMeanAndGlidRemovesTheFake() {
    double scale = Math.sqrt(1 + 4 + 9); // |TARGET - w0|
    // share 0.1 of 9 benign: one fake with eta 10. Mean step 0.45 (T - w) + (w0 - w): fixed point
    // w* = (0.45 T + w0) / 1.45, at |T - w0| / 1.45 = 0.69 |T - w0| from T, contraction |1 - 1.45|
    // = 0.45 per round, so after 60 rounds the distance is 0.69 |T - w0| up to the noise
    // (stationary standard deviation about 0.01 per coordinate), well above a quarter.
    Adversary fti = Attacks.create("fti", Attacks.Context.share(0.1).withSeed(3));
    double attacked = distanceAfter("mean", fti);
    assertThat(attacked).isGreaterThan(0.25 * scale);
    // without attack the mean contracts by 0.5 per round to T; the noise leaves about 0.01 / 3
    // per coordinate, far below a tenth of |T - w0|
    double clean = distanceAfter("mean", Adversary.NONE);
    assertThat(clean).isLessThan(0.1 * scale);
    assertThat(attacked).isGreaterThan(clean);
    // GLID drops the fake each round (checked inside); the benign band mean contracts like the
    // clean mean
    for (String glid : List.of("glid", "glid-std", "glid-iqr")) {
      assertThat(distanceAfter(glid, Attacks.create("fti", Attacks.Context.share(0.1))))
          .as(glid)
          .isLessThan(0.1 * scale);
    }
  }

  @Test
  void zeroNoiseIsExact() {
    double[] wt = {0.25, 0.5, 0.75};
    AttackView view = new AttackView(1, W0, W0, wt, 3);
    List<ClientUpdate> benign = List.of(ClientUpdate.benign("b", new double[3], 1));
    double[] g = new Fti(4, 0, 0.5, null).poison(view, benign).get(1).deltaAsDouble();
    assertThat(g).containsExactly(new double[] {-1, -2, -3}, within(0.0));
  }
}
