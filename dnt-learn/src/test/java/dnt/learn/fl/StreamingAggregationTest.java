package dnt.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.WindowBuilder;
import dnt.learn.forecast.Windows;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The streaming round of {@link SynchronousFederation} (plain mean, no attacker, no clustering)
 * against the round that keeps every update in a list: the same global model bit for bit, and
 * non-finite updates still rejected and counted. The list path is forced with an attacker that
 * changes nothing, which the server cannot tell from {@link Adversary#NONE} by its updates.
 */
final class StreamingAggregationTest {
  private static final LinkModel LINK = new LinkModel(0.01);

  /** An attacker that forwards the benign updates unchanged: the round must keep its list. */
  private static final Adversary PASS_THROUGH = (view, benign) -> new ArrayList<>(benign);

  private static SyncSettings sync(int rounds, double fraction) {
    return new SyncSettings(rounds, fraction, FlFixtures.RECIPE, ClusterSettings.none(), 1e-3, 1);
  }

  private static FederatedResult run(
      List<FlClient> clients, SyncSettings settings, FederationHooks hooks) {
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 2)) {
      float[] init = Forecaster.initialise(FlFixtures.ARCH, 5).parameters();
      return new SynchronousFederation(pool, settings, LINK, hooks).run(clients, init, 11);
    }
  }

  @Test
  void onlyThePlainMeanWithoutAttackerOrClustersStreams() {
    FederationHooks plain = FederationHooks.defaults();
    AggregationRule wrapped =
        new AggregationRule() {
          @Override
          public String name() {
            return "wrapped-mean";
          }

          @Override
          public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
            return new FedAvg(false).aggregate(updates, context);
          }
        };
    SyncSettings clustered =
        new SyncSettings(
            1, 1.0, FlFixtures.RECIPE, new ClusterSettings(true, 2, 1, 1, 0.5), 1e-3, 1);
    assertThat(SynchronousFederation.streams(plain, sync(1, 1.0))).isTrue();
    assertThat(SynchronousFederation.streams(plain.withRule(new FedAvg(true)), sync(1, 1.0)))
        .isTrue();
    assertThat(SynchronousFederation.streams(plain.withAdversary(PASS_THROUGH), sync(1, 1.0)))
        .isFalse();
    assertThat(SynchronousFederation.streams(plain.withRule(wrapped), sync(1, 1.0))).isFalse();
    assertThat(SynchronousFederation.streams(plain, clustered)).isFalse();
  }

  @Test
  void streamingMeanGivesBitIdenticalModelsToTheBufferedRound() {
    List<FlClient> clients = FlFixtures.clients(6);
    for (boolean weighted : new boolean[] {false, true}) {
      FederationHooks streaming = FederationHooks.defaults().withRule(new FedAvg(weighted));
      FederatedResult a = run(clients, sync(3, 0.7), streaming);
      FederatedResult b = run(clients, sync(3, 0.7), streaming.withAdversary(PASS_THROUGH));
      assertThat(a.global()).containsExactly(b.global());
      assertThat(a.global()).isNotEqualTo(Forecaster.initialise(FlFixtures.ARCH, 5).parameters());
      for (int t = 0; t < 3; t++) {
        RoundMetrics x = a.rounds().get(t);
        RoundMetrics y = b.rounds().get(t);
        assertThat(x.participants()).isEqualTo(y.participants()).isEqualTo(4);
        assertThat(x.meanTrainLoss()).isEqualTo(y.meanTrainLoss());
        assertThat(x.updateNorm()).isEqualTo(y.updateNorm());
      }
      assertThat(a.stationModels()).hasSize(6).allSatisfy(w -> assertThat(w).isEqualTo(a.global()));
    }
  }

  @Test
  void aStationWhoseTrainingBlowsUpIsRejectedAndCountedWhileStreaming() {
    List<FlClient> clients = new ArrayList<>(FlFixtures.clients(3));
    clients.add(blowingUp("huge"));
    Function<FederationHooks, FederatedResult> round = h -> run(clients, sync(2, 1.0), h);
    FederatedResult streamed = round.apply(FederationHooks.defaults());
    FederatedResult buffered = round.apply(FederationHooks.defaults().withAdversary(PASS_THROUGH));
    assertThat(streamed.rejected()).containsExactlyEntriesOf(java.util.Map.of("huge", 2));
    assertThat(streamed.rounds())
        .allSatisfy(
            m -> {
              assertThat(m.rejected()).isEqualTo(1);
              assertThat(m.participants()).isEqualTo(3);
            });
    for (float v : streamed.global()) {
      assertThat(Float.isFinite(v)).isTrue();
    }
    assertThat(streamed.global()).containsExactly(buffered.global());
    assertThat(buffered.rejected()).isEqualTo(streamed.rejected());
  }

  /** A station whose loads are near the float range, so its local training overflows. */
  private static FlClient blowingUp(String id) {
    WindowBuilder b = new WindowBuilder(FlFixtures.SPEC, 0);
    float[] x = new float[24 * 6];
    for (int t = 0; t < x.length; t++) {
      x[t] = t % 2 == 0 ? 3e38f : -3e38f;
    }
    // Fewer samples than the other stations: it trains in a batch of its own.
    Windows train = b.build(x, 48, 24 * 3, id);
    return new FlClient(id, 500, 500, train, List.of(), new double[24], 1, 1e6);
  }
}
