package dnt.learn.deploy.agent;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dnt.core.InvalidInputException;
import dnt.torch.TorchThreads;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;

/**
 * Proximal policy optimisation (Schulman et al., "Proximal Policy Optimization Algorithms", 2017)
 * with a hybrid action over a graph, the state encoded by two graph convolutional layers (Kipf and
 * Welling 2017) on DJL.
 *
 * <h2>The network</h2>
 *
 * Node features {@code X} ({@code n x f}) pass through {@code H1 = relu(A_hat X W1 + X U1 + b1)}
 * and {@code H2 = relu(A_hat H1 W2 + H1 U2 + b2)}: Kipf and Welling's propagation ({@link
 * GraphConvolution}, {@link NormalizedAdjacency}) plus a separate weight on the node's own
 * features, as in the GraphConv layer of Morris et al. ("Weisfeiler and Leman Go Neural", AAAI
 * 2019). Without that root weight, nodes of a densely linked neighbourhood get nearly the same
 * embedding (on two linked nodes of equal degree exactly the same), while each station's decision
 * hangs on its own link and data. Each node's embedding feeds three heads shared by all nodes:
 * category logits {@code H2 Wm + bm}, the two Gaussian means {@code H2 Wc + bc}, and
 * state-independent log standard deviations; the value is a linear function of the mean of the node
 * embeddings (the actor and critic share the encoder). Sharing the heads across nodes makes the
 * policy size independent of the number of stations: one network serves 10 or 1,000.
 *
 * <h2>Training</h2>
 *
 * Each update collects {@link PpoConfig#episodesPerUpdate} episodes with the current policy, then
 * estimates advantages by GAE (Schulman et al. 2016) with the critic, normalises them, and takes
 * {@link PpoConfig#epochs} full-batch Adam steps on {@code -mean(min(r A, clip(r) A)) + c_v mean((V
 * - R)^2) - c_e entropy} ({@link HybridMath#clippedObjective}), with the gradient's global norm
 * clipped. The joint log-probability is the sum of every node's categorical and Gaussian
 * log-densities ({@link HybridMath#logProb}; the squashing Jacobian cancels in the ratio and is
 * left out here). The parameters live in one flat vector, as the forecasters' do, so each training
 * run owns its native memory and runs on its own thread.
 *
 * <h2>At scale</h2>
 *
 * {@link PpoConfig#sparse} propagates with {@link Propagation#sparse} (cost linear in the edges)
 * instead of the dense {@code n x n} matrix. {@link PpoConfig#unit} {@link PpoUnit#STATION} makes
 * each node's action a sample of its own: its ratio, its advantage by GAE on its reward share
 * ({@link HybridProblem.Outcome#share}) and a value per node from its own embedding (the same value
 * weights), the entropy bonus per node. The defaults keep the original agent (joint, dense), whose
 * arithmetic is unchanged.
 *
 * <p>What this class had to choose: the widths, the shared critic, state-independent standard
 * deviations and full-batch updates are the common choices of PPO implementations for small
 * problems (Huang et al., "The 37 Implementation Details of PPO", 2022), not the paper's.
 */
public final class HybridPpo {
  static {
    // load the native engine before any JniUtils call
    Engine.getEngine("PyTorch");
  }

  private static final float HALF_LOG_TWO_PI = (float) (0.5 * Math.log(2 * Math.PI));

  private final PpoConfig config;
  private final int features;
  private final int categories;
  private final long[][] shapes;
  private final int[] sizes;
  private float[] parameters;

