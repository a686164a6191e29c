package dnt.learn.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.LocalTraining;
import dnt.learn.fl.StalenessFunction;
import dnt.learn.forecast.Mlp;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.forecast.Windows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The online twinning: masked slots kept out of training, the staleness-weighted H-twin step. */
final class OnlineTwinningTest {
  private static final int S = 24;
  private static final WindowSpec SPEC = new WindowSpec(3, 1, S, true, false, false);
  private static final TrainingRecipe RECIPE =
      new TrainingRecipe(1, 16, TrainingRecipe.Optimizer.ADAM, 0.01, 0.9, true);
  private static final double ALPHA = 0.5;
  private static final StalenessFunction STALENESS = new StalenessFunction.Polynomial(0.5);

  private static OnlineSettings settings(int clusters) {
    return new OnlineSettings(
        new Mlp(SPEC, 8, 1, 0.0), 2, clusters, 1, 0.5, RECIPE, RECIPE, ALPHA, STALENESS, 1, 7);
  }

  private static CellHistory history(int cell, int days, BitSet excluded) {
    Random r = new Random(cell);
    double[] v = new double[days * S];
    for (int t = 0; t < v.length; t++) {
      v[t] = 100 + 50 * Math.sin(2 * Math.PI * (t + cell) / S) + 5 * r.nextGaussian();
    }
    return new CellHistory(Integer.toString(cell), 100.0 * cell, 0, 0, v, excluded);
  }

  @Test
  void maskedSlotsAreExcludedFromTheTrainingWindows() {
    BitSet masked = new BitSet();
    masked.set(40, 43);
    CellHistory h = history(1, 3, masked);
    SeriesScaler scaler = SeriesScaler.fit(h);

    Windows w = OnlineTwinning.trainingWindows(settings(1), h, scaler, 0);

    // expected targets computed by hand: t reads t-1..t-3 and t-24; none may be in 40..42
    List<Integer> targets = new ArrayList<>();
    for (int t = S; t < 3 * S; t++) {
      boolean touches = false;
      for (int slot : new int[] {t, t - 1, t - 2, t - 3, t - S}) {
        touches |= slot >= 40 && slot <= 42;
      }
      if (!touches) {
        targets.add(t);
      }
    }
    assertThat(w.count()).isEqualTo(targets.size()).isLessThan(2 * S);
    double[] v = h.values();
    for (int i = 0; i < targets.size(); i++) {
      assertThat(w.target()[i])
          .isEqualTo((float) ((v[targets.get(i)] - scaler.mean()) / scaler.std()));
    }
    // the scaler, too, is fitted on the included slots only
    double sum = 0;
    int n = 0;
    for (int t = 0; t < v.length; t++) {
      if (!masked.get(t)) {
        sum += v[t];
        n++;
      }
    }
    // the same sum in another order: a few ulps of 100
    assertThat(scaler.mean()).isCloseTo(sum / n, within(1e-9));
  }

  @Test
  void anHTwinUpdateIsScaledByItsStaleness(@TempDir Path dir) throws Exception {
    OnlineSettings s = settings(1);
    List<CellHistory> cells = List.of(history(1, 3, new BitSet()), history(2, 3, new BitSet()));
    OnlineTwinning t;
    try (LocalTraining pool = new LocalTraining(s.architecture(), 1)) {
      t = OnlineTwinning.vertical(s, cells, 3 * S, pool, OnlineTwinning.RoundListener.NONE);
    }
    assertThat(t.version()).isEqualTo(1);
    assertThat(t.losses()).hasSize(2).allSatisfy(l -> assertThat(l).isFinite());
    OnlineTwinning.Dispatch a = t.dispatch("1");
    OnlineTwinning.Dispatch b = t.dispatch("2");
    assertThat(a).isNotNull();
    assertThat(b).isNotNull();
    int d = a.base().length;
    double[] da = new double[d];
    double[] db = new double[d];
    Arrays.setAll(da, i -> 0.01 * Math.sin(i));
    Arrays.setAll(db, i -> 0.02 * Math.cos(i));

    OnlineTwinning.Applied first = t.apply("1", da, a.baseVersion());
    OnlineTwinning.Applied second = t.apply("2", db, b.baseVersion());

    assertThat(first.staleness()).isZero();
    assertThat(second.staleness()).isEqualTo(1);
    assertThat(second.weight()).isCloseTo(Math.pow(2, -0.5), within(1e-15));
    float[] now = t.model("1").parameters();
    for (int i = 0; i < d; i++) {
      float afterFirst = (float) (a.base()[i] + ALPHA * 1.0 * da[i]);
      double expected = afterFirst + ALPHA * Math.pow(2, -0.5) * db[i];
      // one rounding to float of a value of order 1: half an ulp, below 1e-7
      assertThat((double) now[i]).isCloseTo(expected, within(1e-6));
    }
    assertThat(t.version()).isEqualTo(3);
    assertThat(t.applied()).isEqualTo(2);

    double[] bad = new double[d];
    bad[0] = Double.NaN;
    assertThat(t.apply("1", bad, t.dispatch("1").baseVersion()).accepted()).isFalse();
    assertThat(t.rejected()).isEqualTo(1);
    assertThat(t.model("1").parameters()).containsExactly(now);

    Path file = dir.resolve("twinning.bin");
    TwinningFile.write(file, t);
    OnlineTwinning back = TwinningFile.read(file, s);
    assertThat(back.version()).isEqualTo(t.version());
    assertThat(back.model("2").parameters()).containsExactly(t.model("2").parameters());
    assertThat(back.model("2").scaler()).isEqualTo(t.model("2").scaler());
    assertThat(back.clients()).isEqualTo(t.clients());
    assertThat(back.losses()).isEqualTo(t.losses());
  }
}
