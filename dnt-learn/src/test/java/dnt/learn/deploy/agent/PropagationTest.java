package dnt.learn.deploy.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dnt.core.InvalidInputException;
import dnt.core.util.Seeds;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PropagationTest {
  static {
    ai.djl.engine.Engine.getEngine("PyTorch");
  }

  /** A random symmetric graph: each node linked to about a third of the others, some isolated. */
  static double[][] graph(int n, RandomGenerator rng) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (i != 3 && j != 3 && rng.nextDouble() < 0.33) {
          a[i][j] = 0.1 + rng.nextDouble();
          a[j][i] = a[i][j];
        }
      }
    }
    return a;
  }

  @Test
  void theSparseFormHoldsTheDenseMatrixEntryByEntry() {
    double[][] raw = graph(15, Seeds.generator(5));
    SparseAdjacency s = SparseAdjacency.of(raw);
    double[][] dense = NormalizedAdjacency.of(raw);
    double[][] back = s.dense();
    int maxDegree = 0;
    int links = 0;
    for (int i = 0; i < raw.length; i++) {
      int d = 0;
      for (int j = 0; j < raw.length; j++) {
        // the same double expressions, written the same way
        assertThat(back[i][j]).isEqualTo(dense[i][j]);
        d += raw[i][j] > 0 ? 1 : 0;
      }
      maxDegree = Math.max(maxDegree, d);
      links += d;
    }
    assertThat(s.width()).isEqualTo(maxDegree + 1);
    assertThat(s.entries()).isEqualTo(links + raw.length);
  }

  @Test
  void aBoundedDegreeGraphKeepsABoundedRowWidthWhateverItsSize() {
    // a path of 2,000 nodes: width 3 (itself and two neighbours), 3 n entries instead of n^2
    int n = 2000;
    double[][] path = new double[n][n];
    for (int i = 0; i + 1 < n; i++) {
      path[i][i + 1] = 1;
      path[i + 1][i] = 1;
    }
    SparseAdjacency s = SparseAdjacency.of(path);
    assertThat(s.width()).isEqualTo(3);
    assertThat(s.entries()).isEqualTo(3 * n - 2);
    // the end node: degree 2 with its self loop, so 1/2 itself and 1/sqrt(2 * 3) its neighbour
    assertThat(s.weight()[0]).isCloseTo(0.5, within(1e-15));
    assertThat(s.weight()[1]).isCloseTo(1 / Math.sqrt(6), within(1e-15));
  }

  @Test
  void refusesWhatTheDenseFormRefuses() {
    assertThatThrownBy(() -> SparseAdjacency.of(new double[][] {{0, -1}, {-1, 0}}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("non-negative");
    assertThatThrownBy(() -> SparseAdjacency.of(new double[][] {{0, 1}, {1}}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("square");
  }

  @Test
  void sparseAndDenseGiveTheSameLayerAndTheSameGradients() {
    int n = 15;
    int states = 3;
    int f = 4;
    int g = 5;
    RandomGenerator rng = Seeds.generator(9);
    double[][] raw = graph(n, rng);
    float[] hv = new float[states * n * f];
    float[] wv = new float[f * g];
    float[] bv = new float[g];
    float[] up = new float[states * n * g];
    for (int i = 0; i < hv.length; i++) {
      hv[i] = (float) (2 * rng.nextDouble() - 1);
    }
    for (int i = 0; i < wv.length; i++) {
      wv[i] = (float) (2 * rng.nextDouble() - 1);
    }
    for (int i = 0; i < bv.length; i++) {
      bv[i] = (float) (2 * rng.nextDouble() - 1);
    }
    for (int i = 0; i < up.length; i++) {
      up[i] = (float) (2 * rng.nextDouble() - 1);
    }
    float[][] dense = layer(raw, false, hv, wv, bv, up, states, n, f, g);
    float[][] sparse = layer(raw, true, hv, wv, bv, up, states, n, f, g);
    // outputs, d loss / d H and d loss / d W (loss = sum of the layer's outputs times fixed
    // weights). Each value is a float32 sum of at most n = 15 products of terms below 1 in
    // magnitude (A_hat's entries are at most 1, its rows sum to at most about sqrt(degree)), the
    // two forms adding in different orders: at most 2 n ulps of a value below about f g = 20, that
    // is 30 x 2.4e-7 x 20 = 1.4e-4 in the worst case; 2e-5 is the observed order with margin
    double[] tolerance = {2e-5, 2e-5, 1e-4};
    for (int k = 0; k < 3; k++) {
      assertThat(sparse[k]).hasSameSizeAs(dense[k]);
      for (int i = 0; i < dense[k].length; i++) {
        assertThat((double) sparse[k][i]).isCloseTo(dense[k][i], within(tolerance[k]));
      }
    }
    // and a single state (n x f, unbatched) gives the first state of the batch
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray h = m.create(hv, new Shape(states, n, f)).get(0);
      float[] one =
          GraphConvolution.apply(
                  Propagation.sparse(m, SparseAdjacency.of(raw)),
                  h,
                  m.create(wv, new Shape(f, g)),
                  m.create(bv))
              .toFloatArray();
      for (int i = 0; i < one.length; i++) {
        assertThat((double) one[i]).isCloseTo(dense[0][i], within(2e-5));
      }
    }
  }

  private static float[][] layer(
      double[][] raw,
      boolean sparse,
      float[] hv,
      float[] wv,
      float[] bv,
      float[] up,
      int states,
      int n,
      int f,
      int g) {
    boolean previous = JniUtils.isGradMode();
    try (NDManager m = NDManager.newBaseManager()) {
      Propagation p =
          sparse ? Propagation.sparse(m, SparseAdjacency.of(raw)) : Propagation.dense(m, raw);
      NDArray h = m.create(hv, new Shape(states, n, f));
      NDArray w = m.create(wv, new Shape(f, g));
      h.setRequiresGradient(true);
      w.setRequiresGradient(true);
      JniUtils.setGradMode(true);
      NDArray out;
      try {
        out = GraphConvolution.apply(p, h, w, m.create(bv));
        NDArray loss = out.mul(m.create(up, new Shape(states, n, g))).sum();
        JniUtils.backward((PtNDArray) loss, (PtNDArray) m.ones(new Shape()), false, false);
      } finally {
        JniUtils.setGradMode(previous);
      }
      return new float[][] {
        out.toFloatArray(), h.getGradient().toFloatArray(), w.getGradient().toFloatArray()
      };
    }
  }
}
