package dnt.learn.change;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dnt.core.InvalidInputException;
import dnt.learn.deploy.agent.GraphConvolution;
import dnt.learn.deploy.agent.NormalizedAdjacency;
import dnt.torch.TorchThreads;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The GNN detector: the deployment agent's graph convolutional layer ({@code Z = relu(A_hat X W1 +
 * X U1 + b1)}, Kipf and Welling 2017 with the GraphConv root weight, {@link GraphConvolution})
 * trained as a graph autoencoder on the unchanged period, its node embeddings {@code Z} the
 * representation that {@link ChangeMonitor} scores.
 *
 * <p>Training (what this class had to choose; the paper names "an unsupervised network
 * representation learning model" only): the autoencoder of Kipf and Welling ("Variational Graph
 * Auto-Encoders", NIPS Bayesian Deep Learning workshop 2016), without the variational part, with
 * two decoders: the inner product {@code sigmoid(Z Z^T)} reconstructs the edge weights (with the
 * self-loops of {@code A + I}, weights clipped to [0, 1]) and a linear map {@code Z Wd + bd}
 * reconstructs the node features. The loss is the sum of the two mean squared errors, minimised by
 * full-batch Adam over every snapshot of the baseline. An embedding thus has to carry both a
 * station's own state and how it is linked, so a change of either moves it.
 */
public final class GcnDetector implements ChangeDetector {
  static {
    Engine.getEngine("PyTorch");
  }

  private final int hidden;
  private final int epochs;
  private final double learningRate;
  private int features;
  private float[] parameters = new float[0];

  /**
   * Creates an untrained detector.
   *
   * @param hidden the embedding width
   * @param epochs Adam steps over the baseline
   * @param learningRate Adam's step size
   */
  public GcnDetector(int hidden, int epochs, double learningRate) {
    if (hidden < 1 || epochs < 0 || !(learningRate > 0)) {
      throw new InvalidInputException(
          "the GCN detector needs hidden >= 1, epochs >= 0 and a positive learning rate");
    }
    this.hidden = hidden;
    this.epochs = epochs;
    this.learningRate = learningRate;
  }

  @Override
  public int width() {
    return hidden;
  }

  /** Offsets of W1 (f x h), U1 (f x h), b1 (h), Wd (h x f), bd (f) in the flat vector. */
  private int[] offsets() {
    int f = features;
    int h = hidden;
    return new int[] {0, f * h, 2 * f * h, 2 * f * h + h, 3 * f * h + h, 3 * f * h + h + f};
  }

  private record Params(NDArray w1, NDArray u1, NDArray b1, NDArray wd, NDArray bd) {}

  private Params views(NDArray flat) {
    int[] o = offsets();
    int f = features;
    int h = hidden;
    return new Params(
        flat.get(o[0] + ":" + o[1]).reshape(f, h),
        flat.get(o[1] + ":" + o[2]).reshape(f, h),
        flat.get(o[2] + ":" + o[3]),
        flat.get(o[3] + ":" + o[4]).reshape(h, f),
        flat.get(o[4] + ":" + o[5]));
  }

  private static NDArray encode(Params p, NDArray aHat, NDArray x) {
    return GraphConvolution.apply(aHat, x, p.w1(), p.b1())
        .add(x.matMul(p.u1()))
        .maximum(x.getManager().create(0f));
  }

  @Override
  public void fit(List<GraphSnapshot> baseline, RandomGenerator rng) {
    if (baseline.isEmpty()) {
      throw new InvalidInputException("the GCN detector needs a baseline snapshot");
    }
    features = baseline.get(0).featuresPerNode();
    int n = baseline.get(0).nodes();
    int steps = baseline.size();
    int[] o = offsets();
    parameters = new float[o[5]];
    glorot(rng, o[0], features, hidden);
    glorot(rng, o[1], features, hidden);
    glorot(rng, o[3], hidden, features);
    float[] aHat = new float[steps * n * n];
    float[] target = new float[steps * n * n];
    float[] x = new float[steps * n * features];
    for (int t = 0; t < steps; t++) {
      GraphSnapshot g = baseline.get(t);
      if (g.nodes() != n || g.featuresPerNode() != features) {
        throw new InvalidInputException(
            "every baseline snapshot needs the same nodes and features");
      }
      double[][] a = NormalizedAdjacency.of(g.adjacency());
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          aHat[(t * n + i) * n + j] = (float) a[i][j];
          target[(t * n + i) * n + j] = i == j ? 1f : (float) Math.min(1, g.adjacency()[i][j]);
        }
      }
      System.arraycopy(g.features(), 0, x, t * n * features, n * features);
    }
    double[] m1 = new double[parameters.length];
    double[] m2 = new double[parameters.length];
    boolean previous = JniUtils.isGradMode();
    try (NDManager m = TorchThreads.manager()) {
      NDArray aHats = m.create(aHat, new Shape(steps, n, n));
      NDArray targets = m.create(target, new Shape(steps, n, n));
      NDArray xs = m.create(x, new Shape(steps, n, features));
      for (int e = 1; e <= epochs; e++) {
        float[] grad;
        try (NDManager sub = m.newSubManager()) {
          NDArray flat = sub.create(parameters);
          flat.setRequiresGradient(true);
          JniUtils.setGradMode(true);
          try {
            Params p = views(flat);
            NDArray z = encode(p, aHats, xs);
            NDArray xHat = z.matMul(p.wd()).add(p.bd());
            NDArray one = sub.create(1f);
            NDArray edges = one.div(z.matMul(z.transpose(0, 2, 1)).neg().exp().add(one));
            NDArray loss = xHat.sub(xs).square().mean().add(edges.sub(targets).square().mean());
            JniUtils.backward((PtNDArray) loss, (PtNDArray) sub.ones(new Shape()), false, false);
          } finally {
            JniUtils.setGradMode(previous);
          }
          grad = flat.getGradient().toFloatArray();
        }
        adam(grad, m1, m2, e);
      }
    }
  }

  private void glorot(RandomGenerator rng, int at, int rows, int cols) {
    double limit = Math.sqrt(6.0 / (rows + cols));
    for (int k = 0; k < rows * cols; k++) {
      parameters[at + k] = (float) ((2 * rng.nextDouble() - 1) * limit);
    }
  }

  private void adam(float[] grad, double[] first, double[] second, int t) {
    double c1 = 1 - Math.pow(0.9, t);
    double c2 = 1 - Math.pow(0.999, t);
    for (int i = 0; i < grad.length; i++) {
      first[i] = 0.9 * first[i] + 0.1 * grad[i];
      second[i] = 0.999 * second[i] + 0.001 * (double) grad[i] * grad[i];
      parameters[i] -=
          (float) (learningRate * (first[i] / c1) / (Math.sqrt(second[i] / c2) + 1e-8));
    }
  }

  @Override
  public double[] represent(GraphSnapshot g) {
    if (parameters.length == 0) {
      throw new IllegalStateException("fit the GCN detector before asking for embeddings");
    }
    if (g.featuresPerNode() != features) {
      throw new InvalidInputException(
          "the detector was fitted on " + features + " features, got " + g.featuresPerNode());
    }
    int n = g.nodes();
    double[][] a = NormalizedAdjacency.of(g.adjacency());
    float[] flatA = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        flatA[i * n + j] = (float) a[i][j];
      }
    }
    try (NDManager m = TorchThreads.manager()) {
      NDArray z =
          encode(
              views(m.create(parameters)),
              m.create(flatA, new Shape(n, n)),
              m.create(g.features(), new Shape(n, features)));
      float[] v = z.toFloatArray();
      double[] out = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        out[i] = v[i];
      }
      return out;
    }
  }
}
