package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.data.integrity.IntegrityParams;
import dnt.data.integrity.MaskPredict;
import dnt.data.integrity.Predictor;
import dnt.data.integrity.Verdict;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.Mlp;
import dnt.learn.forecast.WindowBuilder;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.online.CellModel;
import dnt.learn.online.SeriesScaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Once a cell has a forecasting model, its twin judges every observation against the model's
 * one-step prediction of the internet activity (the other services a day earlier), says so in the
 * verdict, and masks with that very prediction; without a model it predicts seasonal-naively.
 */
final class ForecasterIntegrityTest {
  private static final int S = MaskPredict.SLOTS_PER_DAY;
  private static final int INTERNET = Observation.SERVICES - 1;

  @Test
  void withAModelEverySlotIsJudgedAgainstTheForecastAndMaskedWithIt() {
    WindowSpec spec = new WindowSpec(6, 1, S, true, false, false);
    Mlp mlp = new Mlp(spec, 8, 1, 0.0);
    SeriesScaler scaler = new SeriesScaler(150, 60);
    CellModel model =
        new CellModel("7", mlp, Forecaster.initialise(mlp, 5).parameters(), scaler, 1);
    int n = 3 * S;
    Random r = new Random(3);
    double[][] x = new double[n][Observation.SERVICES];
    for (int t = 0; t < n; t++) {
      double level = 150 + 60 * Math.sin(2 * Math.PI * t / S) + r.nextGaussian();
      // a fourfold stretch on day 2, long enough to be flagged and masked
      double factor = t >= 2 * S + 40 && t < 2 * S + 60 ? 4 : 1;
      for (int s = 0; s < Observation.SERVICES; s++) {
        x[t][s] = factor * level * (s + 1) / 15;
      }
    }
    CellState state = new CellState(IntegrityParams.defaults());
    double[][] shown = new double[n][];
    List<Verdict> verdicts = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      List<Observation> batch =
          List.of(new Observation(t, 39, x[t][0], x[t][1], x[t][2], x[t][3], x[t][4]));
      List<Verdict> vs = state.judge(batch, model);
      state.apply(batch, vs);
      verdicts.addAll(vs);
      for (Verdict v : vs) {
        int j = (int) v.slot();
        shown[j] = v.masked() ? v.prediction() : x[j];
      }
      if (t < S) {
        shown[t] = x[t];
      }
    }
    assertThat(verdicts).hasSize(n - S - 1);
    for (Verdict v : verdicts) {
      int t = (int) v.slot();
      assertThat(v.predictor()).isEqualTo(Predictor.FORECASTER);
      // the expected one-step forecast computed here with PyTorch from the series as shown
      int from = Math.floorDiv(t - S, S) * S;
      float[] z = new float[t - from + 1];
      for (int i = from; i < t; i++) {
        z[i - from] = scaler.normalise(shown[i][INTERNET]);
      }
      WindowBuilder b = new WindowBuilder(spec, 0);
      float p =
          Forecaster.of(mlp, model.parameters())
              .predict(b.build(z, t - from, t - from + 1, "x"))[0];
      double expected = Math.max(0, scaler.restore(p));
      // the twin's plain-Java pass against PyTorch's float32 pass: 1e-5 in z-units (MlpPlainTest)
      // times the scaler's std of 60
      assertThat(v.prediction()[INTERNET]).isCloseTo(expected, within(60 * 1e-5));
      for (int s = 0; s < INTERNET; s++) {
        assertThat(v.prediction()[s]).isEqualTo(shown[t - S][s]);
      }
      double sum = 0;
      for (double q : v.prediction()) {
        sum += q;
      }
      assertThat(v.predicted()).isEqualTo(sum);
    }
    List<Verdict> masked = verdicts.stream().filter(Verdict::masked).toList();
    assertThat(masked).isNotEmpty();
    for (Verdict v : masked) {
      assertThat(state.totals(v.slot(), v.slot() + 1, true)[0]).containsExactly(v.prediction());
    }
    assertThat(state.predictor()).isEqualTo("forecaster");
  }

  @Test
  void withoutAModelTheDayBeforePredicts() {
    CellState state = new CellState(IntegrityParams.defaults());
    assertThat(state.predictor()).isEqualTo("none");
    List<Verdict> all = new ArrayList<>();
    for (int t = 0; t < S + 3; t++) {
      List<Observation> batch = List.of(new Observation(t, 39, 1, 1, 1, 1, 10 + t % S));
      List<Verdict> vs = state.judge(batch, null);
      state.apply(batch, vs);
      all.addAll(vs);
    }
    assertThat(all)
        .hasSize(2)
        .allSatisfy(v -> assertThat(v.predictor()).isEqualTo(Predictor.SEASONAL_NAIVE));
    assertThat(all.get(0).prediction()).containsExactly(1, 1, 1, 1, 10);
    assertThat(state.predictor()).isEqualTo("seasonal-naive");
  }
}
