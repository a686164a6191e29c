package dnt.learn.privacy.inversion;

import java.util.random.RandomGenerator;

/**
 * The optimisation-based attacks: start from a random batch (standard normal windows and targets,
 * in z-score units) and move it with Adam (Kingma and Ba 2015) until the gradient it produces on
 * the global model matches the observed one under a distance. The gradient of the distance with
 * respect to the batch is the chain rule through the per-window gradient, whose derivative is taken
 * by central differences: for a fixed ReLU pattern the per-window gradient is quadratic in the
 * window, so central differences are exact up to rounding (relative error about {@code 1e-16 / h}
 * with {@code h = 1e-3}), and no second-order autograd (with its native-memory cycle) is needed.
 * The optimisation runs from {@link #RESTARTS} random starts (Geiping et al. restart too); the
 * guess with the smallest distance seen over all of them is returned.
 */
abstract class GradientMatching implements InversionAttack {
  private static final double H = 1e-3;

  /** Random starts; the guess with the smallest distance over all of them is kept. */
  static final int RESTARTS = 4;

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final int iterations;
  private final double stepSize;

  GradientMatching(int iterations, double stepSize) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
    }
    if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
      throw new IllegalArgumentException("stepSize must be positive, got " + stepSize);
    }
    this.iterations = iterations;
    this.stepSize = stepSize;
  }

  /**
   * The distance between a candidate's gradient and the observed one, and its gradient.
   *
   * @param g the candidate batch's gradient
   * @param observed the observed gradient
   * @param dg receives d distance / d g (zeroed by the caller)
   * @return the distance
   */
  abstract double distance(double[] g, double[] observed, double[] dg);

  /**
   * A prior on the windows added to the distance, and its gradient.
   *
   * @param x the windows
   * @param dx receives d prior / d x (zeroed by the caller)
   * @return the prior's value (0 by default)
   */
  double prior(double[][] x, double[][] dx) {
    return 0;
  }

  @Override
  public Reconstruction reconstruct(Observation o, RandomGenerator random) {
    MlpGradient net = new MlpGradient(o.model(), o.weights());
    double[] observed = o.gradient();
    int b = o.batchSize();
    int n = net.inputs();
    if (!finite(observed)) {
      return Reconstruction.zeros(b, n);
    }
    double[][] best = new double[b][n + 1];
    double bestValue = Double.POSITIVE_INFINITY;
    for (int r = 0; r < RESTARTS; r++) {
      Trial t = trial(net, observed, b, random);
      if (t.value() < bestValue || r == 0) {
        bestValue = t.value();
        best = t.variables();
      }
    }
    double[][] inputs = new double[b][];
    double[] targets = new double[b];
    for (int i = 0; i < b; i++) {
      inputs[i] = java.util.Arrays.copyOf(best[i], n);
      targets[i] = best[i][n];
    }
    return new Reconstruction(inputs, targets);
  }

  /** The best guess of one start and its distance. */
  private record Trial(double[][] variables, double value) {}

  private Trial trial(MlpGradient net, double[] observed, int b, RandomGenerator random) {
    int n = net.inputs();
    int p = net.parameters();
    // variables: the windows and, in column n, the targets
    double[][] v = new double[b][n + 1];
    for (double[] row : v) {
      for (int c = 0; c <= n; c++) {
        row[c] = random.nextGaussian();
      }
    }
    double[][] m1 = new double[b][n + 1];
    double[][] m2 = new double[b][n + 1];
    double[][] best = copy(v);
    double bestValue = Double.POSITIVE_INFINITY;
    double scale = 1.0 / b;
    double[] plus = new double[p];
    double[] minus = new double[p];
    for (int it = 0; it <= iterations; it++) {
      double[] g = new double[p];
      double[][] x = new double[b][];
      for (int i = 0; i < b; i++) {
        x[i] = java.util.Arrays.copyOf(v[i], n);
        net.accumulate(x[i], v[i][n], scale, g);
      }
      double[] dg = new double[p];
      double[][] dx = new double[b][n];
      double value = distance(g, observed, dg) + prior(x, dx);
      if (!Double.isFinite(value)) {
        break;
      }
      if (value < bestValue) {
        bestValue = value;
        best = copy(v);
      }
      if (it == iterations) {
        break;
      }
      double c1 = 1 - Math.pow(BETA1, it + 1);
      double c2 = 1 - Math.pow(BETA2, it + 1);
      for (int i = 0; i < b; i++) {
        for (int c = 0; c <= n; c++) {
          java.util.Arrays.fill(plus, 0);
          java.util.Arrays.fill(minus, 0);
          double keep = v[i][c];
          v[i][c] = keep + H;
          net.accumulate(java.util.Arrays.copyOf(v[i], n), v[i][n], scale, plus);
          v[i][c] = keep - H;
          net.accumulate(java.util.Arrays.copyOf(v[i], n), v[i][n], scale, minus);
          v[i][c] = keep;
          double d = 0;
          for (int k = 0; k < p; k++) {
            d += dg[k] * (plus[k] - minus[k]);
          }
          d /= 2 * H;
          if (c < n) {
            d += dx[i][c];
          }
          if (!Double.isFinite(d)) {
            d = 0;
          }
          m1[i][c] = BETA1 * m1[i][c] + (1 - BETA1) * d;
          m2[i][c] = BETA2 * m2[i][c] + (1 - BETA2) * d * d;
        }
      }
      for (int i = 0; i < b; i++) {
        for (int c = 0; c <= n; c++) {
          v[i][c] -= stepSize * (m1[i][c] / c1) / (Math.sqrt(m2[i][c] / c2) + EPSILON);
        }
      }
    }
    return new Trial(best, bestValue);
  }

  static boolean finite(double[] x) {
    for (double d : x) {
      if (!Double.isFinite(d)) {
        return false;
      }
    }
    return true;
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
