package dnt.experiments.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.core.geo.Position;
import dnt.core.util.Progress;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The validation protocol: the week before the test week is scored, the model trains on the days
 * before it, and the test week is never read (a poisoned test week changes nothing).
 */
final class ValidationSplitTest {
  private static ForecastData prepare(TrafficDataset ds) {
    return ForecastData.prepare(
        ds,
        List.of(Service.INTERNET),
        6,
        7,
        c -> new Position(c.value() % 100 * 235.0, c.value() / 100 * 235.0),
        "tiny");
  }

  /** The dataset with its last 7 days multiplied by 10 and one value set to 10^6. */
  private static TrafficDataset poisonTestWeek(TrafficDataset ds) {
    int slots = ds.length();
    int from = slots - 7 * 144;
    float[][][] v = new float[ds.cellCount()][slots][1];
    for (int c = 0; c < ds.cellCount(); c++) {
      for (int t = 0; t < slots; t++) {
        double x = ds.value(c, t, Service.INTERNET);
        v[c][t][0] = (float) (t >= from ? 10 * x : x);
      }
    }
    v[1][slots - 3][0] = 1e6f;
    return TrafficDataset.of(ds.cells(), ds.startMillis(), ds.slot(), ds.services(), v);
  }

  @Test
  void theValidationWeekIsTheWeekBeforeTheTestWeekAndTrainsOnTheDaysBeforeIt() {
    TrafficDataset ds = ForecastingStudyTest.tiny(3, 20, false);
    ForecastData v = prepare(ForecastData.validation(ds, 7));
    // 20 days: 6 training days, the validation week (days 6-12) scored, the test week cut off
    assertThat(v.length()).isEqualTo(13 * 24);
    assertThat(v.trainLength()).isEqualTo(6 * 24);
    assertThat(v.testDays()).isEqualTo(7);
    ForecastData t = prepare(ds);
    for (int c = 0; c < 3; c++) {
      // hourly sums of the same raw values: the validation part is days 6-12 of the full series
      for (int i = 0; i < v.length(); i++) {
        assertThat(v.raw()[c][i]).isEqualTo(t.raw()[c][i]);
      }
      // the z-score is fitted on the 6 training days only, not on the 13 of the test protocol
      assertThat(v.mean()[c]).isNotEqualTo(t.mean()[c]);
    }
  }

  @Test
  void aPoisonedTestWeekChangesNeitherTheDataNorTheScoresOfTheValidationSplit() {
    TrafficDataset clean = ForecastingStudyTest.tiny(3, 20, false);
    TrafficDataset poisoned = poisonTestWeek(clean);
    ForecastData a = prepare(ForecastData.validation(clean, 7));
    ForecastData b = prepare(ForecastData.validation(poisoned, 7));
    for (int c = 0; c < 3; c++) {
      assertThat(b.z()[c]).containsExactly(a.z()[c]);
      assertThat(b.mean()[c]).isEqualTo(a.mean()[c]);
      assertThat(b.std()[c]).isEqualTo(a.std()[c]);
    }
    List<Method> methods = List.of(Method.PERSISTENCE, Method.V_TWIN, Method.V_TWIN_PERSONALISED);
    List<MethodResult> ra =
        new ForecastingStudy(ForecastingStudyTest.config(), a, Progress.NONE).run(methods, 3);
    List<MethodResult> rb =
        new ForecastingStudy(ForecastingStudyTest.config(), b, Progress.NONE).run(methods, 3);
    for (int i = 0; i < methods.size(); i++) {
      assertThat(rb.get(i).scores()).isEqualTo(ra.get(i).scores());
    }
    // the test protocol does read the test week: its persistence score changes
    assertThat(prepare(poisoned).raw()[0][prepare(poisoned).length() - 1])
        .isNotEqualTo(prepare(clean).raw()[0][prepare(clean).length() - 1]);
  }

  @Test
  void theRunSettingsSelectTheSplitAndAnUnknownOneIsRefused() {
    RunSettings test = ForecastingSettings.defaults().run();
    assertThat(test.split()).isEqualTo("test");
    assertThat(test.validation()).isFalse();
    RunSettings val =
        ForecastingSettings.resolve(
                Optional.empty(), Optional.empty(), Map.of("run.split", "validation"))
            .run();
    assertThat(val.validation()).isTrue();
    // the bundled subset's 30 days: 16 training days, the validation week, the test week cut off
    ForecastData d = ForecastingExperiment.data(val, Optional.empty(), Progress.NONE);
    ForecastData full = ForecastingExperiment.data(test, Optional.empty(), Progress.NONE);
    assertThat(d.trainLength()).isEqualTo(16 * 24);
    assertThat(d.length()).isEqualTo(23 * 24);
    assertThat(full.trainLength()).isEqualTo(23 * 24);
    assertThat(d.raw()[0][d.length() - 1]).isEqualTo(full.raw()[0][23 * 24 - 1]);
    assertThat(d.label()).endsWith("validation week (test week cut off)");
    assertThatThrownBy(
            () ->
                ForecastingSettings.resolve(
                    Optional.empty(), Optional.empty(), Map.of("run.split", "holdout")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("command line: key 'run': split must be test or validation, got 'holdout'");
    assertThatThrownBy(
            () ->
                ForecastingSettings.resolve(
                    Optional.empty(),
                    Optional.empty(),
                    Map.of("personalisation.strategy", "distil")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "command line: key 'personalisation.strategy': unknown personalisation 'distil';"
                + " known: none, fine-tune");
  }

  @Test
  void dataTooShortForAValidationWeekIsRefused() {
    assertThatThrownBy(() -> ForecastData.validation(ForecastingStudyTest.tiny(3, 14, false), 7))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "the validation split needs more than 14 days of data (a test and a validation week"
                + " and training days before them), got 14.0 days");
  }
}
