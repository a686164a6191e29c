package dnt.learn.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ScaledSignTest extends UpdateCodecContract {
  @Override
  UpdateCodec codec() {
    return new ScaledSign();
  }

  @Override
  long expectedBytes(int d) {
    return 4 + (d + 7L) / 8; // float32 scale, one bit a coordinate
  }

  @Override
  String registryName() {
    return "sign";
  }

  @Test
  void eachCoordinateArrivesAsTheMeanMagnitudeWithItsSign() {
    double[] x = gaussian(101, 14);
    x[5] = 0;
    double l1 = 0;
    for (double v : x) {
      l1 += Math.abs(v);
    }
    double scale = l1 / x.length;
    double[] y = codec().decode(codec().encode(x, new SplittableRandom(1)), x.length);
    for (int i = 0; i < x.length; i++) {
      // the scale travels as float32: relative rounding error at most 2^-24
      assertThat(y[i]).isCloseTo(x[i] < 0 ? -scale : scale, within(scale * 0x1p-24));
    }
    assertThat(y[5]).isPositive();
  }
}