  /**
   * Creates an untrained agent.
   *
   * @param config the hyper-parameters
   * @param features node features
   * @param categories categories of the discrete action, at least 2
   * @param rng the source of the initial weights
   */
  public HybridPpo(PpoConfig config, int features, int categories, RandomGenerator rng) {
    this.config = Objects.requireNonNull(config, "config");
    if (features < 1 || categories < 2) {
      throw new InvalidInputException("the agent needs a feature and two categories");
    }
    this.features = features;
    this.categories = categories;
    int h = config.hidden();
    shapes =
        new long[][] {
          {features, h},
          {h},
          {h, h},
          {h},
          {h, categories},
          {categories},
          {h, 2},
          {2},
          {2},
          {h, 1},
          {1},
          {features, h},
          {h, h}
        };
    sizes = new int[shapes.length];
    int total = 0;
    for (int i = 0; i < shapes.length; i++) {
      long s = 1;
      for (long d : shapes[i]) {
        s *= d;
      }
      sizes[i] = (int) s;
      total += sizes[i];
    }
    parameters = new float[total];
    int at = 0;
    for (int i = 0; i < shapes.length; i++) {
      if (shapes[i].length == 2) {
        // Glorot uniform; the policy heads start 100 times smaller (near-uniform categories,
        // means near 0), as is usual for PPO's last layers
        double limit = Math.sqrt(6.0 / (shapes[i][0] + shapes[i][1]));
        if (i == 4 || i == 6) {
          limit *= 0.01;
        }
        for (int k = 0; k < sizes[i]; k++) {
          parameters[at + k] = (float) ((2 * rng.nextDouble() - 1) * limit);
        }
      } else if (i == 8) {
        parameters[at] = (float) config.initLogStd();
        parameters[at + 1] = (float) config.initLogStd();
      }
      at += sizes[i];
    }
  }

  /**
   * The flat parameter vector.
   *
   * @return a copy
   */
  public float[] parameters() {
    return parameters.clone();
  }

  /**
   * Replaces the parameters.
   *
   * @param p a vector of the same length
   */
  public void setParameters(float[] p) {
    if (p.length != parameters.length) {
      throw new IllegalArgumentException(
          "the agent has " + parameters.length + " parameters, got " + p.length);
    }
    parameters = p.clone();
  }

  /** The network's outputs for a batch of states. */
  record Outputs(NDArray logits, NDArray mu, NDArray logStd, NDArray value) {}

  NDList views(NDArray flat) {
    long[] cuts = new long[sizes.length - 1];
    long at = 0;
    for (int i = 0; i < cuts.length; i++) {
      at += sizes[i];
      cuts[i] = at;
    }
    NDList parts = flat.split(cuts);
    NDList out = new NDList(sizes.length);
    for (int i = 0; i < sizes.length; i++) {
      out.add(parts.get(i).reshape(new Shape(shapes[i])));
    }
    return out;
  }

  /**
   * A constant as a tensor of an array's manager. Never pass a Java number to a DJL operation while
   * gradients are recorded: DJL wraps it in a tensor over a buffer it frees right after the
   * operation, while autograd keeps the tensor for the backward pass (docs/forecasting.md, "How
   * determinism is obtained", item 6). A tensor of the step's manager lives until the step ends.
   */
  private static NDArray scalar(NDArray like, double value) {
    return like.getManager().create((float) value);
  }

  /** Indices of the lower (first) layer's parameters in {@link #views}: W1, b1 and U1. */
  static final int[] LOWER = {0, 1, 11};

  private Outputs forward(NDList p, Propagation aHat, NDArray x) {
    return upper(p, aHat, lower(p, aHat, x), config.unit() == PpoUnit.STATION);
  }

  /**
   * The first graph convolutional layer, {@code H1 = relu(A_hat X W1 + X U1 + b1)}: the part a
   * station runs in the split variant ({@link SplitLearning}).
   */
  static NDArray lower(NDList p, Propagation aHat, NDArray x) {
    return GraphConvolution.apply(aHat, x, p.get(0), p.get(1))
        .add(x.matMul(p.get(11)))
        .maximum(scalar(x, 0));
  }

