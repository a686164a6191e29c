package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.data.integrity.IntegrityParams;
import dnt.data.integrity.MaskPredict;
import dnt.data.integrity.Predictor;
import dnt.data.integrity.Verdict;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.Mlp;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.online.CellModel;
import dnt.learn.online.SeriesScaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A cell twin's integrity check keeps the activity each recent slot shows in a cache, so that the
 * forecaster's inputs are not summed from the rows again for every judged slot. The cache must
 * never change a verdict: a twin that has judged four days (more slots than the cache holds, so
 * entries are reused) with late rows rewriting slots already read as inputs, repeated rows and
 * masked outliers gives, at every step, exactly the verdicts that a twin restored from its snapshot
 * (no cache, every input summed from the rows) gives for the same batch.
 */
final class ShownActivityCacheTest {
  private static final int S = MaskPredict.SLOTS_PER_DAY;

  @Test
  void verdictsEqualThoseOfATwinWithoutTheCache() {
    WindowSpec spec = new WindowSpec(6, 1, S, true, false, false);
    Mlp mlp = new Mlp(spec, 8, 1, 0.0);
    CellModel model =
        new CellModel(
            "7", mlp, Forecaster.initialise(mlp, 5).parameters(), new SeriesScaler(150, 60), 1);
    Random r = new Random(11);
    IntegrityParams params = IntegrityParams.defaults();
    CellState cached = new CellState(params);
    int[] codes = {39, 0, 33, 49, 355, 7};
    int judged = 0;
    int masked = 0;
    int late = 0;
    for (int t = 0; t < 4 * S; t++) {
      List<Observation> batch = new ArrayList<>();
      double level = 150 + 60 * Math.sin(2 * Math.PI * t / S) + r.nextGaussian();
      // fourfold stretches, long enough to be flagged and masked
      double factor = t % S >= 40 && t % S < 52 && t >= 2 * S ? 4 : 1;
      int n = 1 + r.nextInt(codes.length);
      for (int c = 0; c < n; c++) {
        batch.add(row(t, codes[c], factor * level / n));
      }
      if (t > 20 && r.nextInt(4) == 0) {
        // a late row for a slot the forecaster has already read as an input (a new country code
        // or a replacement), and a repeat of it
        long old = t - 1 - r.nextInt(20);
        Observation o = row(old, codes[r.nextInt(codes.length)], 30 + 100 * r.nextDouble());
        batch.add(o);
        batch.add(o);
        late++;
      }
      CellState fresh = CellState.of(cached.snapshot(), params);
      List<Verdict> got = cached.judge(batch, model);
      List<Verdict> want = fresh.judge(batch, model);
      assertThat(got).hasSameSizeAs(want);
      for (int i = 0; i < got.size(); i++) {
        assertSame(got.get(i), want.get(i));
        judged++;
        masked += got.get(i).masked() ? 1 : 0;
      }
      cached.apply(batch, got);
    }
    // the stream exercised what it means to: every slot from the second day judged by the
    // forecaster, outliers masked, late rows
    assertThat(judged).isEqualTo(3 * S - 1);
    assertThat(masked).isPositive();
    assertThat(late).isGreaterThan(50);
    assertThat(cached.predictor()).isEqualTo(Predictor.FORECASTER.label());
  }

  private static Observation row(long slot, int code, double internet) {
    return new Observation(
        slot, code, internet / 10, internet / 9, internet / 8, internet / 7, internet);
  }

  private static long bits(double x) {
    return Double.doubleToLongBits(x);
  }

  /** Exactly equal, bit for bit: the cache returns the sums it stored, in the same order. */
  private static void assertSame(Verdict got, Verdict want) {
    assertThat(got.slot()).isEqualTo(want.slot());
    // bits, not ==: the score is NaN until the residual window has its first 36 values
    assertThat(bits(got.observed())).isEqualTo(bits(want.observed()));
    assertThat(bits(got.predicted())).isEqualTo(bits(want.predicted()));
    assertThat(bits(got.score())).isEqualTo(bits(want.score()));
    assertThat(got.outlier()).isEqualTo(want.outlier());
    assertThat(got.masked()).isEqualTo(want.masked());
    for (int s = 0; s < Verdict.SERVICES; s++) {
      assertThat(bits(got.prediction()[s])).isEqualTo(bits(want.prediction()[s]));
    }
    assertThat(got.predictor()).isEqualTo(want.predictor());
  }
}
