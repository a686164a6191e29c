package dnt.learn.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Error feedback: nothing a client computes is lost, only delayed; bytes; bad updates. */
final class UpdateChannelTest {
  @Test
  void withErrorFeedbackWhatArrivedPlusTheMemoryIsWhatWasComputed() {
    for (UpdateCodec codec : new UpdateCodec[] {new ScaledSign(), new TopK(0.1)}) {
      int d = 50;
      UpdateChannel channel = new UpdateChannel(codec, d);
      double[] computed = new double[d];
      double[] arrived = new double[d];
      SplittableRandom random = new SplittableRandom(1);
      for (int t = 0; t < 30; t++) {
        double[] u = UpdateCodecContract.gaussian(d, 100 + t);
        double[] y = channel.send("a", u, random);
        for (int i = 0; i < d; i++) {
          computed[i] += u[i];
          arrived[i] += y[i];
        }
      }
      double[] memory = channel.memory("a");
      for (int i = 0; i < d; i++) {
        // sum_t u_t = sum_t y_t + e_T holds exactly in real arithmetic (e_t = e_{t-1} + u_t - y_t
        // telescopes); in double each of the 30 steps adds at most a few ulps of values below 10
        assertThat(arrived[i] + memory[i])
            .as("%s, %d", codec, i)
            .isCloseTo(computed[i], within(1e-12));
      }
      assertThat(channel.memory("b")).containsOnly(0.0);
    }
  }

  @Test
  void eachClientHasItsOwnMemory() {
    UpdateChannel channel = new UpdateChannel(new TopK(0.5), 2);
    channel.send("a", new double[] {1, 0.5}, new SplittableRandom(1));
    assertThat(channel.memory("a")).containsExactly(0, 0.5);
    double[] y = channel.send("b", new double[] {0.25, 1}, new SplittableRandom(1));
    assertThat(y).containsExactly(0, 1);
    assertThat(channel.memory("b")).containsExactly(0.25, 0);
    // a's memory makes its second coordinate win next time
    assertThat(channel.send("a", new double[] {0.2, 0.1}, new SplittableRandom(1)))
        .containsExactly(0, (double) (float) (0.1 + 0.5)); // the top value travels as float32
  }

  @Test
  void anUnbiasedCodecKeepsNoMemory() {
    UpdateChannel channel = new UpdateChannel(new Qsgd(2), 10);
    channel.send("a", UpdateCodecContract.gaussian(10, 2), new SplittableRandom(3));
    assertThat(channel.memory("a")).containsOnly(0.0);
    assertThat(channel.bytes()).isEqualTo(4 + 3);
  }

  @Test
  void aNonFiniteUpdateIsPassedOnForTheValidatorAndAWrongLengthIsRefused() {
    UpdateChannel channel = new UpdateChannel(new ScaledSign(), 3);
    double[] bad = {1, Double.NaN, 2};
    assertThat(channel.send("a", bad, new SplittableRandom(1))).isSameAs(bad);
    assertThatThrownBy(() -> channel.send("a", new double[2], new SplittableRandom(1)))
        .hasMessageContaining("expected 3");
  }
}
