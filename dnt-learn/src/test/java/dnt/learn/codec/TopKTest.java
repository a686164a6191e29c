package dnt.learn.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class TopKTest extends UpdateCodecContract {
  @Override
  UpdateCodec codec() {
    return new TopK(0.05);
  }

  @Override
  long expectedBytes(int d) {
    // k = max(1, ceil(0.05 d)) coordinates, an int32 index and a float32 value each
    return 8L * Math.max(1, (long) Math.ceil(0.05 * d));
  }

  @Override
  String registryName() {
    return "top-k";
  }

  @Test
  void itKeepsTheLargestMagnitudesAsFloat32AndZeroesTheRest() {
    int d = 200;
    double[] x = gaussian(d, 15);
    TopK topK = new TopK(0.05);
    double[] y = topK.decode(topK.encode(x, new SplittableRandom(1)), d);
    List<Integer> byMagnitude = new ArrayList<>();
    for (int i = 0; i < d; i++) {
      byMagnitude.add(i);
    }
    byMagnitude.sort(Comparator.comparingDouble((Integer i) -> -Math.abs(x[i])));
    List<Integer> expected = byMagnitude.subList(0, 10);
    for (int i = 0; i < d; i++) {
      assertThat(y[i]).isEqualTo(expected.contains(i) ? (double) (float) x[i] : 0.0);
    }
  }

  @Test
  void tiesGoToTheLowerIndex() {
    double[] x = {1, -3, 3, 3, 2};
    TopK topK = new TopK(0.4); // k = 2 of 5
    assertThat(topK.decode(topK.encode(x, new SplittableRandom(1)), 5))
        .containsExactly(0, -3, 3, 0, 0);
  }

  @Test
  void aTinyDensityStillSendsOneCoordinateAndAForgedIndexIsRefused() {
    TopK topK = new TopK(1e-9);
    assertThat(topK.k(1000)).isEqualTo(1);
    byte[] forged = new byte[8];
    forged[0] = 0x7f;
    assertThatThrownBy(() -> topK.decode(forged, 1000)).hasMessageContaining("outside [0, 1000)");
  }
}
