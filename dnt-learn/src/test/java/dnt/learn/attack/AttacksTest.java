package dnt.learn.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidInputException;
import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attack registry's context: the attacker's own model, strength, noise and their defaults. */
final class AttacksTest {
  static final int D = AttackContractTest.D;

  static double[] own() {
    double[] w = new double[D];
    for (int j = 0; j < D; j++) {
      w[j] = j % 2 == 0 ? 3.0 + j : -3.0 - j;
    }
    return w;
  }

  static List<ClientUpdate> fakes(List<ClientUpdate> all) {
    return all.stream().filter(ClientUpdate::fake).toList();
  }

  @Test
  void mpafFromTheRegistryPullsTowardsTheAttackersOwnModel() {
    double[] base = own();
    AttackView v = AttackContractTest.view(3, 1);
    var mpaf =
        Attacks.REGISTRY
            .factory("mpaf")
            .apply(Attacks.Context.share(0.2).withStrength(10).withAttackerModel(base));
    List<ClientUpdate> f = fakes(mpaf.poison(v, AttackContractTest.benign(1)));
    assertThat(f).hasSize(3);
    for (ClientUpdate u : f) {
      for (int j = 0; j < D; j++) {
        double expected = 10 * (base[j] - v.currentGlobal()[j]);
        // one subtraction and one product in doubles: |error| <= 2 ulp of the product
        assertThat(u.deltaAsDouble()[j]).isCloseTo(expected, within(4 * Math.ulp(expected)));
      }
    }
  }

  @Test
  void tpiFromTheRegistryPushesTowardsTheAttackersOwnModelWithTheGivenNoise() {
    double[] base = own();
    AttackView v = AttackContractTest.view(3, 2);
    double eta = 1.5;
    double sigma = 0.2;
    var tpi =
        Attacks.REGISTRY
            .factory("tpi")
            .apply(
                Attacks.Context.share(0.2)
                    .withStrength(eta)
                    .withNoise(sigma)
                    .withAttackerModel(base));
    List<ClientUpdate> f = fakes(tpi.poison(v, AttackContractTest.benign(2)));
    assertThat(f).hasSize(3);
    for (ClientUpdate u : f) {
      for (int j = 0; j < D; j++) {
        double delta = Math.abs(v.currentGlobal()[j] - v.previousGlobal()[j]);
        double push = eta * delta * Math.signum(base[j] - v.currentGlobal()[j]);
        // the noise term is sigma delta z with |z| <= 3 (truncated normal), plus rounding of a
        // few operations on values of size (eta + 3 sigma) delta
        double slack = 3 * sigma * delta + 1e-15 * (eta + 3 * sigma) * delta;
        assertThat(u.deltaAsDouble()[j]).isCloseTo(push, within(slack));
      }
    }
  }

  @Test
  void withoutAnAttackerModelMpafAndTpiUseTheInitialGlobalModel() {
    AttackView v = AttackContractTest.view(3, 4);
    List<ClientUpdate> f =
        fakes(
            Attacks.create("mpaf", Attacks.Context.share(0.2))
                .poison(v, AttackContractTest.benign(4)));
    for (int j = 0; j < D; j++) {
      double expected = Mpaf.DEFAULT_LAMBDA * (v.initialGlobal()[j] - v.currentGlobal()[j]);
      // as above: one subtraction and one product
      assertThat(f.get(0).deltaAsDouble()[j]).isCloseTo(expected, within(4 * Math.ulp(expected)));
    }
  }

  @Test
  void strengthDefaultsToEachAttacksPublishedValueAndIsOtherwiseApplied() {
    assertThat(((Mpaf) Attacks.create("mpaf", Attacks.Context.share(0.2))).lambda()).isEqualTo(1e5);
    assertThat(((Mpaf) Attacks.create("mpaf", Attacks.Context.share(0.2).withStrength(7))).lambda())
        .isEqualTo(7);
    assertThat(((PoisonedFl) Attacks.create("poisonedfl", Attacks.Context.share(0.2))).lambda())
        .isEqualTo(10);
    assertThat(
            ((FakeClientAttack) Attacks.create("tpi", Attacks.Context.share(0.3).withSeed(5)))
                .share())
        .isEqualTo(0.3);
  }

  @Test
  void theContextCopiesTheModelAndRefusesImpossibleValues() {
    double[] base = own();
    Attacks.Context c = Attacks.Context.share(0.1).withAttackerModel(base);
    base[0] = 1e9;
    assertThat(c.attackerModel()[0]).isEqualTo(own()[0]);
    c.attackerModel()[1] = 1e9;
    assertThat(c.attackerModel()[1]).isEqualTo(own()[1]);
    assertThat(c).isEqualTo(Attacks.Context.share(0.1).withAttackerModel(own()));
    assertThat(Attacks.Context.share(0.1).hasAttackerModel()).isFalse();
    assertThatThrownBy(() -> Attacks.Context.share(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share");
    assertThatThrownBy(() -> Attacks.Context.share(0.1).withStrength(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strength");
    assertThatThrownBy(() -> Attacks.Context.share(0.1).withNoise(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("noise");
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Attacks.create("backdoor", Attacks.Context.share(0.2)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown attack 'backdoor'; known: " + String.join(", ", Attacks.names()));
  }
}
