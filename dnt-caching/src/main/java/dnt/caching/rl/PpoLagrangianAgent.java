package dnt.caching.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The {@link PpoLagrangian} learner as an {@link Agent}: it samples its proposals while training,
 * records each station's executed decisions (the shield's forbidden admissions masked out of the
 * policy) as a rollout, and runs the PPO-Lagrangian update at the end of each training episode with
 * the eviction regret as the reward and the overload as the cost (the veto penalty and β are
 * Double-DQN reward shaping, unused here).
 */
final class PpoLagrangianAgent implements Agent, Constrained {
  /** The registry name. */
  static final String NAME = "ppo-lagrangian";

  /** A rollout step with the outcome whose reward and cost it takes when the episode closes. */
  private record Pending(PpoLagrangian.Step step, Outcome outcome) {}

  private final PpoLagrangian ppo;
  private final SafetySettings safety;
  private final RandomGenerator random;
  private boolean training;
  private List<List<Pending>> rollout = new ArrayList<>();

  /**
   * A fresh agent.
   *
   * @param features the feature-row length F
   * @param settings the hyper-parameters
   * @param safety the cost budget and the multiplier's rate
   * @param random the source of the initial weights, the policy's samples and the minibatch order
   */
  PpoLagrangianAgent(
      int features, PpoSettings settings, SafetySettings safety, RandomGenerator random) {
    this.safety = safety;
    this.random = random;
    this.ppo = new PpoLagrangian(features, settings, random);
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
    rollout = new ArrayList<>();
    for (int s = 0; s < stations; s++) {
      rollout.add(new ArrayList<>());
    }
  }

  @Override
  public int propose(float[] rows, int n) {
    return ppo.propose(rows, n, training, random);
  }

  @Override
  public Outcome observe(Decision d) {
    Outcome outcome = new Outcome(0f);
    if (training) {
      rollout
          .get(d.station())
          .add(new Pending(ppo.record(d.rows(), d.n(), d.maskAdmit(), d.executed()), outcome));
    }
    return outcome;
  }

  @Override
  public void learn() {
    // PPO learns from whole episodes
  }

  /** Fills in the rollout's rewards and costs and runs the PPO-Lagrangian update. */
  @Override
  public void endEpisode(Episode episode) {
    if (!training || episode.requests() == 0) {
      rollout.forEach(List::clear);
      return;
    }
    List<List<PpoLagrangian.Step>> trajectories = new ArrayList<>();
    for (List<Pending> station : rollout) {
      List<PpoLagrangian.Step> chain = new ArrayList<>();
      for (Pending p : station) {
        p.step().reward = p.outcome().reward;
        p.step().cost = p.outcome().cost;
        chain.add(p.step());
      }
      trajectories.add(chain);
      station.clear();
    }
    ppo.update(trajectories, episode.meanCost(), safety.budget(), safety.lagrangeRate(), random);
  }

  @Override
  public double lambda() {
    return ppo.lambda();
  }

  @Override
  public long gradientSteps() {
    return ppo.gradientSteps();
  }

  @Override
  public float[] weights() {
    return ppo.policyWeights();
  }

  @Override
  public void close() {
    ppo.close();
  }
}
