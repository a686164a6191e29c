package dnt.learn.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.Adversary;
import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every registered attack passes, run over {@link Attacks#REGISTRY}'s names (with and
 * without the attacker's own model in the context): the server receives updates of the model's
 * dimension, as many as the attack's kind implies (the benign ones plus {@code round(share n / (1 -
 * share))} fakes, or the benign ones with the first {@code round(share n)} replaced), all finite;
 * the benign updates passed in are not modified; two fresh attacks made from the same context
 * poison a sequence of rounds identically; a zero share leaves the round untouched; and the name
 * round-trips through the registry in any letter case.
 *
 * <p>{@link #KINDS} says what each member is; a member registered without a kind here fails {@link
 * #everyRegisteredAttackIsCovered()}, so no attack joins the registry unchecked.
 */
final class AttackContractTest {
  static final int D = 8;
  static final int BENIGN = 10;
  static final double SHARE = 0.2;

  /** How an attack changes the round's list of updates. */
  enum Kind {
    /** The benign updates, unchanged. */
    NONE,
    /** The benign updates plus fake clients' updates. */
    FAKE,
    /** The first compromised clients' updates replaced. */
    MALICIOUS
  }

  /** Every registered attack's kind, from each attack's paper (docs/security.md, "Attacks"). */
  static final Map<String, Kind> KINDS =
      Map.ofEntries(
          Map.entry("none", Kind.NONE),
          Map.entry("mpaf", Kind.FAKE),
          Map.entry("tpi", Kind.FAKE),
          Map.entry("fti", Kind.FAKE),
          Map.entry("poisonedfl", Kind.FAKE),
          Map.entry("lie", Kind.MALICIOUS),
          Map.entry("fang-krum", Kind.MALICIOUS),
          Map.entry("fang-trimmed", Kind.MALICIOUS),
          Map.entry("min-max", Kind.MALICIOUS),
          Map.entry("min-sum", Kind.MALICIOUS),
          Map.entry("ipm", Kind.MALICIOUS),
          Map.entry("sign-flip", Kind.MALICIOUS),
          Map.entry("gaussian", Kind.MALICIOUS),
          Map.entry("mimic", Kind.MALICIOUS));

  /** One dynamic test per registered attack, with and without the attacker's own model. */
  static Stream<DynamicTest> everyAttack(BiConsumer<String, Boolean> check) {
    return Attacks.REGISTRY.names().stream()
        .flatMap(
            n ->
                Stream.of(false, true)
                    .map(
                        m ->
                            DynamicTest.dynamicTest(
                                n + (m ? ", attacker model" : ""), () -> check.accept(n, m))));
  }

  /** One dynamic test per registered attack. */
  static Stream<DynamicTest> everyName(Consumer<String> check) {
    return Attacks.REGISTRY.names().stream()
        .map(n -> DynamicTest.dynamicTest(n, () -> check.accept(n)));
  }

  static Attacks.Context context(double share, boolean withModel) {
    Attacks.Context c = Attacks.Context.share(share).withSeed(99);
    if (!withModel) {
      return c;
    }
    double[] own = new double[D];
    for (int j = 0; j < D; j++) {
      own[j] = 0.1 * (j - 3);
    }
    return c.withAttackerModel(own);
  }

  static List<ClientUpdate> benign(long seed) {
    Random rng = new Random(seed);
    List<ClientUpdate> out = new ArrayList<>();
    for (int i = 0; i < BENIGN; i++) {
      double[] x = new double[D];
      for (int j = 0; j < D; j++) {
        x[j] = 0.2 * (j % 3 - 1) + 0.1 * rng.nextGaussian();
      }
      out.add(ClientUpdate.benign("s" + i, x, 5 + i));
    }
    return out;
  }

  /** Round t of a run whose global model moves by small random steps. */
  static AttackView view(int round, long seed) {
    Random rng = new Random(seed);
    double[] w0 = new double[D];
    for (int j = 0; j < D; j++) {
      w0[j] = rng.nextGaussian();
    }
    double[] prev = w0.clone();
    double[] cur = w0.clone();
    for (int t = 0; t < round; t++) {
      prev = cur.clone();
      for (int j = 0; j < D; j++) {
        cur[j] += 0.05 * rng.nextGaussian();
      }
    }
    return new AttackView(round, w0, prev, cur, seed * 31 + round);
  }

  static List<double[]> deltas(List<ClientUpdate> updates) {
    return updates.stream().map(u -> u.deltaAsDouble().clone()).toList();
  }

  @Test
  void everyRegisteredAttackIsCovered() {
    assertThat(KINDS.keySet()).containsExactlyInAnyOrderElementsOf(Attacks.REGISTRY.names());
  }

  @TestFactory
  Stream<DynamicTest> theServerReceivesFiniteUpdatesOfTheModelsDimensionAsTheKindImplies() {
    return everyAttack(AttackContractTest::receivedUpdates);
  }

  static void receivedUpdates(String name, boolean withModel) {
    Adversary attack = Attacks.REGISTRY.factory(name).apply(context(SHARE, withModel));
    List<ClientUpdate> in = benign(3);
    List<ClientUpdate> out = attack.poison(view(4, 3), in);
    // counts from each kind's definition: fakes m = round(s n / (1 - s)) = round(2.5) = 3 of 10,
    // compromised m = round(s n) = 2 of 10
    Kind kind = KINDS.get(name);
    int expected = kind == Kind.FAKE ? BENIGN + 3 : BENIGN;
    assertThat(out).as(name).hasSize(expected);
    for (ClientUpdate u : out) {
      assertThat(u.deltaAsDouble()).as(name).hasSize(D);
      for (double x : u.deltaAsDouble()) {
        assertThat(Double.isFinite(x)).as(name + " " + u.clientId()).isTrue();
      }
    }
    switch (kind) {
      case NONE -> assertThat(out).containsExactlyElementsOf(in);
      case FAKE -> {
        assertThat(out.subList(0, BENIGN)).containsExactlyElementsOf(in);
        assertThat(out.subList(BENIGN, expected)).allMatch(ClientUpdate::fake);
      }
      case MALICIOUS -> {
        assertThat(out.subList(2, BENIGN)).containsExactlyElementsOf(in.subList(2, BENIGN));
        for (int i = 0; i < 2; i++) {
          assertThat(out.get(i).clientId()).isEqualTo(in.get(i).clientId());
          assertThat(out.get(i).weight()).isEqualTo(in.get(i).weight());
          assertThat(out.get(i).fake()).isFalse();
        }
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> theBenignUpdatesPassedInAreNotModified() {
    return everyAttack(AttackContractTest::inputUnchanged);
  }

  static void inputUnchanged(String name, boolean withModel) {
    Adversary attack = Attacks.REGISTRY.factory(name).apply(context(SHARE, withModel));
    List<ClientUpdate> in = benign(5);
    List<double[]> before = deltas(in);
    attack.poison(view(2, 5), in);
    for (int i = 0; i < BENIGN; i++) {
      assertThat(in.get(i).deltaAsDouble()).as(name).containsExactly(before.get(i));
    }
  }

  @TestFactory
  Stream<DynamicTest> twoAttacksFromTheSameContextPoisonARunIdentically() {
    return everyAttack(AttackContractTest::deterministic);
  }

  static void deterministic(String name, boolean withModel) {
    Adversary a = Attacks.REGISTRY.factory(name).apply(context(SHARE, withModel));
    Adversary b = Attacks.REGISTRY.factory(name).apply(context(SHARE, withModel));
    for (int round = 0; round < 4; round++) {
      List<double[]> x = deltas(a.poison(view(round, 7), benign(round)));
      List<double[]> y = deltas(b.poison(view(round, 7), benign(round)));
      assertThat(x).hasSameSizeAs(y);
      for (int i = 0; i < x.size(); i++) {
        assertThat(x.get(i)).as("%s round %d update %d", name, round, i).containsExactly(y.get(i));
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> aZeroShareLeavesTheRoundUntouched() {
    return everyAttack(AttackContractTest::zeroShare);
  }

  static void zeroShare(String name, boolean withModel) {
    Adversary attack = Attacks.REGISTRY.factory(name).apply(context(0, withModel));
    List<ClientUpdate> in = benign(9);
    assertThat(attack.poison(view(3, 9), in)).as(name).containsExactlyElementsOf(in);
  }

  @TestFactory
  Stream<DynamicTest> theNameRoundTripsThroughTheRegistryInAnyLetterCase() {
    return everyName(AttackContractTest::roundTrip);
  }

  static void roundTrip(String name) {
    assertThat(Attacks.REGISTRY.canonicalName(name.toUpperCase(Locale.ROOT))).isEqualTo(name);
    assertThat(Attacks.REGISTRY.entry(" " + name + " ").name()).isEqualTo(name);
    assertThat(Attacks.REGISTRY.descriptions().get(name)).isNotBlank();
    assertThat(Attacks.names()).contains(name);
  }
}
