package dnt.experiments.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.util.Seeds;
import dnt.data.milan.MilanSubset;
import dnt.learn.attack.Attacks;
import dnt.learn.attack.Mpaf;
import dnt.learn.attack.Tpi;
import dnt.learn.fl.Adversary;
import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.Mlp;
import dnt.learn.forecast.WindowSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The study's attacks come from the attack registry, with the attacker's own initial model in the
 * context, and poison exactly as MPAF and TPI built directly from the study's settings (so the
 * study's metrics for a seed do not depend on how the adversary is made).
 */
final class PoisoningStudyAttackTest {
  static final PoisoningConfig CONFIG =
      new PoisoningConfig(
          42,
          1,
          EnumSet.allOf(Phase.class),
          List.of("mean"),
          List.of("none", "mpaf", "tpi"),
          1,
          1,
          0.2,
          1e5,
          2,
          0.1,
          10,
          8,
          1,
          false,
          false,
          false,
          PoisoningConfig.defaults(42, 1, EnumSet.allOf(Phase.class)).grids(),
          Map.of());

  /** The attacker's model as the study describes it: a fresh MLP initialisation from the seed. */
  static double[] attackerModel(long seed) {
    Mlp mlp = new Mlp(WindowSpec.fedda(24), CONFIG.hidden(), 1, 0.0);
    float[] p = Forecaster.initialise(mlp, Seeds.derive(seed, 0xA7)).parameters();
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i];
    }
    return out;
  }

  static List<ClientUpdate> benign(int n, int d) {
    Random rng = new Random(3);
    List<ClientUpdate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        x[j] = 0.01 * rng.nextGaussian();
      }
      out.add(ClientUpdate.benign("cell-" + i, x, 1));
    }
    return out;
  }

  static AttackView view(int d) {
    Random rng = new Random(5);
    double[] w0 = new double[d];
    double[] prev = new double[d];
    double[] cur = new double[d];
    for (int j = 0; j < d; j++) {
      w0[j] = 0.1 * rng.nextGaussian();
      prev[j] = w0[j] + 0.01 * rng.nextGaussian();
      cur[j] = prev[j] + 0.01 * rng.nextGaussian();
    }
    return new AttackView(2, w0, prev, cur, 11);
  }

  static void assertSamePoisoning(Adversary actual, Adversary expected, int d) {
    List<ClientUpdate> a = actual.poison(view(d), benign(25, d));
    List<ClientUpdate> e = expected.poison(view(d), benign(25, d));
    assertThat(a).hasSameSizeAs(e);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).clientId()).isEqualTo(e.get(i).clientId());
      assertThat(a.get(i).deltaAsDouble()).containsExactly(e.get(i).deltaAsDouble());
    }
  }

  @Test
  void theStudysAttacksAreTheRegistrysWithTheAttackersOwnModel() {
    try (PoisoningStudy study = new PoisoningStudy(CONFIG, MilanSubset.load())) {
      int d = study.parameters();
      long seed = 42;
      double[] own = attackerModel(seed);
      assertThat(own).hasSize(d);
      assertSamePoisoning(
          study.adversary(new PoisoningStudy.Attack("mpaf", 0.2, 1e5), seed),
          new Mpaf(1e5, 0.2, own),
          d);
      assertSamePoisoning(
          study.adversary(new PoisoningStudy.Attack("TPI", 0.2, 2), seed),
          new Tpi(2, CONFIG.tpiSigma(), 0.2, own),
          d);
      assertThat(study.adversary(new PoisoningStudy.Attack("none", 0, 1), seed))
          .isSameAs(Adversary.NONE);
    }
  }

  @Test
  void everyAttackOfTheStudyIsRegistered() {
    assertThat(Attacks.REGISTRY.names())
        .containsAll(PoisoningConfig.defaults(42, 1, EnumSet.allOf(Phase.class)).attacks());
  }
}
