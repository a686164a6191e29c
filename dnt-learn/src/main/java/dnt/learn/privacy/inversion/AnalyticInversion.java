package dnt.learn.privacy.inversion;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The closed-form inversion of a dense first layer (Phong et al., "Privacy-Preserving Deep Learning
 * via Additively Homomorphic Encryption", IEEE TIFS 2018; Geiping et al. 2020, Sec. 4): for {@code
 * z = W x + b}, the gradient of row j of W is {@code dL/dz_j * x} and that of {@code b_j} is {@code
 * dL/dz_j}, so for one window {@code x = (dL/dW_j) / (dL/db_j)} for any unit j with a non-zero bias
 * gradient; the unit with the largest is used. The target follows from the head's bias gradient:
 * {@code y = prediction(x) - (dL/db_head) / 2}. No optimisation and no randomness.
 *
 * <p>For a batch, each unit's ratio is the mean of the windows that activate it, weighted by their
 * residuals; a unit that one window alone activates gives that window exactly, and every unit that
 * window alone activates gives the same ratio. The B guesses are the distinct ratios that most
 * units agree on, ties broken by the size of the bias gradient.
 */
final class AnalyticInversion implements InversionAttack {
  /** Bias gradients at most this times the largest one are left out as numerically unsafe. */
  private static final double RELATIVE_FLOOR = 1e-6;

  @Override
  public Reconstruction reconstruct(Observation o, RandomGenerator random) {
    MlpGradient net = new MlpGradient(o.model(), o.weights());
    double[] g = o.gradient();
    int b = o.batchSize();
    int n = net.inputs();
    if (!GradientMatching.finite(g)) {
      return Reconstruction.zeros(b, n);
    }
    double[] bias = net.firstLayerBias(g);
    double largest = 0;
    for (double v : bias) {
      largest = Math.max(largest, Math.abs(v));
    }
    if (!(largest > 0)) {
      return Reconstruction.zeros(b, n);
    }
    List<double[]> candidates = new ArrayList<>();
    List<Double> strength = new ArrayList<>();
    for (int j = 0; j < bias.length; j++) {
      if (Math.abs(bias[j]) > RELATIVE_FLOOR * largest) {
        double[] row = net.firstLayerRow(g, j);
        for (int i = 0; i < n; i++) {
          row[i] /= bias[j];
        }
        candidates.add(row);
        strength.add(Math.abs(bias[j]));
      }
    }
    int[] order = byEvidence(candidates, strength);
    double[][] inputs = new double[b][];
    int picked = 0;
    for (int c : order) {
      if (picked == b) {
        break;
      }
      boolean known = false;
      for (int k = 0; k < picked; k++) {
        known |= same(candidates.get(c), inputs[k]);
      }
      if (!known) {
        inputs[picked++] = candidates.get(c);
      }
    }
    // fewer distinct ratios than windows: repeat the strongest
    for (int k = picked; k < b; k++) {
      inputs[k] = inputs[k % Math.max(1, picked)];
    }
    double residual = net.headBias(g) / 2;
    double[] targets = new double[b];
    for (int k = 0; k < b; k++) {
      targets[k] = net.predict(inputs[k]) - residual;
    }
    return new Reconstruction(inputs, targets);
  }

  /**
   * The candidates in the order they are believed: those that several units agree on first (a
   * window that activates units alone gives the same ratio at each of them, a mixture is unique),
   * then by the size of the bias gradient.
   */
  private static int[] byEvidence(List<double[]> candidates, List<Double> strength) {
    int m = candidates.size();
    int[] votes = new int[m];
    for (int a = 0; a < m; a++) {
      for (int c = 0; c < m; c++) {
        votes[a] += same(candidates.get(a), candidates.get(c)) ? 1 : 0;
      }
    }
    return java.util.stream.IntStream.range(0, m)
        .boxed()
        .sorted(
            java.util.Comparator.<Integer>comparingInt(c -> -votes[c])
                .thenComparing(c -> -strength.get(c)))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** Whether two ratios are the same window up to float32 rounding (1e-4 relative). */
  private static boolean same(double[] a, double[] b) {
    double scale = 0;
    for (double v : a) {
      scale += v * v;
    }
    return squaredDistance(a, b) <= 1e-8 * (1 + scale);
  }

  private static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }
}
