package dnt.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.codec.UpdateCodec;
import dnt.learn.codec.UpdateCodecs;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.Windows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The federated engine end to end on tiny data: determinism for a seed (even with parallel
 * clients), rejection of poisoned updates, attacker wiring, clustering and asynchronous streaming.
 */
final class FederationTest {
  private static final LinkModel LINK = new LinkModel(0.01);

  private static SyncSettings sync(int rounds, double fraction, ClusterSettings cs) {
    return new SyncSettings(rounds, fraction, FlFixtures.RECIPE, cs, 1e-3, 1);
  }

  private static float[] init() {
    return Forecaster.initialise(FlFixtures.ARCH, 5).parameters();
  }

  @Test
  void sameSeedGivesIdenticalModelsAndMetricsWithParallelClients() {
    List<FlClient> clients = FlFixtures.clients(4);
    FederatedResult a;
    FederatedResult b;
    ClusterSettings cs = new ClusterSettings(true, 2, 1, 1, 0.5);
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 2)) {
      SynchronousFederation fed =
          new SynchronousFederation(pool, sync(2, 0.75, cs), LINK, FederationHooks.defaults());
      a = fed.run(clients, init(), 9);
      b = fed.run(clients, init(), 9);
    }
    assertThat(a.global()).containsExactly(b.global());
    assertThat(a.clusters()).containsExactly(b.clusters());
    for (int i = 0; i < a.rounds().size(); i++) {
      assertThat(a.rounds().get(i).meanTrainLoss()).isEqualTo(b.rounds().get(i).meanTrainLoss());
      assertThat(a.rounds().get(i).participants()).isEqualTo(3);
    }
    assertThat(a.global()).isNotEqualTo(init());
  }

  @Test
  void updatesWithNanOrWrongDimensionAreRejectedAndCounted() {
    List<FlClient> clients = FlFixtures.clients(3);
    Adversary poison =
        (view, benign) -> {
          List<ClientUpdate> out = new ArrayList<>(benign);
          double[] nan = new double[view.currentGlobal().length];
          nan[0] = Double.NaN;
          out.add(ClientUpdate.benign("fake-nan", nan, 1));
          out.add(ClientUpdate.benign("fake-short", new double[3], 1));
          double[] inf = new double[view.currentGlobal().length];
          inf[1] = Double.POSITIVE_INFINITY;
          out.add(ClientUpdate.benign("fake-nan", inf, 1));
          return out;
        };
    FederatedResult r;
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 1)) {
      r =
          new SynchronousFederation(
                  pool,
                  sync(2, 1.0, ClusterSettings.none()),
                  LINK,
                  FederationHooks.defaults().withAdversary(poison))
              .run(clients, init(), 1);
    }
    assertThat(r.rejected()).containsEntry("fake-nan", 4).containsEntry("fake-short", 2);
    for (float v : r.global()) {
      assertThat(Float.isFinite(v)).isTrue();
    }
    assertThat(r.rounds()).allSatisfy(m -> assertThat(m.rejected()).isEqualTo(3));
    assertThat(r.rounds()).allSatisfy(m -> assertThat(m.participants()).isEqualTo(3));
  }

  @Test
  void theAdversarySeesTheGlobalModelsOfTheRound() {
    List<FlClient> clients = FlFixtures.clients(2);
    List<AttackView> seen = new ArrayList<>();
    Adversary spy =
        (view, benign) -> {
          seen.add(view);
          return benign;
        };
    float[] w0 = init();
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 1)) {
      new SynchronousFederation(
              pool,
              sync(3, 1.0, ClusterSettings.none()),
              LINK,
              FederationHooks.defaults().withAdversary(spy))
          .run(clients, w0, 1);
    }
    assertThat(seen).hasSize(3);
    assertThat(seen.get(0).currentGlobal()).containsExactly(seen.get(0).initialGlobal());
    assertThat(seen.get(2).previousGlobal()).containsExactly(seen.get(1).currentGlobal());
    assertThat(seen.get(2).initialGlobal()).containsExactly(Vectors.toDouble(w0));
  }

  @Test
  void serverRootDataProvidesAReferenceUpdateToTheRule() {
    List<FlClient> clients = FlFixtures.clients(2);
    // root data that no client holds, so the reference cannot be mistaken for a client's update
    Windows rootData = FlFixtures.clients(3).get(2).train();
    double[][] reference = new double[1][];
    AggregationRule useReference =
        new AggregationRule() {
          @Override
          public String name() {
            return "reference-only";
          }

          @Override
          public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
            reference[0] = context.referenceUpdate().get();
            return reference[0];
          }
        };
    FederatedResult r;
    long seed = 1;
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 1)) {
      r =
          new SynchronousFederation(
                  pool,
                  sync(1, 1.0, ClusterSettings.none()),
                  LINK,
                  FederationHooks.defaults()
                      .withRule(useReference)
                      .withRoot(new ServerRoot(rootData)))
              .run(clients, init(), seed);
    }
    // the server trains on its root data from the round's global model (w_0) with the clients'
    // recipe and the root seed of round 0 (Seeds.derive(seed, 6, round, cluster + 1))
    double[] expected =
        LocalTraining.train(
                FlFixtures.ARCH,
                init(),
                rootData,
                FlFixtures.RECIPE,
                dnt.core.util.Seeds.derive(seed, 6, 0, 0L))
            .delta();
    double[] clientUpdate =
        LocalTraining.train(FlFixtures.ARCH, init(), clients.get(0).train(), FlFixtures.RECIPE, 0)
            .delta();
    assertThat(reference[0]).hasSize(expected.length);
    // The same float32 training of the same model on the same data: only a different order of
    // the native kernels' float32 sums could separate them, by a few ulps (1.2e-7 relative) of
    // weights of order 1 per step over a handful of steps; 1e-5 covers that and is far below the
    // gap to a client's update (asserted next), so a wrong reference cannot pass.
    double tolerance = 1e-5;
    for (int j = 0; j < expected.length; j++) {
      assertThat(reference[0][j]).as("coordinate %d", j).isCloseTo(expected[j], within(tolerance));
    }
    double gap = 0;
    for (int j = 0; j < expected.length; j++) {
      gap = Math.max(gap, Math.abs(expected[j] - clientUpdate[j]));
    }
    assertThat(gap).isGreaterThan(100 * tolerance);
    float[] applied = Vectors.add(init(), reference[0], 1);
    assertThat(r.global()).containsExactly(applied);
    assertThat(r.cost().participants()).isEqualTo(3);
  }

  @Test
  void asynchronousStreamingIsDeterministicAndCountsOneRoundTripPerStationDay() {
    List<FlClient> clients = FlFixtures.clients(4);
    AsyncSettings as =
        new AsyncSettings(
            FlFixtures.RECIPE,
            0.6,
            new StalenessFunction.Polynomial(0.5),
            1,
            1e-3,
            5,
            new ClusterSettings(true, 2, 1, 1, 0.5));
    FederatedResult a;
    FederatedResult b;
    List<Integer> days = new ArrayList<>();
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 2)) {
      FederatedResult start =
          new SynchronousFederation(
                  pool,
                  sync(1, 1.0, new ClusterSettings(true, 2, 1, 1, 0.5)),
                  LINK,
                  FederationHooks.defaults())
              .run(clients, init(), 3);
      AsynchronousFederation async =
          new AsynchronousFederation(pool, as, LINK, FederationHooks.defaults());
      a = async.run(clients, start, 4, (day, g, s) -> days.add(day));
      b = async.run(clients, start, 4, AsynchronousFederation.DayObserver.NONE);
    }
    assertThat(days).containsExactly(0, 1);
    assertThat(a.global()).containsExactly(b.global());
    assertThat(a.rounds()).hasSize(8);
    // 4 stations x 2 days x (1 download + 1 upload) of 4 d bytes each.
    long d = FlFixtures.ARCH.parameterCount();
    assertThat(a.cost().bytesUp()).isEqualTo(8 * 4 * d);
    assertThat(a.cost().bytesDown()).isEqualTo(8 * 4 * d);
    assertThat(a.cost().messages()).isEqualTo(16);
    double[] times = a.rounds().stream().mapToDouble(RoundMetrics::simulatedSeconds).toArray();
    for (int i = 1; i < times.length; i++) {
      assertThat(times[i]).isGreaterThanOrEqualTo(times[i - 1]);
    }
  }

  @Test
  void asynchronousUpdatesAreScaledByTheirStaleness() {
    List<FlClient> clients = FlFixtures.clients(2);
    AsyncSettings as =
        new AsyncSettings(
            FlFixtures.RECIPE,
            1.0,
            new StalenessFunction.Polynomial(1),
            1,
            1e-3,
            0,
            ClusterSettings.none());
    List<ClientUpdate> seen = new ArrayList<>();
    Adversary spy =
        (view, benign) -> {
          seen.addAll(benign);
          return benign;
        };
    long seed = 5;
    FederatedResult start;
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 2)) {
      start =
          new SynchronousFederation(
                  pool, sync(1, 1.0, ClusterSettings.none()), LINK, FederationHooks.defaults())
              .run(clients, init(), 3);
      new AsynchronousFederation(pool, as, LINK, FederationHooks.defaults().withAdversary(spy))
          .run(clients, start, seed, AsynchronousFederation.DayObserver.NONE);
    }
    // Day 0: both stations download the same model; the first arrival has staleness 0 (weight 1),
    // the second staleness 1 (weight 1/2 under (tau + 1)^-1).
    assertThat(seen.size()).isEqualTo(4);
    for (int k = 0; k < 2; k++) {
      ClientUpdate u = seen.get(k);
      int i = u.clientId().equals("c0") ? 0 : 1;
      double[] raw =
          LocalTraining.train(
                  FlFixtures.ARCH,
                  start.global(),
                  clients.get(i).stream().get(0),
                  FlFixtures.RECIPE,
                  dnt.core.util.Seeds.derive(seed, 7, 0, i))
              .delta();
      double scale = k == 0 ? 1.0 : 0.5;
      for (int j = 0; j < raw.length; j++) {
        assertThat(u.deltaAsDouble()[j])
            .isCloseTo(scale * raw[j], org.assertj.core.api.Assertions.within(1e-4));
      }
    }
  }

  @Test
  void theServerReceivesWhatTheCodecDecodesAndTheLedgerCountsItsBytes() {
    List<FlClient> clients = FlFixtures.clients(1);
    int d = FlFixtures.ARCH.parameterCount();
    int k = (int) Math.ceil(0.01 * d);
    FederatedResult plain;
    FederatedResult sparse;
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 1)) {
      plain =
          new SynchronousFederation(
                  pool, sync(1, 1.0, ClusterSettings.none()), LINK, FederationHooks.defaults())
              .run(clients, init(), 21);
      sparse =
          new SynchronousFederation(
                  pool,
                  sync(1, 1.0, ClusterSettings.none()),
                  LINK,
                  FederationHooks.defaults()
                      .withCodec(
                          UpdateCodecs.REGISTRY
                              .factory("top-k")
                              .apply(new UpdateCodecs.Options(4, 0.01))))
              .run(clients, init(), 21);
    }
    // one client, one round, the mean of one update: with top-k only k coordinates move
    float[] w0 = init();
    int movedPlain = 0;
    int movedSparse = 0;
    for (int j = 0; j < d; j++) {
      movedPlain += plain.global()[j] != w0[j] ? 1 : 0;
      movedSparse += sparse.global()[j] != w0[j] ? 1 : 0;
    }
    assertThat(movedPlain).isGreaterThan(k);
    assertThat(movedSparse).isPositive().isLessThanOrEqualTo(k);
    assertThat(plain.cost().bytesUp()).isEqualTo(4L * d);
    assertThat(sparse.cost().bytesUp()).isEqualTo(8L * k); // an int32 index and a float32 each
    assertThat(sparse.cost().bytesDown()).isEqualTo(4L * d); // the model goes down whole
  }

  @Test
  void asynchronousUpdatesTravelThroughTheCodecToo() {
    List<FlClient> clients = FlFixtures.clients(2);
    AsyncSettings as =
        new AsyncSettings(
            FlFixtures.RECIPE,
            1.0,
            new StalenessFunction.Polynomial(0.5),
            1,
            1e-3,
            5,
            ClusterSettings.none());
    UpdateCodec sign = UpdateCodecs.REGISTRY.factory("sign").apply(UpdateCodecs.Options.defaults());
    FederatedResult plain;
    FederatedResult signed;
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 1)) {
      FederatedResult start =
          new SynchronousFederation(
                  pool, sync(1, 1.0, ClusterSettings.none()), LINK, FederationHooks.defaults())
              .run(clients, init(), 3);
      plain =
          new AsynchronousFederation(pool, as, LINK, FederationHooks.defaults())
              .run(clients, start, 4, AsynchronousFederation.DayObserver.NONE);
      signed =
          new AsynchronousFederation(pool, as, LINK, FederationHooks.defaults().withCodec(sign))
              .run(clients, start, 4, AsynchronousFederation.DayObserver.NONE);
    }
    long d = FlFixtures.ARCH.parameterCount();
    // 2 stations x 2 days of uploads, each a float32 scale and one bit a parameter
    assertThat(signed.cost().bytesUp()).isEqualTo(4 * (4 + (d + 7) / 8));
    assertThat(plain.cost().bytesUp()).isEqualTo(4 * 4 * d);
    assertThat(signed.global()).isNotEqualTo(plain.global());
    // smaller uploads arrive sooner on the simulated clock
    double lastPlain = plain.rounds().get(plain.rounds().size() - 1).simulatedSeconds();
    double lastSigned = signed.rounds().get(signed.rounds().size() - 1).simulatedSeconds();
    assertThat(lastSigned).isLessThan(lastPlain);
  }
}
