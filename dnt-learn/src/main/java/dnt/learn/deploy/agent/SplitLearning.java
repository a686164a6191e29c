package dnt.learn.deploy.agent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dnt.core.InvalidInputException;
import dnt.torch.TorchThreads;

/**
 * Split learning of the deployment agent (paper Sec. III-B3; Vepakomma, Gupta, Swedish and Raskar,
 * "Split learning for health: distributed deep learning without sharing raw patient data", arXiv
 * 1812.00564, 2018): the {@link HybridPpo} network cut after its first graph convolutional layer.
 * Each station runs the first layer on its own state; a server runs the second layer, the heads and
 * PPO's loss. No station's raw features leave it.
 *
 * <h2>What crosses the network</h2>
 *
 * The first layer is {@code h1_i = relu(sum_j A_hat_ij x_j W1 + x_i U1 + b1)} with {@code A_hat_ij
 * = A_ij / sqrt(d_i d_j)} ({@link NormalizedAdjacency}): station {@code i} needs its linked
 * stations' projected features, not their raw ones. So, per state:
 *
 * <ol>
 *   <li>every station {@code j} computes its message {@code s_j = x_j W1 / sqrt(d_j)} (a {@code
 *       hidden}-wide vector; it knows its own degree {@code d_j}) and sends it to every station
 *       {@code i} with {@code A_ij > 0} (station to station, e.g. over the X2/Xn interface);
 *   <li>station {@code i} forms {@code h1_i = relu((s_i + sum_j A_ij s_j) / sqrt(d_i) + x_i U1 +
 *       b1)} from its own link weights and degree, and sends {@code h1_i} (the cut-layer
 *       activation, {@code hidden} floats) to the server;
 *   <li>the server, which knows the graph, runs {@link HybridPpo#upper} and the loss, and sends
 *       each station the gradient of the loss with respect to its {@code h1_i} ({@code hidden}
 *       floats);
 *   <li>station {@code i} back-propagates through its ReLU, accumulates its part of the gradient of
 *       {@code U1} and {@code b1}, and sends each linked station {@code j} the gradient of its
 *       message, {@code A_ij g_i / sqrt(d_i)} ({@code hidden} floats), from which {@code j} gets
 *       its part of the gradient of {@code W1};
 *   <li>the lower weights are shared by all stations (one network serves every station, as in the
 *       centralised agent), so each station sends its partial gradient of {@code W1, U1, b1} to the
 *       server, which sums them, takes the optimiser step with the upper layers' gradient, and
 *       sends the new lower weights back (the SplitFed arrangement of Thapa et al., AAAI 2022).
 * </ol>
 *
 * Acting needs steps 1 and 2 only. {@link SplitTraffic} counts the bytes; the tally returned by
 * {@link #forward} and {@link #gradient} is what this code actually passed between the parties.
 *
 * <p>The split is exact: the stations' arithmetic is the centralised layer's, regrouped, so the
 * policy's outputs and the gradient equal {@link HybridPpo}'s to float rounding
 * (SplitLearningTest), and training split or centralised gives the same agent. What this class had
 * to choose: where to cut (after the first layer, the only one whose input is raw station data),
 * that the lower weights are shared (per-station lower weights would not let one policy serve any
 * station) and that messages are pre-scaled by the sender's degree (so no station needs its
 * neighbours' degrees).
 */
public final class SplitLearning {
  private final HybridPpo agent;
  private final double[][] adjacency;
  private final int n;
  private final int f;
  private final int h;
  private final double[] degree;
  private final int links;

  /**
   * Splits an agent over a graph.
   *
   * @param agent the agent (its current parameters are read on every call)
   * @param adjacency the raw edge weights, one row per station
   */
  public SplitLearning(HybridPpo agent, double[][] adjacency) {
    this.agent = agent;
    double[][] checked = NormalizedAdjacency.of(adjacency); // validates
    this.n = checked.length;
    this.adjacency = new double[n][];
    this.degree = new double[n];
    int l = 0;
    for (int i = 0; i < n; i++) {
      this.adjacency[i] = adjacency[i].clone();
      this.adjacency[i][i] = 0;
      degree[i] = 1;
      for (int j = 0; j < n; j++) {
        if (j != i && adjacency[i][j] > 0) {
          degree[i] += adjacency[i][j];
          l++;
        }
      }
    }
    this.links = l;
    this.f = agent.features();
    this.h = agent.config().hidden();
  }

