package dnt.experiments.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.geo.Position;
import dnt.core.util.Progress;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.experiments.harness.Replication;
import dnt.learn.fl.FlConfig;
import dnt.learn.fl.LinkModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The study on a tiny synthetic dataset: protocol arithmetic (split, z-score, baselines), cost
 * accounting of the methods, and determinism for a seed.
 */
final class ForecastingStudyTest {
  private static final long START = 1_383_260_400_000L; // 2013-11-01 00:00 CET, a Friday

  static TrafficDataset tiny(int cells, int days, boolean constantFirst) {
    int slots = days * 144;
    float[][][] v = new float[cells][slots][1];
    for (int c = 0; c < cells; c++) {
      for (int t = 0; t < slots; t++) {
        double daily = Math.sin(2 * Math.PI * t / 144.0 + c);
        v[c][t][0] = constantFirst && c == 0 ? 5f : (float) (50 + 10 * c + 20 * daily + (t % 7));
      }
    }
    List<CellId> ids = List.of(CellId.of(5541), CellId.of(5542), CellId.of(5543)).subList(0, cells);
    return TrafficDataset.of(ids, START, Duration.ofMinutes(10), List.of(Service.INTERNET), v);
  }

  static ForecastData data() {
    return ForecastData.prepare(
        tiny(3, 12, false),
        List.of(Service.INTERNET),
        6,
        7,
        c -> new Position(c.value() % 100 * 235.0, c.value() / 100 * 235.0),
        "tiny");
  }

  /** A tiny model and two rounds: seconds, not minutes. */
  static final Map<String, Object> TINY =
      Map.of(
          "model.hidden", 4,
          "model.layers", 1,
          "windows.period", 1,
          "windows.closeness", 1,
          "sync.rounds", 2,
          "centralized.epochs", 1,
          "clustering.clusters", 2);

  static FlConfig config() {
    return with(TINY);
  }

  /** The forecasting defaults with some keys replaced. */
  static FlConfig with(Map<String, ?> overrides) {
    return ForecastingSettings.defaults().with(overrides).fl();
  }

  @Test
  void theSplitHoldsOutSevenDaysAndNormalisesWithTrainingStatistics() {
    ForecastData d = data();
    assertThat(d.slotsPerDay()).isEqualTo(24);
    assertThat(d.length()).isEqualTo(12 * 24);
    assertThat(d.trainLength()).isEqualTo(5 * 24);
    assertThat(d.testDays()).isEqualTo(7);
    assertThat(d.firstDayOfWeek()).isEqualTo(4); // Friday
    double mean = 0;
    for (int t = 0; t < d.trainLength(); t++) {
      mean += d.z()[1][t];
    }
    // z is exact in double but for its float32 rounding, 2^-24 |z|: the training mean moves by at
    // most 2^-24 mean|z| <= 2^-24 = 6e-8 (mean|z| <= 1 by Cauchy-Schwarz)
    assertThat(mean / d.trainLength()).isCloseTo(0, within(1.2e-7));
    // hourly value = sum of 6 ten-minute slots, denormalised back to raw: z's float32 rounding
    // times std is 2^-24 |raw - mean|
    double raw = d.raw()[1][3];
    assertThat(d.z()[1][3] * d.std()[1] + d.mean()[1])
        .isCloseTo(raw, within(0x1p-23 * Math.abs(raw - d.mean()[1]) + 1e-12));
  }

  @Test
  void persistenceAndSeasonalNaiveMatchAHandComputation() {
    ForecastData d = data();
    List<MethodResult> rs =
        new ForecastingStudy(config(), d, Progress.NONE)
            .run(List.of(Method.PERSISTENCE, Method.SEASONAL_NAIVE), 1);
    double se = 0;
    double seDay = 0;
    int n = 0;
    for (int c = 0; c < 3; c++) {
      for (int t = d.trainLength(); t < d.length(); t++) {
        double e = d.z()[c][t] - d.z()[c][t - 1];
        double e24 = d.z()[c][t] - d.z()[c][t - 24];
        se += e * e;
        seDay += e24 * e24;
        n++;
      }
    }
    // the same float32 differences as the scorer's; a different summation order of 504 squares
    // would move the mean by at most 504 x 2^-53 x mse ~ 1e-13
    assertThat(rs.get(0).scores().mseZ()).isCloseTo(se / n, within(1e-12));
    assertThat(rs.get(1).scores().mseZ()).isCloseTo(seDay / n, within(1e-12));
    assertThat(rs.get(0).total().bytes()).isZero();
  }

