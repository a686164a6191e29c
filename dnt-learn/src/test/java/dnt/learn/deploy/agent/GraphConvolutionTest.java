package dnt.learn.deploy.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dnt.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class GraphConvolutionTest {
  /** The path 0 - 1 - 2 with unit weights. */
  static final double[][] PATH = {{0, 1, 0}, {1, 0, 1}, {0, 1, 0}};

  @Test
  void renormalisesThePathGraphByHand() {
    // A + I = [[1,1,0],[1,1,1],[0,1,1]], degrees 2, 3, 2: entries a_ij / sqrt(d_i d_j)
    double[][] a = NormalizedAdjacency.of(PATH);
    double s6 = 1 / Math.sqrt(6);
    double[][] expected = {{0.5, s6, 0}, {s6, 1.0 / 3, s6}, {0, s6, 0.5}};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        // a handful of double roundings
        assertThat(a[i][j]).isCloseTo(expected[i][j], within(1e-15));
      }
    }
  }

  @Test
  void refusesANegativeWeightAndANonSquareMatrix() {
    assertThatThrownBy(() -> NormalizedAdjacency.of(new double[][] {{0, -1}, {-1, 0}}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("non-negative");
    assertThatThrownBy(() -> NormalizedAdjacency.of(new double[][] {{0, 1}, {1}}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("square");
  }

  @Test
  void oneLayerOnAThreeNodeGraphEqualsTheHandComputation() {
    double[][] a = NormalizedAdjacency.of(PATH);
    float[] flatA = new float[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        flatA[3 * i + j] = (float) a[i][j];
      }
    }
    double s6 = 1 / Math.sqrt(6);
    // H = [[1,0],[0,1],[1,1]], W = [[1],[2]]: H W = [1, 2, 3]; b = 0.5
    // A_hat H W = [0.5 + 2/sqrt6, 1/sqrt6 + 2/3 + 3/sqrt6, 2/sqrt6 + 1.5]
    double[] expected = {0.5 + 2 * s6 + 0.5, 4 * s6 + 2.0 / 3 + 0.5, 2 * s6 + 1.5 + 0.5};
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray aHat = m.create(flatA, new Shape(3, 3));
      NDArray w = m.create(new float[] {1, 2}, new Shape(2, 1));
      NDArray b = m.create(new float[] {0.5f});
      NDArray h = m.create(new float[] {1, 0, 0, 1, 1, 1}, new Shape(3, 2));
      float[] out = GraphConvolution.apply(aHat, h, w, b).toFloatArray();
      for (int i = 0; i < 3; i++) {
        // float32 arithmetic on values near 2: a few ulps of 2.4e-7
        assertThat((double) out[i]).isCloseTo(expected[i], within(2e-6));
      }
      // a batch of two graphs' features: each item as if alone (the second is the first doubled)
      NDArray batch =
          m.create(new float[] {1, 0, 0, 1, 1, 1, 2, 0, 0, 2, 2, 2}, new Shape(2, 3, 2));
      float[] outs = GraphConvolution.apply(aHat, batch, w, b).toFloatArray();
      assertThat(outs).hasSize(6);
      for (int i = 0; i < 3; i++) {
        assertThat((double) outs[i]).isCloseTo(expected[i], within(2e-6));
        assertThat((double) outs[3 + i]).isCloseTo(2 * (expected[i] - 0.5) + 0.5, within(4e-6));
      }
    }
  }
}