  /**
   * The second layer and the heads, from the first layer's output: the server's part. The value is
   * one per state from the mean node embedding ({@link PpoUnit#JOINT}) or one per node from its own
   * embedding ({@code perNode}, {@link PpoUnit#STATION}), with the same weights.
   */
  static Outputs upper(NDList p, Propagation aHat, NDArray h1, boolean perNode) {
    NDArray h2 =
        GraphConvolution.apply(aHat, h1, p.get(2), p.get(3))
            .add(h1.matMul(p.get(12)))
            .maximum(scalar(h1, 0));
    NDArray logits = h2.matMul(p.get(4)).add(p.get(5));
    NDArray mu = h2.matMul(p.get(6)).add(p.get(7));
    NDArray value =
        perNode
            ? h2.matMul(p.get(9)).add(p.get(10)).squeeze(-1)
            : h2.mean(new int[] {1}).matMul(p.get(9)).add(p.get(10)).reshape(-1);
    return new Outputs(logits, mu, p.get(8), value);
  }

  /** The dense propagation (the original encoder), as {@link SplitLearning} checks against. */
  static Propagation aHat(NDManager m, double[][] adjacency) {
    return Propagation.dense(m, adjacency);
  }

  /** The propagation this agent's configuration asks for, its arrays in the manager. */
  Propagation propagation(NDManager m, double[][] adjacency) {
    return config.sparse()
        ? Propagation.sparse(m, SparseAdjacency.of(adjacency))
        : Propagation.dense(m, adjacency);
  }

  /**
   * What the policy says about one state; the values are one per state ({@link PpoUnit#JOINT}) or
   * one per node.
   */
  private record Head(float[] logits, float[] mu, float[] logStd, float[] value) {}

  private <S> Head head(NDManager m, Propagation aHat, HybridProblem<S> problem, S state) {
    int n = problem.nodes();
    try (NDManager sub = m.newSubManager()) {
      NDArray flat = sub.create(parameters);
      NDArray x = sub.create(problem.observe(state), new Shape(1, n, features));
      Outputs o = forward(views(flat), aHat, x);
      return new Head(
          o.logits().toFloatArray(),
          o.mu().toFloatArray(),
          o.logStd().toFloatArray(),
          o.value().toFloatArray());
    }
  }

  /**
   * The policy's action in a state: sampled, or its mode (the most likely category, the Gaussian
   * means).
   *
   * @param problem the problem
   * @param state the state
   * @param rng randomness for sampling
   * @param sample sample (training, exploration) or take the mode (evaluation)
   * @param <S> the state
   * @return the action
   */
  public <S> HybridAction act(
      HybridProblem<S> problem, S state, RandomGenerator rng, boolean sample) {
    try (NDManager m = TorchThreads.manager()) {
      Head h = head(m, propagation(m, problem.adjacency()), problem, state);
      return draw(h, problem.nodes(), rng, sample).action();
    }
  }

  /** An action, its joint log-probability and each node's. */
  private record Draw(HybridAction action, double logProb, double[] nodeLogProb) {}