  /**
   * The directed links: ordered pairs {@code i != j} with {@code A_ij > 0}, along which messages
   * travel.
   *
   * @return their number
   */
  public int links() {
    return links;
  }

  /**
   * The policy's outputs on a batch of states, computed split, and the bytes that took.
   *
   * @param logits category logits, {@code states x stations x categories}
   * @param mu Gaussian means, {@code states x stations x 2}
   * @param value the critic's value per state
   * @param traffic the bytes sent
   */
  public record Forward(float[] logits, float[] mu, float[] value, SplitTraffic traffic) {}

  /** A gradient computed split, and the bytes that took. */
  record Gradient(float[] gradient, SplitTraffic traffic) {}

  /** What the stations computed in the forward pass, kept for the backward pass. */
  private record Lower(double[][] pre, float[] h1, long neighbourBytes, long activationBytes) {}

  private Lower lower(float[] p, float[] obs, int states) {
    if (obs.length != states * n * f) {
      throw new InvalidInputException(
          "expected " + states * n * f + " feature values, got " + obs.length);
    }
    int w1 = agent.offset(HybridPpo.LOWER[0]);
    int b1 = agent.offset(HybridPpo.LOWER[1]);
    int u1 = agent.offset(HybridPpo.LOWER[2]);
    // 1. each station's scaled message s_j = x_j W1 / sqrt(d_j), per state
    double[][] s = new double[n][states * h];
    for (int j = 0; j < n; j++) {
      double scale = 1 / Math.sqrt(degree[j]);
      for (int t = 0; t < states; t++) {
        int x = (t * n + j) * f;
        for (int c = 0; c < h; c++) {
          double v = 0;
          for (int k = 0; k < f; k++) {
            v += (double) obs[x + k] * p[w1 + k * h + c];
          }
          s[j][t * h + c] = v * scale;
        }
      }
    }
    long neighbour = (long) links * states * h * SplitTraffic.FLOAT_BYTES;
    // 2. each station's cut activation from its own features and the messages it received
    double[][] pre = new double[n][states * h];
    float[] h1 = new float[states * n * h];
    for (int i = 0; i < n; i++) {
      double scale = 1 / Math.sqrt(degree[i]);
      for (int t = 0; t < states; t++) {
        int x = (t * n + i) * f;
        for (int c = 0; c < h; c++) {
          double agg = s[i][t * h + c];
          for (int j = 0; j < n; j++) {
            if (j != i && adjacency[i][j] > 0) {
              agg += adjacency[i][j] * s[j][t * h + c];
            }
          }
          double v = agg * scale + p[b1 + c];
          for (int k = 0; k < f; k++) {
            v += (double) obs[x + k] * p[u1 + k * h + c];
          }
          pre[i][t * h + c] = v;
          h1[(t * n + i) * h + c] = (float) Math.max(0, v);
        }
      }
    }
    long activation = (long) n * states * h * SplitTraffic.FLOAT_BYTES;
    return new Lower(pre, h1, neighbour, activation);
  }

  /**
   * The policy's outputs on a batch of states: the stations' lower layer, then the server's.
   *
   * @param obs node features, {@code states x stations x features}, as {@link
   *     HybridProblem#observe} gives them state after state
   * @param states the states
   * @return the outputs and the bytes sent
   */
  public Forward forward(float[] obs, int states) {
    float[] p = agent.parameters();
    Lower low = lower(p, obs, states);
    try (NDManager m = TorchThreads.manager()) {
      HybridPpo.Outputs o =
          HybridPpo.upper(
              agent.views(m.create(p)),
              HybridPpo.aHat(m, adjacency),
              m.create(low.h1(), new Shape(states, n, h)),
              agent.config().unit() == PpoUnit.STATION);
      return new Forward(
          o.logits().toFloatArray(),
          o.mu().toFloatArray(),
          o.value().toFloatArray(),
          new SplitTraffic(low.neighbourBytes(), low.activationBytes(), 0, 0));
    }
  }

