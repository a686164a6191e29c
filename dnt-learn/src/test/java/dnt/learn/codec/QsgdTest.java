package dnt.learn.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class QsgdTest extends UpdateCodecContract {
  @Override
  UpdateCodec codec() {
    return new Qsgd(4);
  }

  @Override
  long expectedBytes(int d) {
    // float32 norm, then 4 bits (sign + 3 level bits) a coordinate, rounded up to whole bytes
    return 4 + (4L * d + 7) / 8;
  }

  @Override
  String registryName() {
    return "qsgd";
  }

  @Test
  void bitsGiveTheLevelsOfThePaper() {
    // s = 2^(b-1) - 1: b = 2 is ternary {-1, 0, 1} * norm, as TernGrad
    assertThat(new Qsgd(2).levels()).isEqualTo(1);
    assertThat(new Qsgd(4).levels()).isEqualTo(7);
    assertThat(new Qsgd(8).levels()).isEqualTo(127);
    assertThat(new Qsgd(8).bytes(1000)).isEqualTo(4 + 1000);
    assertThat(new Qsgd(2).bytes(7)).isEqualTo(4 + 2);
    assertThatThrownBy(() -> new Qsgd(1)).hasMessageContaining("[2, 16]");
  }

  @Test
  void everyDecodedValueIsASignedLevelOfTheNorm() {
    double[] x = gaussian(300, 8);
    Qsgd q = new Qsgd(3);
    double norm = Qsgd.transmittedNorm(x);
    double[] y = q.decode(q.encode(x, new SplittableRandom(9)), x.length);
    for (int i = 0; i < x.length; i++) {
      double level = Math.abs(y[i]) / norm * q.levels();
      // the decoder computes norm * l / s in double: l is recovered to double rounding
      assertThat(level).isCloseTo(Math.rint(level), within(1e-9));
      // the level is the floor or the ceiling of s |x_i| / norm
      double r = Math.abs(x[i]) / norm * q.levels();
      assertThat(Math.rint(level)).isBetween(Math.floor(r), Math.ceil(r));
      if (y[i] != 0) {
        assertThat(Math.signum(y[i])).isEqualTo(Math.signum(x[i]));
      }
    }
  }

  @Test
  void theMeanOfManyQuantizationsConvergesToTheInput() {
    int d = 24;
    int n = 20_000;
    double[] x = gaussian(d, 10);
    Qsgd q = new Qsgd(2);
    SplittableRandom random = new SplittableRandom(11);
    double[] sum = new double[d];
    for (int k = 0; k < n; k++) {
      double[] y = q.decode(q.encode(x, random), d);
      for (int i = 0; i < d; i++) {
        sum[i] += y[i];
      }
    }
    double norm = Qsgd.transmittedNorm(x);
    int s = q.levels();
    for (int i = 0; i < d; i++) {
      // Q_i takes norm*l/s or norm*(l+1)/s with probability p = s r - l: its standard deviation is
      // norm/s sqrt(p (1 - p)); the mean of n draws is within 6 of its standard errors of x_i
      // except with probability 2e-9 per coordinate (plus 1e-12 for float32 norm rounding)
      double r = Math.abs(x[i]) / norm * s;
      double p = r - Math.floor(r);
      double standardError = norm / s * Math.sqrt(p * (1 - p) / n);
      assertThat(sum[i] / n)
          .as("coordinate %d", i)
          .isCloseTo(x[i], within(6 * standardError + 1e-12));
    }
  }

  @Test
  void theVarianceIsTheExactBernoulliSumAndWithinTheBoundOfLemma31() {
    int d = 64;
    int n = 20_000;
    double[] x = gaussian(d, 12);
    Qsgd q = new Qsgd(3);
    int s = q.levels();
    double norm = Qsgd.transmittedNorm(x);
    // independent computation: E||Q - x||^2 = (norm/s)^2 sum_i p_i (1 - p_i)
    double exact = 0;
    for (double v : x) {
      double r = Math.abs(v) / norm * s;
      double p = r - Math.floor(r);
      exact += (norm / s) * (norm / s) * p * (1 - p);
    }
    double squaredNorm = 0;
    for (double v : x) {
      squaredNorm += v * v;
    }
    assertThat(exact)
        .isLessThanOrEqualTo(
            Math.min(d / (double) (s * s), Math.sqrt(d) / s) * squaredNorm * (1 + 1e-6));
    SplittableRandom random = new SplittableRandom(13);
    double mean = 0;
    for (int k = 0; k < n; k++) {
      double[] y = q.decode(q.encode(x, random), d);
      double e = 0;
      for (int i = 0; i < d; i++) {
        e += (y[i] - x[i]) * (y[i] - x[i]);
      }
      mean += e / n;
    }
    // each coordinate lands less than one level (norm/s) from x_i, so a draw's squared error lies
    // in [0, d (norm/s)^2]; Hoeffding:
    // the mean of n draws is within d (norm/s)^2 sqrt(ln(2/1e-9) / (2n)) of its expectation except
    // with probability 1e-9
    double bound = d * (norm / s) * (norm / s) * Math.sqrt(Math.log(2 / 1e-9) / (2.0 * n));
    assertThat(mean).isCloseTo(exact, within(bound));
  }
}
