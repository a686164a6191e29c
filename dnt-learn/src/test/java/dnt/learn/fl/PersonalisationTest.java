package dnt.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.core.InvalidSettingException;
import dnt.core.util.Seeds;
import dnt.learn.forecast.Forecaster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The personalisation strategies on three tiny stations: what each station ends with (checked
 * against training each station directly), what the ledger records, the registry and the settings'
 * errors.
 */
final class PersonalisationTest {
  private static final LinkModel LINK = new LinkModel(0.01);

  /** Stations 0 and 1 share one twin (one cluster), station 2 has its own; a distinct global. */
  private static FederatedResult twins() {
    float[] a = Forecaster.initialise(FlFixtures.ARCH, 1).parameters();
    float[] b = Forecaster.initialise(FlFixtures.ARCH, 2).parameters();
    float[] g = Forecaster.initialise(FlFixtures.ARCH, 3).parameters();
    return new FederatedResult(
        g,
        List.of(a, a, b),
        new int[] {0, 0, 1},
        List.of(),
        Map.of(),
        new CostLedger(LINK).summary());
  }

  @Test
  void fineTuneTrainsEveryStationFromItsTwinOnItsOwnData() {
    List<FlClient> clients = FlFixtures.clients(3);
    FederatedResult fed = twins();
    List<float[]> before = fed.stationModels().stream().map(float[]::clone).toList();
    CostLedger ledger = new CostLedger(LINK);
    List<float[]> out;
    // unbatched: each station trains alone, the same path as the direct computation below
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 2, false)) {
      out = new FineTune(2).personalise(pool, clients, fed, FlFixtures.RECIPE, 11, ledger);
    }
    assertThat(out).hasSize(3);
    for (int i = 0; i < 3; i++) {
      // independent: the station's own model trained for 2 epochs on its own windows
      Forecaster f = Forecaster.of(FlFixtures.ARCH, before.get(i));
      f.fit(clients.get(i).train(), FlFixtures.RECIPE.withEpochs(2), Seeds.derive(11, i));
      // start + (trained - start) in double, rounded to float, is the trained weight exactly
      assertThat(out.get(i)).containsExactly(f.parameters());
      assertThat(out.get(i)).isNotEqualTo(before.get(i));
      // the federated run's models are left as they were
      assertThat(fed.stationModels().get(i)).containsExactly(before.get(i));
    }
    // stations 0 and 1 started from the same twin and end apart: each adapted to its own data
    assertThat(out.get(0)).isNotEqualTo(out.get(1));
    CostLedger.CostSummary s = ledger.summary();
    long model = LinkModel.modelBytes(FlFixtures.ARCH.parameterCount());
    assertThat(s.bytesDown()).isEqualTo(3 * model);
    assertThat(s.bytesUp()).isZero();
    assertThat(s.messages()).isEqualTo(3);
    assertThat(s.participants()).isEqualTo(3);
    assertThat(s.trainingSeconds()).isPositive();
  }

  @Test
  void fineTuneIsDeterministicForASeedWhetherBatchedOrNot() {
    List<FlClient> clients = FlFixtures.clients(3);
    FederatedResult fed = twins();
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 2)) {
      FineTune ft = new FineTune(1);
      List<float[]> a =
          ft.personalise(pool, clients, fed, FlFixtures.RECIPE, 5, new CostLedger(LINK));
      List<float[]> b =
          ft.personalise(pool, clients, fed, FlFixtures.RECIPE, 5, new CostLedger(LINK));
      for (int i = 0; i < 3; i++) {
        assertThat(a.get(i)).containsExactly(b.get(i));
      }
    }
  }

  @Test
  void keepTwinHandsEveryStationACopyOfItsTwinAndCountsTheDownload() {
    List<FlClient> clients = FlFixtures.clients(3);
    FederatedResult fed = twins();
    CostLedger ledger = new CostLedger(LINK);
    List<float[]> out;
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 1)) {
      out = new KeepTwin().personalise(pool, clients, fed, FlFixtures.RECIPE, 5, ledger);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(out.get(i)).containsExactly(fed.stationModels().get(i));
      assertThat(out.get(i)).isNotSameAs(fed.stationModels().get(i));
    }
    long model = LinkModel.modelBytes(FlFixtures.ARCH.parameterCount());
    // hand-computed: 3 downloads of 4 d bytes at 1e6 B/s plus 0.01 s latency each
    assertThat(ledger.summary().bytesDown()).isEqualTo(3 * model);
    assertThat(ledger.summary().communicationSeconds())
        .isCloseTo(3 * (model / 1e6 + 0.01), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(ledger.summary().trainingSeconds()).isZero();
  }

  @Test
  void aRunWithAnotherNumberOfStationsIsRefused() {
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 1)) {
      assertThatThrownBy(
              () ->
                  new FineTune(1)
                      .personalise(
                          pool,
                          FlFixtures.clients(2),
                          twins(),
                          FlFixtures.RECIPE,
                          1,
                          new CostLedger(LINK)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("2 stations but the federated run has 3 station models");
    }
    assertThatThrownBy(() -> new FineTune(0))
        .hasMessage("fine-tune epochs must be at least 1, got 0");
  }

  @Test
  void theRegistryMakesEveryStrategyByNameAndTheSettingsNameTheirKey() {
    assertThat(Personalisations.REGISTRY.names()).containsExactly("none", "fine-tune");
    assertThat(
            Personalisations.REGISTRY.factory("Fine-Tune").apply(new Personalisations.Options(3)))
        .isEqualTo(new FineTune(3));
    assertThat(Personalisations.REGISTRY.factory("NONE").apply(new Personalisations.Options(1)))
        .isEqualTo(new KeepTwin());
    assertThat(new FlConfig.Personalise("FINE-TUNE", 2).strategy()).isEqualTo("fine-tune");
    assertThat(FlConfigTest.reference().personaliser()).isEqualTo(new FineTune(1));
    assertThatThrownBy(() -> Personalisations.REGISTRY.factory("distil"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown personalisation 'distil'; known: none, fine-tune");
    assertThatThrownBy(() -> new FlConfig.Personalise("distil", 1))
        .isInstanceOfSatisfying(
            InvalidSettingException.class, e -> assertThat(e.key()).isEqualTo("strategy"))
        .hasMessage("unknown personalisation 'distil'; known: none, fine-tune");
    assertThatThrownBy(() -> new FlConfig.Personalise("fine-tune", 0))
        .hasMessage("epochs must be at least 1, got 0");
    assertThatThrownBy(() -> new Personalisations.Options(0))
        .hasMessage("epochs must be at least 1, got 0");
  }
}