  @Test
  void allMethodsRunDeterministicallyAndTheirCostsAddUp() {
    ForecastData d = data();
    FlConfig cfg = config();
    ForecastingStudy study = new ForecastingStudy(cfg, d, Progress.NONE);
    List<MethodResult> a = study.run(List.of(Method.values()), 7);
    List<MethodResult> b = study.run(List.of(Method.values()), 7);
    assertThat(a).hasSize(Method.values().length);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).scores()).isEqualTo(b.get(i).scores());
      assertThat(a.get(i).total().bytes()).isEqualTo(b.get(i).total().bytes());
    }
    long model = LinkModel.modelBytes(study.architecture().parameterCount());
    MethodResult v = a.get(Method.V_TWIN_NO_CLUSTER.ordinal());
    // 2 rounds x 3 stations (fraction 1) x one download + one upload
    assertThat(v.creation().bytes()).isEqualTo(2 * 3 * 2 * model);
    MethodResult h = a.get(Method.H_TWIN_NO_CLUSTER.ordinal());
    assertThat(h.creation().bytes()).isEqualTo(v.creation().bytes());
    // 7 streamed days x 3 stations x (download + upload)
    assertThat(h.ongoing().bytes()).isEqualTo(7 * 3 * 2 * model);
    MethodResult central = a.get(Method.TRADITIONAL_DT.ordinal());
    // raw upload: 120 training hours x 6 slots x 4 bytes per station, then 24 x 6 x 4 per day
    assertThat(central.creation().bytesUp()).isEqualTo(3L * 120 * 6 * 4);
    assertThat(central.ongoing().bytesUp()).isEqualTo(7L * 3 * 24 * 6 * 4);
    for (Method pm : List.of(Method.V_TWIN_PERSONALISED, Method.V_TWIN_NO_CLUSTER_PERSONALISED)) {
      MethodResult p = a.get(pm.ordinal());
      MethodResult twin =
          a.get(
              (pm == Method.V_TWIN_PERSONALISED ? Method.V_TWIN : Method.V_TWIN_NO_CLUSTER)
                  .ordinal());
      // the V-twin run, then one download of the final twin per station; nothing goes back up
      assertThat(p.creation().bytesDown()).isEqualTo(twin.creation().bytesDown() + 3 * model);
      assertThat(p.creation().bytesUp()).isEqualTo(twin.creation().bytesUp());
      assertThat(p.creation().trainingSeconds()).isGreaterThan(twin.creation().trainingSeconds());
      assertThat(p.ongoing().bytes()).isZero();
      // one local epoch on each station's data moves the models, so the forecasts differ
      assertThat(p.scores().mseZ()).isNotEqualTo(twin.scores().mseZ());
    }
    for (MethodResult r : a) {
      assertThat(Double.isFinite(r.scores().mseZ())).as(r.method().label()).isTrue();
    }
  }

  @Test
  void theConfiguredCodecCompressesTheUploadsOfBothPhases() {
    ForecastData d = data();
    FlConfig cfg =
        ForecastingSettings.defaults()
            .with(TINY)
            .with(Map.of("codec.name", "qsgd", "codec.bits", 2))
            .fl();
    ForecastingStudy study = new ForecastingStudy(cfg, d, Progress.NONE);
    List<MethodResult> r =
        study.run(List.of(Method.V_TWIN_NO_CLUSTER, Method.H_TWIN_NO_CLUSTER), 7);
    int p = study.architecture().parameterCount();
    long model = LinkModel.modelBytes(p);
    long update = 4 + (2L * p + 7) / 8; // float32 norm, 2 bits a parameter
    // 2 rounds x 3 stations, a whole model down and a quantized update up
    assertThat(r.get(0).creation().bytesUp()).isEqualTo(2 * 3 * update);
    assertThat(r.get(0).creation().bytesDown()).isEqualTo(2 * 3 * model);
    // 7 streamed days x 3 stations
    assertThat(r.get(1).ongoing().bytesUp()).isEqualTo(7 * 3 * update);
    assertThat(r.get(1).ongoing().bytesDown()).isEqualTo(7 * 3 * model);
  }

  @Test
  void constantSeriesAndMissingServicesFailWithClearErrors() {
    assertThatThrownBy(
            () ->
                ForecastData.prepare(
                    tiny(2, 12, true),
                    List.of(Service.INTERNET),
                    6,
                    7,
                    c -> new Position(0, 0),
                    "t"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("5541");
    assertThatThrownBy(
            () ->
                ForecastData.prepare(
                    tiny(2, 12, false),
                    List.of(Service.SMS_IN),
                    6,
                    7,
                    c -> new Position(0, 0),
                    "t"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("smsin");
    FlConfig longWindows = with(Map.of("windows.period", 9));
    assertThatThrownBy(() -> new ForecastingStudy(longWindows, data(), Progress.NONE).clients(1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("history");
  }

  @Test
  void scoresUseRawUnitsThroughEachCellsStandardDeviation() {
    ForecastData d = data();
    float[][] pred = new float[3][d.testLength()];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < d.testLength(); i++) {
        pred[c][i] = d.z()[c][d.trainLength() + i] + 0.5f; // error exactly 0.5 z
      }
    }
    Scores s = Scores.of(d, pred);
    // z + 0.5f and pred - z round in float32 (each <= 2^-24 x 4 for |z| < 3.5): every error is
    // 0.5 +- 4.8e-7, so the MSE is 0.25 +- 4.8e-7 and the MAE 0.5 +- 4.8e-7
    assertThat(s.mseZ()).isCloseTo(0.25, within(1e-6));
    assertThat(s.maeZ()).isCloseTo(0.5, within(1e-6));
    // in raw units each error is scaled by its cell's std: the z bound times the largest std
    double expectedMae = (d.std()[0] + d.std()[1] + d.std()[2]) / 3 * 0.5;
    double maxStd = Math.max(d.std()[0], Math.max(d.std()[1], d.std()[2]));
    assertThat(s.maeRaw()).isCloseTo(expectedMae, within(1e-6 * maxStd));
  }

  @Test
  void progressCountsTheMethodsThatRunOverAllSeedsFromOne() {
    List<String> seen = new java.util.ArrayList<>();
    ForecastingStudy study =
        new ForecastingStudy(config(), data(), (done, total, m) -> seen.add(done + "/" + total));
    List<Method> two = List.of(Method.PERSISTENCE, Method.SEASONAL_NAIVE);
    study.run(two, new Replication(0, 1, 2));
    study.run(two, new Replication(1, 2, 2));
    assertThat(seen).containsExactly("1/4", "2/4", "3/4", "4/4");
  }
}
