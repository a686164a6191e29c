package dnt.caching.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * PPO-Lagrangian for the caches' miss decisions (A. Ray, J. Achiam, D. Amodei, "Benchmarking Safe
 * Exploration in Deep Reinforcement Learning", OpenAI 2019; clipped surrogate of J. Schulman et
 * al., "Proximal Policy Optimization Algorithms", 2017; advantages by GAE, J. Schulman et al., ICLR
 * 2016). Reconstructed for this action set: the policy scores every candidate row (evict slot i, or
 * the incoming row for "do not admit") with one shared MLP, and a softmax over the rows is the
 * policy; actions the shield forbids get logit −∞, so their probability is exactly 0. A reward
 * critic and a cost critic, each an MLP on the incoming row joined with the mean candidate row,
 * give V_R(s) and V_C(s). After each episode, GAE advantages A_R and A_C per station chain form the
 * surrogate advantage (A_R − λ·A_C)/(1 + λ) for a few epochs of the clipped objective, and the
 * multiplier moves by λ ← max(0, λ + η·(J_C − d)) with J_C the episode's mean cost per request.
 *
 * <p>Acting and the old log-probabilities run on plain-Java mirrors of the weights; gradient steps
 * run on DJL under the process-wide gradient lock.
 */
public final class PpoLagrangian implements AutoCloseable {
  /** The additive mask of a forbidden or padded action in the training graph. */
  private static final float MASKED = -1e9f;

  private final int features;
  private final PpoSettings settings;
  private final Mlp policy;
  private final Mlp rewardCritic;
  private final Mlp costCritic;
  private double lambda;
  private long steps;

  /** One decision of a rollout; reward and cost are filled in when the episode closes. */
  public static final class Step {
    final float[] rows;
    final int n;
    final boolean masked;
    final int action;
    final double logp;
    final double valueR;
    final double valueC;
    double reward;
    double cost;

    Step(float[] rows, int n, boolean masked, int action, double logp, double vr, double vc) {
      this.rows = rows;
      this.n = n;
      this.masked = masked;
      this.action = action;
      this.logp = logp;
      this.valueR = vr;
      this.valueC = vc;
    }
  }

  /**
   * A fresh agent.
   *
   * @param features the feature-row length F
   * @param settings the hyper-parameters
   * @param random the source of the initial weights
   */
  public PpoLagrangian(int features, PpoSettings settings, RandomGenerator random) {
    this.features = features;
    this.settings = settings;
    this.policy = new Mlp("dnt-caching-ppo-policy", features, settings.hidden(), lr(), random);
    this.rewardCritic =
        new Mlp("dnt-caching-ppo-vr", 2 * features, settings.hidden(), lr(), random);
    this.costCritic = new Mlp("dnt-caching-ppo-vc", 2 * features, settings.hidden(), lr(), random);
  }

  private float lr() {
    return settings.learningRate();
  }

  /**
   * The Lagrange multiplier now.
   *
   * @return λ
   */
  public double lambda() {
    return lambda;
  }

  /**
   * Gradient steps taken (one per minibatch, each updating the policy and both critics).
   *
   * @return the count
   */
  public long gradientSteps() {
    return steps;
  }

  /**
   * The action probabilities of a state: a softmax over the rows' logits; with {@code maskAdmit}
   * every admission (rows 0..n-2) has logit −∞ and probability exactly 0.
   *
   * @param rows n rows of F features, flattened (the last is the incoming item: do not admit)
   * @param n the number of rows
   * @param maskAdmit whether admissions are forbidden
   * @return n probabilities
   */
  public double[] probabilities(float[] rows, int n, boolean maskAdmit) {
    double[] logits = new double[n];
    for (int r = 0; r < n; r++) {
      logits[r] =
          maskAdmit && r < n - 1 ? Double.NEGATIVE_INFINITY : policy.score(rows, r * features);
    }
    return softmax(logits);
  }