  /** The gradient of PPO's loss on a batch, computed split (one optimiser step's traffic). */
  Gradient gradient(HybridPpo.Batch b) {
    if (b.nodes() != n) {
      throw new InvalidInputException("the batch has " + b.nodes() + " nodes, the graph " + n);
    }
    int states = b.states();
    float[] p = agent.parameters();
    Lower low = lower(p, b.obs(), states);
    float[] grad;
    float[] dh1;
    boolean previous = JniUtils.isGradMode();
    // 3. the server: the upper layers and the loss, back-propagated to the cut
    try (NDManager m = TorchThreads.manager()) {
      NDArray flat = m.create(p);
      flat.setRequiresGradient(true);
      NDArray cut = m.create(low.h1(), new Shape(states, n, h));
      cut.setRequiresGradient(true);
      NDArray hot = m.create(b.onehot(), new Shape(states, n, agent.categories()));
      NDArray z = m.create(b.zs(), new Shape(states, n, 2));
      // one sample per state (joint decisions) or per node of each state
      Shape samples = b.oldLp().length == states ? new Shape(states) : new Shape(states, n);
      NDArray old = m.create(toFloat(b.oldLp()), samples);
      NDArray a = m.create(toFloat(b.adv()), samples);
      NDArray r = m.create(toFloat(b.ret()), samples);
      JniUtils.setGradMode(true);
      try {
        HybridPpo.Outputs o =
            HybridPpo.upper(
                agent.views(flat),
                HybridPpo.aHat(m, adjacency),
                cut,
                agent.config().unit() == PpoUnit.STATION);
        NDArray loss = agent.loss(o, hot, z, old, a, r, n);
        JniUtils.backward((PtNDArray) loss, (PtNDArray) m.ones(new Shape()), false, false);
      } finally {
        JniUtils.setGradMode(previous);
      }
      grad = flat.getGradient().toFloatArray();
      dh1 = cut.getGradient().toFloatArray();
    }
    long gradientBytes = (long) n * states * h * SplitTraffic.FLOAT_BYTES;
    // 4. the stations: through the ReLU, into U1 and b1, and back along the links
    double[][] gPre = new double[n][states * h];
    double[][] dMessage = new double[n][states * h];
    double[][] partial = new double[n][2 * f * h + h];
    for (int i = 0; i < n; i++) {
      double scale = 1 / Math.sqrt(degree[i]);
      for (int t = 0; t < states; t++) {
        for (int c = 0; c < h; c++) {
          double g = low.pre()[i][t * h + c] > 0 ? dh1[(t * n + i) * h + c] : 0;
          gPre[i][t * h + c] = g;
          // own message enters with weight 1 / sqrt(d_i)
          dMessage[i][t * h + c] += g * scale;
        }
      }
      for (int j = 0; j < n; j++) {
        if (j != i && adjacency[i][j] > 0) {
          // sent from i to j: the gradient of s_j
          for (int x = 0; x < states * h; x++) {
            dMessage[j][x] += adjacency[i][j] * scale * gPre[i][x];
          }
        }
      }
    }
    long neighbourBytes = low.neighbourBytes() * 2;
    // each station's partial gradient of W1 (through s_j = x_j W1 / sqrt(d_j)), U1 and b1
    for (int j = 0; j < n; j++) {
      double scale = 1 / Math.sqrt(degree[j]);
      for (int t = 0; t < states; t++) {
        int x = (t * n + j) * f;
        for (int c = 0; c < h; c++) {
          double dm = dMessage[j][t * h + c] * scale;
          double gp = gPre[j][t * h + c];
          for (int k = 0; k < f; k++) {
            partial[j][k * h + c] += b.obs()[x + k] * dm;
            partial[j][f * h + k * h + c] += b.obs()[x + k] * gp;
          }
          partial[j][2 * f * h + c] += gp;
        }
      }
    }
    // 5. the server sums the stations' partial gradients into the flat gradient
    int w1 = agent.offset(HybridPpo.LOWER[0]);
    int b1 = agent.offset(HybridPpo.LOWER[1]);
    int u1 = agent.offset(HybridPpo.LOWER[2]);
    for (int k = 0; k < f * h; k++) {
      double w = 0;
      double u = 0;
      for (int j = 0; j < n; j++) {
        w += partial[j][k];
        u += partial[j][f * h + k];
      }
      grad[w1 + k] += (float) w;
      grad[u1 + k] += (float) u;
    }
    for (int c = 0; c < h; c++) {
      double v = 0;
      for (int j = 0; j < n; j++) {
        v += partial[j][2 * f * h + c];
      }
      grad[b1 + c] += (float) v;
    }
    long weightBytes = 2L * n * (2L * f * h + h) * SplitTraffic.FLOAT_BYTES;
    return new Gradient(
        grad, new SplitTraffic(neighbourBytes, low.activationBytes(), gradientBytes, weightBytes));
  }

  private static float[] toFloat(double[] a) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) a[i];
    }
    return out;
  }
}
