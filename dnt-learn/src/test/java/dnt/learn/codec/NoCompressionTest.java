package dnt.learn.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class NoCompressionTest extends UpdateCodecContract {
  @Override
  UpdateCodec codec() {
    return UpdateCodecs.none();
  }

  @Override
  long expectedBytes(int d) {
    return 4L * d; // one float32 a parameter
  }

  @Override
  String registryName() {
    return "none";
  }

  @Test
  void theWireFormatIsFloat32AndTheChannelPassesTheUpdateAsComputed() {
    double[] x = gaussian(50, 7);
    double[] wire = codec().decode(codec().encode(x, new SplittableRandom(1)), 50);
    for (int i = 0; i < x.length; i++) {
      assertThat(wire[i]).isEqualTo((double) (float) x[i]);
    }
    double[] received = new UpdateChannel(codec(), 50).send("a", x, new SplittableRandom(1));
    assertThat(received).containsExactly(x);
  }
}
