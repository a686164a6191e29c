package dnt.learn.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UpdateCodec} promises: messages of exactly {@link UpdateCodec#bytes(int)}
 * bytes, decodes of length d, a zero update decoded as zeros, the same message for the same seed,
 * and a clear refusal of a message of the wrong length. One subclass per codec.
 */
abstract class UpdateCodecContract {
  /** The codec under test. */
  abstract UpdateCodec codec();

  /** Bytes of a message of d parameters, computed from the codec's documented wire format. */
  abstract long expectedBytes(int d);

  static double[] gaussian(int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = r.nextDouble(-1, 1) * Math.exp(r.nextDouble(-3, 1));
    }
    return x;
  }

  @Test
  void everyMessageHasTheStatedSize() {
    for (int d : new int[] {1, 7, 8, 9, 100, 1001}) {
      byte[] m = codec().encode(gaussian(d, d), new SplittableRandom(1));
      assertThat(codec().bytes(d)).as("d = %d", d).isEqualTo(expectedBytes(d));
      assertThat((long) m.length).as("d = %d", d).isEqualTo(expectedBytes(d));
      assertThat(codec().decode(m, d)).hasSize(d);
    }
  }

  @Test
  void aZeroUpdateArrivesAsZeros() {
    double[] zero = new double[33];
    assertThat(codec().decode(codec().encode(zero, new SplittableRandom(2)), 33)).containsOnly(0.0);
  }

  @Test
  void theSameSeedGivesTheSameMessage() {
    double[] x = gaussian(257, 3);
    assertThat(codec().encode(x, new SplittableRandom(4)))
        .isEqualTo(codec().encode(x, new SplittableRandom(4)));
  }

  @Test
  void aMessageOfTheWrongLengthIsRefused() {
    byte[] m = codec().encode(gaussian(20, 5), new SplittableRandom(6));
    assertThatThrownBy(() -> codec().decode(new byte[m.length + 1], 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20 parameters");
  }

  @Test
  void theRegistryMakesThisCodec() {
    assertThat(UpdateCodecs.REGISTRY.names()).contains(registryName());
  }

  /** The codec's registry name. */
  abstract String registryName();
}