  /**
   * A numerically stable softmax in which a logit of −∞ gets probability exactly 0.
   *
   * @param logits the logits (at least one finite)
   * @return the probabilities
   */
  static double[] softmax(double[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (double l : logits) {
      max = Math.max(max, l);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = logits[i] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /**
   * Inverse-CDF sampling that never returns an action of probability 0.
   *
   * @param p the probabilities
   * @param u a uniform draw in [0, 1)
   * @return the action
   */
  static int sample(double[] p, double u) {
    double cum = 0;
    int last = -1;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0) {
        cum += p[i];
        last = i;
        if (u < cum) {
          return i;
        }
      }
    }
    return last;
  }

  /**
   * The action the unmasked policy proposes: a sample while training, the mode otherwise.
   *
   * @param rows the state's rows
   * @param n the number of rows
   * @param training whether to sample
   * @param random the source of the draw
   * @return the proposed row
   */
  public int propose(float[] rows, int n, boolean training, RandomGenerator random) {
    double[] p = probabilities(rows, n, false);
    if (training) {
      return sample(p, random.nextDouble());
    }
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Records an executed action with its log-probability under the (masked) policy and both critics'
   * values of the state.
   *
   * @param rows the state's rows
   * @param n the number of rows
   * @param maskAdmit whether admissions were forbidden
   * @param action the executed row
   * @return the rollout step
   */
  public Step record(float[] rows, int n, boolean maskAdmit, int action) {
    double[] p = probabilities(rows, n, maskAdmit);
    float[] c = criticInput(rows, n, features);
    return new Step(
        rows,
        n,
        maskAdmit,
        action,
        Math.log(p[action]),
        rewardCritic.score(c, 0),
        costCritic.score(c, 0));
  }

  /** The critics' input: the incoming (last) row joined with the mean of the candidate rows. */
  static float[] criticInput(float[] rows, int n, int f) {
    float[] x = new float[2 * f];
    System.arraycopy(rows, (n - 1) * f, x, 0, f);
    for (int r = 0; r < n - 1; r++) {
      for (int i = 0; i < f; i++) {
        x[f + i] += rows[r * f + i] / (n - 1);
      }
    }
    return x;
  }

  /**
   * Generalised advantage estimates of one trajectory that ends in a terminal state: δ_t = r_t +
   * γ·V(s_{t+1}) − V(s_t) with V = 0 after the last step, and A_t = δ_t + γλ·A_{t+1}.
   *
   * @param rewards r_0..r_{T-1}
   * @param values V(s_0)..V(s_{T-1})
   * @param gamma the discount
   * @param lambda the GAE λ
   * @return A_0..A_{T-1}
   */
  public static double[] gae(double[] rewards, double[] values, double gamma, double lambda) {
    int t = rewards.length;
    double[] a = new double[t];
    double next = 0;
    double nextValue = 0;
    for (int i = t - 1; i >= 0; i--) {
      double delta = rewards[i] + gamma * nextValue - values[i];
      next = delta + gamma * lambda * next;
      a[i] = next;
      nextValue = values[i];
    }
    return a;
  }

  /**
   * The clipped surrogate objective mean(min(ρ·A, clip(ρ, 1 − ε, 1 + ε)·A)) with ρ = exp(log π −
   * log π_old), to be maximised.
   *
   * @param logp log π(a|s) under the current policy, [B]
   * @param oldLogp log π_old(a|s), [B]
   * @param advantage A, [B]
   * @param clip ε
   * @return the scalar objective
   */
  public static NDArray clippedSurrogate(
      NDArray logp, NDArray oldLogp, NDArray advantage, double clip) {
    NDArray ratio = logp.sub(oldLogp).exp();
    NDArray unclipped = ratio.mul(advantage);
    NDArray clipped = ratio.clip((float) (1 - clip), (float) (1 + clip)).mul(advantage);
    return unclipped.minimum(clipped).mean();
  }

  /**
   * The multiplier's update λ ← max(0, λ + η·(J_C − d)).
   *
   * @param lambda λ now
   * @param eta the step size η
   * @param cost J_C, the measured mean cost
   * @param budget d, the allowed mean cost
   * @return the new λ
   */
  public static double updatedLambda(double lambda, double eta, double cost, double budget) {
    return Math.max(0, lambda + eta * (cost - budget));
  }

  /**
   * One PPO-Lagrangian update from an episode's rollout, then the multiplier's update.
   *
   * @param trajectories the decisions of each station, in order, rewards and costs filled in
   * @param meanCost J_C, the episode's mean cost per request
   * @param budget d
   * @param eta η (0 keeps λ at 0 and ignores the cost)
   * @param random the source of the minibatch order
   */
  public void update(
      List<List<Step>> trajectories,
      double meanCost,
      double budget,
      double eta,
      RandomGenerator random) {
    List<Step> all = new ArrayList<>();
    List<double[]> targets = new ArrayList<>(); // {advantage, return R, return C}
    for (List<Step> tr : trajectories) {
      int t = tr.size();
      if (t == 0) {
        continue;
      }
      double[] r = new double[t];
      double[] c = new double[t];
      double[] vr = new double[t];
      double[] vc = new double[t];
      for (int i = 0; i < t; i++) {
        Step s = tr.get(i);
        r[i] = s.reward;
        c[i] = s.cost;
        vr[i] = s.valueR;
        vc[i] = s.valueC;
      }
      double[] ar = gae(r, vr, settings.gamma(), settings.gaeLambda());
      double[] ac = gae(c, vc, settings.gamma(), settings.gaeLambda());
      double l = eta > 0 ? lambda : 0;
      for (int i = 0; i < t; i++) {
        all.add(tr.get(i));
        targets.add(new double[] {(ar[i] - l * ac[i]) / (1 + l), ar[i] + vr[i], ac[i] + vc[i]});
      }
    }
    int total = all.size();
    int[] order = new int[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      for (int i = total - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      for (int from = 0; from < total; from += settings.minibatch()) {
        int to = Math.min(total, from + settings.minibatch());
        List<Step> batch = new ArrayList<>();
        List<double[]> batchTargets = new ArrayList<>();
        for (int k = from; k < to; k++) {
          batch.add(all.get(order[k]));
          batchTargets.add(targets.get(order[k]));
        }
        trainMinibatch(batch, batchTargets);
      }
    }
    if (eta > 0) {
      lambda = updatedLambda(lambda, eta, meanCost, budget);
    }
  }

  private void trainMinibatch(List<Step> batch, List<double[]> t) {
    int b = batch.size();
    int width = 0;
    for (Step s : batch) {
      width = Math.max(width, s.n);
    }
    int w = width;
    float[] x = new float[b * w * features];
    float[] mask = new float[b * w];
    float[] onehot = new float[b * w];
    float[] old = new float[b];
    float[] adv = new float[b];
    float[] xc = new float[b * 2 * features];
    float[] retR = new float[b];
    float[] retC = new float[b];
    for (int k = 0; k < b; k++) {
      Step s = batch.get(k);
      System.arraycopy(s.rows, 0, x, k * w * features, s.n * features);
      for (int r = 0; r < w; r++) {
        boolean forbidden = r >= s.n || (s.masked && r < s.n - 1);
        mask[k * w + r] = forbidden ? MASKED : 0;
      }
      onehot[k * w + s.action] = 1;
      old[k] = (float) s.logp;
      adv[k] = (float) t.get(k)[0];
      System.arraycopy(criticInput(s.rows, s.n, features), 0, xc, k * 2 * features, 2 * features);
      retR[k] = (float) t.get(k)[1];
      retC[k] = (float) t.get(k)[2];
    }
    double clip = settings.clip();
    double entropy = settings.entropy();
    policy.step(
        (m, forward) -> {
          NDArray logits =
              forward
                  .apply(m.create(x, new Shape((long) b * w, features)))
                  .reshape(b, w)
                  .add(m.create(mask, new Shape(b, w)));
          NDArray logSoftmax = logits.logSoftmax(1);
          NDArray logp = logSoftmax.mul(m.create(onehot, new Shape(b, w))).sum(new int[] {1});
          NDArray objective = clippedSurrogate(logp, m.create(old), m.create(adv), clip);
          NDArray ent = logSoftmax.exp().mul(logSoftmax).sum(new int[] {1}).neg().mean();
          // the coefficient as a tensor of the step's manager, never a Number: DJL would wrap it
          // in a tensor whose Java buffer the garbage collector may free before the backward
          // pass reads it (dnt-learn's Recurrent.scalar)
          return objective.add(ent.mul(m.create((float) entropy))).neg();
        });
    criticStep(rewardCritic, xc, retR, b);
    criticStep(costCritic, xc, retC, b);
    steps++;
  }

  private void criticStep(Mlp critic, float[] xc, float[] returns, int b) {
    critic.step(
        (m, forward) -> {
          NDArray v = forward.apply(m.create(xc, new Shape(b, 2L * features))).reshape(b);
          return v.sub(m.create(returns)).square().mean();
        });
  }

  /**
   * The policy network's weights, flattened (for tests).
   *
   * @return a copy
   */
  public float[] policyWeights() {
    return policy.weights();
  }

  @Override
  public void close() {
    policy.close();
    rewardCritic.close();
    costCritic.close();
  }
}
