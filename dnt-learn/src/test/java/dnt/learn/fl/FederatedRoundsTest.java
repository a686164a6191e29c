package dnt.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.learn.forecast.Forecaster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FederatedRounds}, the server side of rounds whose clients train elsewhere, against {@link
 * SynchronousFederation#run} with unbatched local training (an independent computation of the same
 * rounds): the same global model, cluster twins and clusters bit for bit, with and without
 * clustering, whatever order the updates were collected in; and a client that does not answer is
 * left out of the mean, worked by hand.
 */
final class FederatedRoundsTest {
  private static final long SEED = 11;

  private static SyncSettings sync(boolean clustered) {
    ClusterSettings cs =
        clustered ? new ClusterSettings(true, 2, 3, 1, 0.5) : ClusterSettings.none();
    return new SyncSettings(3, 0.7, FlFixtures.RECIPE, cs, 0, 1);
  }

  private static float[] initial() {
    return Forecaster.initialise(FlFixtures.ARCH, 5).parameters();
  }

  /** The rounds driven here: every sampled client trains locally, updates handed over reversed. */
  private static FederatedRounds driven(List<FlClient> clients, SyncSettings s, int dropped) {
    List<FlClient> remote = new ArrayList<>();
    for (FlClient c : clients) {
      remote.add(
          new FlClient(
              c.id(),
              c.x(),
              c.y(),
              FederatedRounds.noData(),
              List.of(),
              c.profile(),
              c.computeSpeed(),
              c.linkRate()));
    }
    FederatedRounds r = new FederatedRounds(s, remote, initial(), SEED, false);
    for (int t = 0; t < s.rounds(); t++) {
      List<ClientUpdate> got = new ArrayList<>();
      for (int i : r.start(t)) {
        if (i == dropped) {
          continue;
        }
        LocalTraining.Result res =
            LocalTraining.train(
                FlFixtures.ARCH, r.base(i), clients.get(i).train(), s.recipe(), r.jobSeed(t, i));
        got.add(ClientUpdate.benign(clients.get(i).id(), res.delta(), 1));
      }
      // the caller sorts by client order; arrival order must not matter once sorted
      List<ClientUpdate> reversed = new ArrayList<>(got);
      java.util.Collections.reverse(reversed);
      reversed.sort(java.util.Comparator.comparing(u -> clients.indexOf(byId(clients, u))));
      r.finish(reversed);
    }
    return r;
  }

  private static FlClient byId(List<FlClient> clients, ClientUpdate u) {
    return clients.stream().filter(c -> c.id().equals(u.clientId())).findFirst().orElseThrow();
  }

  @Test
  void roundsEqualTheSynchronousEngineBitForBit() {
    List<FlClient> clients = FlFixtures.clients(6);
    for (boolean clustered : new boolean[] {false, true}) {
      SyncSettings s = sync(clustered);
      FederatedResult expected;
      try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 2, false)) {
        expected =
            new SynchronousFederation(pool, s, new LinkModel(0), FederationHooks.defaults())
                .run(clients, initial(), SEED);
      }
      FederatedRounds r = driven(clients, s, -1);
      assertThat(r.global()).containsExactly(expected.global());
      assertThat(r.clusters()).containsExactly(expected.clusters());
      for (int i = 0; i < clients.size(); i++) {
        assertThat(r.twins().get(r.clusters()[i])).containsExactly(expected.stationModels().get(i));
      }
      assertThat(r.global()).isNotEqualTo(initial());
    }
  }

  @Test
  void aClientThatDoesNotAnswerIsLeftOutOfTheMean() {
    List<FlClient> clients = FlFixtures.clients(3);
    SyncSettings s = new SyncSettings(1, 1.0, FlFixtures.RECIPE, ClusterSettings.none(), 0, 1);
    FederatedRounds r = driven(clients, s, 1);
    // by hand: w0 + (delta0 + delta2) / 2, each delta trained from w0 with the job seed
    float[] w0 = initial();
    double[] d0 =
        LocalTraining.train(
                FlFixtures.ARCH, w0, clients.get(0).train(), s.recipe(), r.jobSeed(0, 0))
            .delta();
    double[] d2 =
        LocalTraining.train(
                FlFixtures.ARCH, w0, clients.get(2).train(), s.recipe(), r.jobSeed(0, 2))
            .delta();
    float[] expected = new float[w0.length];
    for (int j = 0; j < w0.length; j++) {
      expected[j] = (float) (w0[j] + (d0[j] + d2[j]) * (1.0 / 2));
    }
    // the same double operations in the same order: equal bit for bit
    assertThat(r.global()).containsExactly(expected);
  }

  @Test
  void roundsRunInOrder() {
    FederatedRounds r = driven(FlFixtures.clients(3), sync(false), -1);
    assertThatThrownBy(() -> r.start(3)).isInstanceOf(IllegalStateException.class);
    FederatedRounds fresh =
        new FederatedRounds(sync(false), FlFixtures.clients(3), initial(), SEED, false);
    assertThatThrownBy(() -> fresh.start(1)).isInstanceOf(IllegalStateException.class);
  }
}
