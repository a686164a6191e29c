package dnt.caching.rl;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The Double-DQN agent (H. van Hasselt, A. Guez, D. Silver, "Deep Reinforcement Learning with
 * Double Q-learning", AAAI 2016): a candidate-scoring {@link QNetwork}, ε-greedy exploration
 * decaying linearly over the decisions, a replay buffer of transitions that chain each station's
 * decisions, and the shaped reward r − (β + λ)·c, with a veto penalty when the shield replaced the
 * proposal and a multiplier λ learned from the episodes' mean cost.
 */
final class DoubleDqn implements Agent, Constrained {
  /** The registry name. */
  static final String NAME = "ddqn";

  private final int features;
  private final AgentSettings settings;
  private final SafetySettings safety;
  private final QNetwork q;
  private final ReplayBuffer buffer;
  private final RandomGenerator random;
  private boolean training;
  private long decisions;
  private long steps;
  private double lambda;
  private ReplayBuffer.Transition[] last = new ReplayBuffer.Transition[0];

  /**
   * A fresh agent.
   *
   * @param features the feature-row length F
   * @param settings the hyper-parameters
   * @param safety the reward penalty β, the multiplier's rate and budget, the veto penalty
   * @param random the source of the initial weights, exploration and replay sampling
   */
  DoubleDqn(int features, AgentSettings settings, SafetySettings safety, RandomGenerator random) {
    this.features = features;
    this.settings = settings;
    this.safety = safety;
    this.random = random;
    this.q = new QNetwork(features, settings.hidden(), settings.learningRate(), random);
    this.buffer = new ReplayBuffer(settings.bufferSize());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void setTraining(boolean training) {
    this.training = training;
  }

  @Override
  public boolean training() {
    return training;
  }

  @Override
  public void startEpisode(int stations) {
    last = new ReplayBuffer.Transition[stations];
  }

  @Override
  public int propose(float[] rows, int n) {
    if (training && random.nextDouble() < epsilon()) {
      return random.nextInt(n);
    }
    double[] scores = new double[n];
    q.scores(rows, n, scores);
    return argmax(scores, n);
  }

  @Override
  public Outcome observe(Decision d) {
    // chain the station's previous decision to this state
    ReplayBuffer.Transition prev = last[d.station()];
    if (prev != null && training) {
      prev.outcome.reward -= (float) costPenalty(prev.outcome);
      prev.nextRows = d.rows();
      prev.nextCount = d.n();
      prev.nextMaskAdmit = d.maskAdmit();
      buffer.add(prev);
    }
    Outcome outcome = new Outcome(d.vetoed() ? (float) -safety.vetoPenalty() : 0f);
    int p = d.proposed();
    last[d.station()] =
        new ReplayBuffer.Transition(
            Arrays.copyOfRange(d.rows(), p * features, (p + 1) * features), outcome);
    decisions++;
    return outcome;
  }

  @Override
  public void learn() {
    if (training
        && decisions % settings.trainEvery() == 0
        && buffer.size() >= settings.batchSize()) {
      trainStep();
    }
  }

  /** Flushes the stations' last transitions as terminal and updates λ from the mean cost. */
  @Override
  public void endEpisode(Episode episode) {
    for (int s = 0; s < last.length; s++) {
      if (last[s] != null && training) {
        last[s].outcome.reward -= (float) costPenalty(last[s].outcome);
        buffer.add(last[s]);
      }
      last[s] = null;
    }
    if (training && safety.lagrangeRate() > 0 && episode.requests() > 0) {
      lambda =
          Math.max(0, lambda + safety.lagrangeRate() * (episode.meanCost() - safety.budget()) * 10);
    }
  }

  @Override
  public double lambda() {
    return lambda;
  }

  @Override
  public long gradientSteps() {
    return steps;
  }

  @Override
  public float[] weights() {
    return q.weights();
  }

  /** (β + λ)·c: the cost part of the shaped reward r' = r − (β + λ)·c. */
  private double costPenalty(Outcome o) {
    double penalty = safety.penalty() + (safety.lagrangeRate() > 0 ? lambda : 0);
    return penalty * o.cost;
  }

  private double epsilon() {
    double f = Math.min(1, (double) decisions / settings.epsilonDecisions());
    return settings.epsilonStart() + f * (settings.epsilonEnd() - settings.epsilonStart());
  }

  /** Index of the largest score, the first on ties. */
  private static int argmax(double[] scores, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }

  private void trainStep() {
    int b = settings.batchSize();
    float[] x = new float[b * features];
    float[] y = new float[b];
    double[] online = new double[0];
    double[] target = new double[0];
    for (int k = 0; k < b; k++) {
      ReplayBuffer.Transition t = buffer.sample(random);
      System.arraycopy(t.row, 0, x, k * features, features);
      double value = t.outcome.reward;
      if (t.nextRows != null) {
        int n = t.nextCount;
        if (online.length < n) {
          online = new double[n];
          target = new double[n];
        }
        int a;
        if (t.nextMaskAdmit) {
          a = n - 1;
        } else {
          q.scores(t.nextRows, n, online);
          a = argmax(online, n);
        }
        float[] one = Arrays.copyOfRange(t.nextRows, a * features, (a + 1) * features);
        q.targetScores(one, 1, target);
        value += settings.gamma() * target[0];
      }
      y[k] = (float) value;
    }
    q.train(x, y);
    steps++;
    if (steps % settings.targetSync() == 0) {
      q.syncTarget();
    }
  }

  @Override
  public void close() {
    q.close();
  }
}