  private Draw draw(Head h, int n, RandomGenerator rng, boolean sample) {
    int[] cat = new int[n];
    double[] z = new double[2 * n];
    double lp = 0;
    double[] nodeLp = new double[n];
    for (int b = 0; b < n; b++) {
      double before = lp;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < categories; c++) {
        max = Math.max(max, h.logits()[b * categories + c]);
      }
      double[] p = new double[categories];
      double sum = 0;
      for (int c = 0; c < categories; c++) {
        p[c] = Math.exp(h.logits()[b * categories + c] - max);
        sum += p[c];
      }
      int chosen = 0;
      if (sample) {
        double u = rng.nextDouble() * sum;
        double acc = 0;
        chosen = categories - 1;
        for (int c = 0; c < categories; c++) {
          acc += p[c];
          if (u < acc) {
            chosen = c;
            break;
          }
        }
      } else {
        for (int c = 1; c < categories; c++) {
          if (p[c] > p[chosen]) {
            chosen = c;
          }
        }
      }
      cat[b] = chosen;
      lp += Math.log(p[chosen] / sum);
      for (int k = 0; k < 2; k++) {
        double mu = h.mu()[2 * b + k];
        double ls = h.logStd()[k];
        double zz = sample ? mu + Math.exp(ls) * rng.nextGaussian() : mu;
        z[2 * b + k] = zz;
        lp += HybridMath.logNormal(zz, mu, ls);
      }
      nodeLp[b] = lp - before;
    }
    return new Draw(new HybridAction(cat, z), lp, nodeLp);
  }

  /**
   * Trains the agent.
   *
   * @param problem the problem
   * @param rng randomness of the episodes' starts and the policy's samples
   * @param progress told the number of each finished update
   * @param <S> the state
   * @return the learning curve: the mean reward per period of each update's episodes
   */
  public <S> double[] train(HybridProblem<S> problem, RandomGenerator rng, IntConsumer progress) {
    int n = problem.nodes();
    int horizon = problem.horizon();
    if (problem.features() != features || problem.categories() != categories) {
      throw new InvalidInputException(
          "the problem's features or categories differ from the agent's");
    }
    double[] curve = new double[config.updates()];
    double[] adamM = new double[parameters.length];
    double[] adamV = new double[parameters.length];
    int adamT = 0;
    boolean previousGrad = JniUtils.isGradMode();
    boolean perNode = config.unit() == PpoUnit.STATION;
    // the samples of a state: one joint decision, or one per node
    int per = perNode ? n : 1;
    try (NDManager m = TorchThreads.manager()) {
      Propagation aHat = propagation(m, problem.adjacency());
      for (int update = 0; update < config.updates(); update++) {
        int batch = config.episodesPerUpdate() * horizon;
        float[] obs = new float[batch * n * features];
        float[] onehot = new float[batch * n * categories];
        float[] zs = new float[batch * n * 2];
        double[] oldLp = new double[batch * per];
        double[] values = new double[batch * per];
        double[] rewards = new double[batch * per];
        double total = 0;
        int t = 0;
        for (int e = 0; e < config.episodesPerUpdate(); e++) {
          S state = problem.start(rng);
          for (int step = 0; step < horizon; step++, t++) {
            float[] x = problem.observe(state);
            System.arraycopy(x, 0, obs, t * n * features, n * features);
            Head h = head(m, aHat, problem, state);
            Draw d = draw(h, n, rng, true);
            for (int b = 0; b < n; b++) {
              onehot[(t * n + b) * categories + d.action().category()[b]] = 1f;
              zs[(t * n + b) * 2] = (float) d.action().z()[2 * b];
              zs[(t * n + b) * 2 + 1] = (float) d.action().z()[2 * b + 1];
            }
            HybridProblem.Outcome<S> o = problem.step(state, d.action());
            if (perNode) {
              for (int b = 0; b < n; b++) {
                oldLp[t * n + b] = d.nodeLogProb()[b];
                values[t * n + b] = h.value()[b];
                rewards[t * n + b] = o.share(b);
              }
            } else {
              oldLp[t] = d.logProb();
              values[t] = h.value()[0];
              rewards[t] = o.reward();
            }
            total += o.reward();
            state = o.next();
          }
        }
        curve[update] = total / batch;
        double[] adv = new double[batch * per];
        double[] ret = new double[batch * per];
        for (int e = 0; e < config.episodesPerUpdate(); e++) {
          for (int b = 0; b < per; b++) {
            double next = 0;
            double gae = 0;
            for (int step = horizon - 1; step >= 0; step--) {
              int i = (e * horizon + step) * per + b;
              double delta = rewards[i] + config.gamma() * next - values[i];
              gae = delta + config.gamma() * config.lambda() * gae;
              adv[i] = gae;
              ret[i] = gae + values[i];
              next = values[i];
            }
          }
        }
        normalise(adv);
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
          float[] grad =
              gradient(m, aHat, batch, n, obs, onehot, zs, oldLp, adv, ret, previousGrad);
          adamT++;
          adam(grad, adamM, adamV, adamT);
        }
        progress.accept(update + 1);
      }
    } finally {
      JniUtils.setGradMode(previousGrad);
    }
    return curve;
  }

  private float[] gradient(
      NDManager m,
      Propagation aHat,
      int batch,
      int n,
      float[] obs,
      float[] onehot,
      float[] zs,
      double[] oldLp,
      double[] adv,
      double[] ret,
      boolean previousGrad) {
    try (NDManager sub = m.newSubManager()) {
      NDArray flat = sub.create(parameters);
      flat.setRequiresGradient(true);
      NDArray x = sub.create(obs, new Shape(batch, n, features));
      NDArray hot = sub.create(onehot, new Shape(batch, n, categories));
      NDArray z = sub.create(zs, new Shape(batch, n, 2));
      // one sample per state, or one per node of each state
      Shape samples = oldLp.length == batch ? new Shape(batch) : new Shape(batch, n);
      NDArray old = sub.create(toFloat(oldLp), samples);
      NDArray a = sub.create(toFloat(adv), samples);
      NDArray r = sub.create(toFloat(ret), samples);
      JniUtils.setGradMode(true);
      try {
        NDArray loss = loss(forward(views(flat), aHat, x), hot, z, old, a, r, n);
        JniUtils.backward((PtNDArray) loss, (PtNDArray) sub.ones(new Shape()), false, false);
      } finally {
        JniUtils.setGradMode(previousGrad);
      }
      return flat.getGradient().toFloatArray();
    }
  }

  /**
   * A training batch, as {@link #train} assembles it.
   *
   * @param states states in the batch
   * @param nodes nodes per state
   * @param obs node features, {@code states x nodes x features}
   * @param onehot the chosen categories, one-hot, {@code states x nodes x categories}
   * @param zs the Gaussian draws, {@code states x nodes x 2}
   * @param oldLp the log-probabilities when the actions were taken
   * @param adv the advantages
   * @param ret the returns
   */
  record Batch(
      int states,
      int nodes,
      float[] obs,
      float[] onehot,
      float[] zs,
      double[] oldLp,
      double[] adv,
      double[] ret) {}

  /** The gradient of the loss on a batch, by the centralised network (for the split's test). */
  float[] gradient(double[][] adjacency, Batch b) {
    boolean previous = JniUtils.isGradMode();
    try (NDManager m = TorchThreads.manager()) {
      return gradient(
          m,
          aHat(m, adjacency),
          b.states(),
          b.nodes(),
          b.obs(),
          b.onehot(),
          b.zs(),
          b.oldLp(),
          b.adv(),
          b.ret(),
          previous);
    } finally {
      JniUtils.setGradMode(previous);
    }
  }

  /** The centralised network's outputs on a batch of states: logits, means, values, flattened. */
  float[][] outputs(double[][] adjacency, float[] obs, int states, int nodes) {
    try (NDManager m = TorchThreads.manager()) {
      Outputs o =
          forward(
              views(m.create(parameters)),
              propagation(m, adjacency),
              m.create(obs, new Shape(states, nodes, features)));
      return new float[][] {
        o.logits().toFloatArray(), o.mu().toFloatArray(), o.value().toFloatArray()
      };
    }
  }

  PpoConfig config() {
    return config;
  }

  int features() {
    return features;
  }

  int categories() {
    return categories;
  }

  /** Where parameter block {@code i} of {@link #views} starts in the flat vector. */
  int offset(int i) {
    int at = 0;
    for (int k = 0; k < i; k++) {
      at += sizes[k];
    }
    return at;
  }

  /**
   * PPO's loss on a batch: the negated clipped surrogate, plus the weighted value loss, minus the
   * weighted entropy of the categorical and Gaussian heads.
   */
  NDArray loss(Outputs o, NDArray hot, NDArray z, NDArray old, NDArray a, NDArray r, int n) {
    if (config.unit() == PpoUnit.STATION) {
      return nodeLoss(o, hot, z, old, a, r);
    }
    NDArray logSoft = o.logits().logSoftmax(2);
    NDArray surrogate = clippedSurrogate(logProbs(o, hot, z), old, a, z);
    NDArray catEntropy = logSoft.exp().mul(logSoft).sum(new int[] {1, 2}).neg().mean();
    NDArray gaussEntropy = o.logStd().add(scalar(z, 0.5 + HALF_LOG_TWO_PI)).sum().mul(scalar(z, n));
    return objective(surrogate, o, r, catEntropy.add(gaussEntropy), z);
  }

  /**
   * PPO's loss with each node's action a sample ({@link PpoUnit#STATION}): the clipped surrogate of
   * every node's own ratio and advantage, the value loss of every node's value against its own
   * return, and the mean entropy of one node's action, all averaged over the states and nodes.
   */
  private NDArray nodeLoss(Outputs o, NDArray hot, NDArray z, NDArray old, NDArray a, NDArray r) {
    NDArray logSoft = o.logits().logSoftmax(2);
    NDArray surrogate = clippedSurrogate(nodeLogProbs(o, hot, z), old, a, z);
    NDArray catEntropy = logSoft.exp().mul(logSoft).sum(new int[] {2}).neg().mean();
    NDArray gaussEntropy = o.logStd().add(scalar(z, 0.5 + HALF_LOG_TWO_PI)).sum();
    return objective(surrogate, o, r, catEntropy.add(gaussEntropy), z);
  }

  /** PPO's clipped surrogate {@code min(rho A, clip(rho, 1 - eps, 1 + eps) A)}, elementwise. */
  private NDArray clippedSurrogate(NDArray lp, NDArray old, NDArray a, NDArray z) {
    NDArray ratio = lp.sub(old).exp();
    double eps = config.clip();
    NDArray clipped = ratio.maximum(scalar(z, 1 - eps)).minimum(scalar(z, 1 + eps));
    return ratio.mul(a).minimum(clipped.mul(a));
  }

  /**
   * The loss minimised: minus the mean surrogate, plus the weighted value loss (squared error of
   * the values against the returns), minus the weighted entropy.
   */
  private NDArray objective(NDArray surrogate, Outputs o, NDArray r, NDArray entropy, NDArray z) {
    NDArray valueLoss = o.value().sub(r).square().mean();
    return surrogate
        .mean()
        .neg()
        .add(valueLoss.mul(scalar(z, config.valueCoef())))
        .sub(entropy.mul(scalar(z, config.entropyCoef())));
  }

  /**
   * Each state's joint log-probability of its action, summed over nodes, without the squashing
   * Jacobian: the categorical log-softmax at the chosen category plus the Gaussian log-densities.
   */
  private static NDArray logProbs(Outputs o, NDArray hot, NDArray z) {
    // summed over nodes and components at once, not through nodeLogProbs: the float32 sums keep
    // the original agent's order, so its committed runs reproduce bit for bit
    NDArray catLp = o.logits().logSoftmax(2).mul(hot).sum(new int[] {1, 2});
    NDArray u = z.sub(o.mu()).div(o.logStd().exp());
    NDArray gaussLp =
        u.square()
            .mul(scalar(z, -0.5))
            .sub(o.logStd())
            .sub(scalar(z, HALF_LOG_TWO_PI))
            .sum(new int[] {1, 2});
    return catLp.add(gaussLp);
  }

  /** Each node's log-probability of its action, {@code T x n}, without the squashing Jacobian. */
  private static NDArray nodeLogProbs(Outputs o, NDArray hot, NDArray z) {
    NDArray catLp = o.logits().logSoftmax(2).mul(hot).sum(new int[] {2});
    NDArray u = z.sub(o.mu()).div(o.logStd().exp());
    NDArray gaussLp =
        u.square()
            .mul(scalar(z, -0.5))
            .sub(o.logStd())
            .sub(scalar(z, HALF_LOG_TWO_PI))
            .sum(new int[] {2});
    return catLp.add(gaussLp);
  }

  /**
   * The log-probability of an action by the training code's array arithmetic (without the squashing
   * Jacobian), for the test that it agrees with {@link HybridMath}.
   */
  <S> double arrayLogProb(HybridProblem<S> problem, S state, HybridAction action) {
    int n = problem.nodes();
    try (NDManager m = TorchThreads.manager()) {
      Propagation aHat = propagation(m, problem.adjacency());
      NDArray x = m.create(problem.observe(state), new Shape(1, n, features));
      Outputs o = forward(views(m.create(parameters)), aHat, x);
      float[] hot = new float[n * categories];
      float[] z = new float[2 * n];
      for (int b = 0; b < n; b++) {
        hot[b * categories + action.category()[b]] = 1f;
        z[2 * b] = (float) action.z()[2 * b];
        z[2 * b + 1] = (float) action.z()[2 * b + 1];
      }
      return logProbs(
              o, m.create(hot, new Shape(1, n, categories)), m.create(z, new Shape(1, n, 2)))
          .getFloat(0);
    }
  }

  private void adam(float[] grad, double[] first, double[] second, int t) {
    double norm = 0;
    for (float g : grad) {
      norm += (double) g * g;
    }
    norm = Math.sqrt(norm);
    double scale = norm > config.maxGradNorm() ? config.maxGradNorm() / norm : 1;
    double b1 = 0.9;
    double b2 = 0.999;
    double c1 = 1 - Math.pow(b1, t);
    double c2 = 1 - Math.pow(b2, t);
    for (int i = 0; i < grad.length; i++) {
      double g = grad[i] * scale;
      first[i] = b1 * first[i] + (1 - b1) * g;
      second[i] = b2 * second[i] + (1 - b2) * g * g;
      parameters[i] -=
          (float) (config.learningRate() * (first[i] / c1) / (Math.sqrt(second[i] / c2) + 1e-8));
    }
  }

  private static void normalise(double[] a) {
    double mean = 0;
    for (double v : a) {
      mean += v / a.length;
    }
    double var = 0;
    for (double v : a) {
      var += (v - mean) * (v - mean) / a.length;
    }
    double sd = Math.sqrt(var) + 1e-8;
    for (int i = 0; i < a.length; i++) {
      a[i] = (a[i] - mean) / sd;
    }
  }

  private static float[] toFloat(double[] a) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) a[i];
    }
    return out;
  }

  /**
   * The log-probability the current policy gives an action, summed over nodes, without the
   * squashing Jacobian (as in training): for tests and diagnostics.
   *
   * @param problem the problem
   * @param state the state
   * @param action the action
   * @param <S> the state
   * @return the log-probability
   */
  public <S> double logProb(HybridProblem<S> problem, S state, HybridAction action) {
    try (NDManager m = TorchThreads.manager()) {
      Head h = head(m, propagation(m, problem.adjacency()), problem, state);
      double lp = 0;
      for (int b = 0; b < problem.nodes(); b++) {
        double[] logits = new double[categories];
        for (int c = 0; c < categories; c++) {
          logits[c] = h.logits()[b * categories + c];
        }
        double[] mu = {h.mu()[2 * b], h.mu()[2 * b + 1]};
        double[] ls = {h.logStd()[0], h.logStd()[1]};
        double[] z = {action.z()[2 * b], action.z()[2 * b + 1]};
        double full = HybridMath.logProb(logits, action.category()[b], mu, ls, z);
        lp += full + HybridMath.logSquashDerivative(z[0]) + HybridMath.logSquashDerivative(z[1]);
      }
      return lp;
    }
  }
}
