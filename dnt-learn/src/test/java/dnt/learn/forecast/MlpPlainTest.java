package dnt.learn.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain-Java MLP pass predicts what PyTorch's pass predicts, up to float rounding. */
final class MlpPlainTest {
  private static Windows windows(WindowSpec spec, int n, long seed) {
    Random r = new Random(seed);
    int c = spec.closeness() * spec.features();
    int p = spec.period() * spec.features();
    float[] close = new float[n * c];
    float[] per = new float[n * p];
    for (int i = 0; i < close.length; i++) {
      close[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < per.length; i++) {
      per[i] = (float) r.nextGaussian();
    }
    return new Windows(
        n, spec.closeness(), spec.period(), spec.features(), close, per, new float[n]);
  }

  @Test
  void thePlainPassEqualsPyTorchsUpToFloatRounding() {
    WindowSpec withPeriod = new WindowSpec(6, 1, 144, true, false, false);
    WindowSpec noPeriod = new WindowSpec(4, 0, 24, true, false, false);
    for (Mlp mlp :
        new Mlp[] {
          new Mlp(withPeriod, 32, 1, 0.0),
          new Mlp(withPeriod, 8, 2, 0.0),
          new Mlp(noPeriod, 5, 1, 0.0)
        }) {
      float[] w = Forecaster.initialise(mlp, 11).parameters();
      Windows data = windows(mlp.windows(), 50, 3);

      float[] torch = Forecaster.of(mlp, w).predict(data);
      float[] plain = mlp.predictPlain(w, data);

      assertThat(plain).hasSize(torch.length);
      for (int i = 0; i < torch.length; i++) {
        // float32 sums of at most 33 products of order 1 against double sums: a few float ulps
        // of values of order 1, well below 1e-5
        assertThat((double) plain[i]).isCloseTo(torch[i], within(1e-5));
      }
    }
  }
}
