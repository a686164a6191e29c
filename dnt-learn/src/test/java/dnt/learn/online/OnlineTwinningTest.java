package dnt.learn.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.LocalTraining;
import dnt.learn.fl.StalenessFunction;
import dnt.learn.forecast.Forecaster;
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

/**
 * The online twinning: masked slots kept out of training, the staleness-weighted H-twin step, a
 * city-scale V-twin that trains a sample of clients per round, and cells admitted after it.
 */
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

  private static OnlineSettings capped(int clusters, int clientsPerRound, int maxWindows) {
    OnlineSettings s = settings(clusters);
    return new OnlineSettings(
        s.architecture(),
        s.rounds(),
        s.clusters(),
        s.locationWeight(),
        s.mixing(),
        s.recipe(),
        s.dayRecipe(),
        s.alpha(),
        s.staleness(),
        s.historyDays(),
        s.seed(),
        clientsPerRound,
        maxWindows);
  }

  @Test
  void aCityScaleVTwinTrainsASampleOfClientsPerRoundAndEveryCellGetsAModel() {
    int cells = 3000;
    int perRound = 64;
    OnlineSettings s = capped(3, perRound, S);
    List<CellHistory> histories = new ArrayList<>();
    for (int c = 1; c <= cells; c++) {
      histories.add(history(c, 3, new BitSet()));
    }
    OnlineTwinning t;
    List<Double> seen = new ArrayList<>();
    try (LocalTraining pool = new LocalTraining(s.architecture(), 2)) {
      t = OnlineTwinning.vertical(s, histories, 3 * S, pool, (r, n, loss) -> seen.add(loss));
    }
    // bounded by work, not by seconds: rounds x the cap, where every cell every round would be
    // rounds x 3,000
    assertThat(t.verticalUpdates()).isEqualTo((long) s.rounds() * perRound);
    assertThat(seen).hasSize(s.rounds()).allSatisfy(l -> assertThat(l).isFinite());
    assertThat(t.clients()).hasSize(cells);
    for (int c = 1; c <= cells; c++) {
      assertThat(t.model(Integer.toString(c))).as("cell %d", c).isNotNull();
    }
    // an H-twin day dispatches a sample of the same size, the same for the same day
    List<String> day = t.dayClients(4 * S);
    assertThat(day).hasSize(perRound).doesNotHaveDuplicates().isEqualTo(t.dayClients(4 * S));
    assertThat(t.dayClients(5 * S)).hasSize(perRound).isNotEqualTo(day);
  }

  @Test
  void fewerCellsThanTheCapTrainEveryRoundAsWithoutACap() {
    List<CellHistory> cells = List.of(history(1, 3, new BitSet()), history(2, 3, new BitSet()));
    OnlineTwinning uncapped;
    OnlineTwinning capped;
    try (LocalTraining pool = new LocalTraining(settings(1).architecture(), 1)) {
      uncapped =
          OnlineTwinning.vertical(
              settings(1), cells, 3 * S, pool, OnlineTwinning.RoundListener.NONE);
      capped =
          OnlineTwinning.vertical(
              capped(1, 2, 2 * S), cells, 3 * S, pool, OnlineTwinning.RoundListener.NONE);
    }
    assertThat(capped.verticalUpdates()).isEqualTo(2L * settings(1).rounds());
    assertThat(capped.model("1").parameters()).containsExactly(uncapped.model("1").parameters());
    assertThat(capped.dayClients(4 * S)).containsExactly("1", "2");
  }

  @Test
  void aClientTrainsOnItsNewestWindowsOnly() {
    CellHistory h = history(1, 4, new BitSet());
    SeriesScaler scaler = SeriesScaler.fit(h);
    Windows all = OnlineTwinning.trainingWindows(settings(1), h, scaler, 0);
    Windows newest = OnlineTwinning.trainingWindows(capped(1, 10, 30), h, scaler, 0);

    assertThat(all.count()).isEqualTo(3 * S);
    assertThat(newest.count()).isEqualTo(30);
    assertThat(newest.target())
        .containsExactly(Arrays.copyOfRange(all.target(), all.count() - 30, all.count()));
  }

  @Test
  void aCellFirstSeenAfterTheVTwinJoinsTheClusterTwinThatPredictsItBest() {
    OnlineSettings s = settings(3);
    List<CellHistory> cells = new ArrayList<>();
    for (int c = 1; c <= 12; c++) {
      cells.add(history(c, 3, new BitSet()));
    }
    OnlineTwinning t;
    try (LocalTraining pool = new LocalTraining(s.architecture(), 1)) {
      t = OnlineTwinning.vertical(s, cells, 3 * S, pool, OnlineTwinning.RoundListener.NONE);
    }
    assertThat(t.clusterCount()).isGreaterThan(1);
    CellHistory late = history(99, 2, new BitSet());
    assertThat(t.model("99")).isNull();
    assertThat(OnlineTwinning.assess(s, t.twinsCopy(), history(98, 1, new BitSet())))
        .as("a day holds no window that reads the day before")
        .isNull();

    OnlineTwinning.Admission a = OnlineTwinning.assess(s, t.twinsCopy(), late);

    // the expected cluster computed here: each twin's mean squared error on the cell's windows
    SeriesScaler scaler = SeriesScaler.fit(late);
    Windows w = OnlineTwinning.trainingWindows(s, late, scaler, 0);
    int best = -1;
    double bestMse = Double.POSITIVE_INFINITY;
    for (int c = 0; c < t.clusterCount(); c++) {
      float[] p = Forecaster.of(s.architecture(), t.twinsCopy().get(c)).predict(w);
      double se = 0;
      for (int i = 0; i < p.length; i++) {
        se += ((double) p[i] - w.target()[i]) * ((double) p[i] - w.target()[i]);
      }
      if (se / p.length < bestMse) {
        best = c;
        bestMse = se / p.length;
      }
    }
    assertThat(a).isNotNull();
    assertThat(a.cluster()).isEqualTo(best);
    assertThat(a.scaler()).isEqualTo(scaler);
    assertThat(t.admit(a)).isTrue();
    assertThat(t.admit(a)).as("a client is admitted once").isFalse();
    assertThat(t.model("99").parameters()).containsExactly(t.twinsCopy().get(best));
    assertThat(t.dispatch("99")).isNotNull();
    assertThat(t.dayClients(4 * S)).contains("99");
  }
}
