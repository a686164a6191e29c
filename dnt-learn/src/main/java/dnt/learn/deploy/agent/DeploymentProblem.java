package dnt.learn.deploy.agent;

import dnt.learn.deploy.DeploymentAction;
import dnt.learn.deploy.DeploymentEnv;
import dnt.learn.deploy.Mapping;
import dnt.learn.deploy.SyncState;
import dnt.learn.deploy.TwinGraph;
import java.util.random.RandomGenerator;

/**
 * The deployment environment as a {@link HybridProblem}: the stations are the nodes with the
 * features and edges of a {@link TwinGraph}; a node's category is its mapping method (0 vertical, 1
 * horizontal), its two continuous values its bandwidth weight and power level; the reward is the
 * period's joint utility, split between the stations by {@link DeploymentEnv#rewardShares} for
 * agents that credit stations one by one. Every episode starts from the environment's initial
 * state.
 */
public final class DeploymentProblem implements HybridProblem<SyncState> {
  private final DeploymentEnv env;
  private final TwinGraph graph;

  /**
   * Creates the problem.
   *
   * @param env the environment
   * @param graph its twin graph
   */
  public DeploymentProblem(DeploymentEnv env, TwinGraph graph) {
    this.env = env;
    this.graph = graph;
  }

  /**
   * The environment.
   *
   * @return it
   */
  public DeploymentEnv env() {
    return env;
  }

  @Override
  public int nodes() {
    return env.stations();
  }

  @Override
  public int features() {
    return TwinGraph.FEATURES;
  }

  @Override
  public int categories() {
    return 2;
  }

  @Override
  public double[][] adjacency() {
    return graph.adjacency();
  }

  @Override
  public int horizon() {
    return env.settings().horizon();
  }

  @Override
  public SyncState start(RandomGenerator rng) {
    return env.initialState();
  }

  @Override
  public float[] observe(SyncState state) {
    return graph.features(state);
  }

  /**
   * The deployment decisions a hybrid action stands for.
   *
   * @param action the hybrid action
   * @return the decisions
   */
  public static DeploymentAction decisions(HybridAction action) {
    int n = action.category().length;
    Mapping[] m = new Mapping[n];
    double[] b = new double[n];
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      m[i] = action.category()[i] == 0 ? Mapping.VERTICAL : Mapping.HORIZONTAL;
      b[i] = action.first(i);
      p[i] = action.second(i);
    }
    return new DeploymentAction(m, b, p);
  }

  @Override
  public Outcome<SyncState> step(SyncState state, HybridAction action) {
    var s = env.step(state, decisions(action));
    return new Outcome<>(s.next(), s.utility(), env.rewardShares(s));
  }
}
