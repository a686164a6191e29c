package dnt.caching.rl;

/**
 * A learning agent that decides the misses of full caches for {@link RlController}. At each
 * decision the controller builds the state (n feature rows of {@link RlController#FEATURES} values:
 * the C cached candidates, then the incoming item) and asks for an action among the n: row i &lt; n
 * − 1 evicts slot i and admits, row n − 1 does not admit. The controller's shield may replace the
 * proposal; the agent then observes what was executed and gets the {@link Outcome} that collects
 * the decision's reward and cost.
 *
 * <p>The agents are made by name through {@link Agents#REGISTRY}. An agent that trades reward
 * against a cost budget with a multiplier also implements {@link Constrained}.
 */
public interface Agent extends AutoCloseable {
  /**
   * One executed decision.
   *
   * @param station the station whose cache decided
   * @param rows the state's n rows, flattened (the agent may keep them)
   * @param n the number of rows, C + 1
   * @param proposed the row the agent proposed
   * @param executed the row executed (n − 1 when the shield vetoed an admission)
   * @param vetoed whether the shield replaced the proposal
   * @param maskAdmit whether the shield forbade every admission in this state
   */
  record Decision(
      int station,
      float[] rows,
      int n,
      int proposed,
      int executed,
      boolean vetoed,
      boolean maskAdmit) {}

  /**
   * An episode's totals, measured by the controller.
   *
   * @param requests the requests replayed
   * @param cost the requests served by an overloaded station
   */
  record Episode(long requests, double cost) {
    /**
     * The mean cost per request, J_C.
     *
     * @return cost / requests (NaN for an empty episode)
     */
    public double meanCost() {
      return cost / requests;
    }
  }

  /**
   * The agent's registry name.
   *
   * @return e.g. {@code ddqn}
   */
  String name();

  /**
   * Switches exploration and learning on or off.
   *
   * @param training true to explore and learn
   */
  void setTraining(boolean training);

  /**
   * Whether the agent explores and learns now.
   *
   * @return true while training
   */
  boolean training();

  /**
   * A replay of {@code stations} caches starts: per-station state is reset.
   *
   * @param stations the number of stations
   */
  void startEpisode(int stations);

  /**
   * The action the agent proposes for a state (a sample or an exploring draw while training).
   *
   * @param rows n rows of F features, flattened
   * @param n the number of rows
   * @return a row in 0..n-1
   */
  int propose(float[] rows, int n);

  /**
   * Observes an executed decision; the returned outcome collects its reward and cost until the
   * station's next decision.
   *
   * @param decision the decision
   * @return its outcome
   */
  Outcome observe(Decision decision);

  /**
   * Called after each decision once the controller has booked its outcome: an agent that learns
   * online (from a replay buffer) takes its gradient steps here.
   */
  void learn();

  /**
   * Closes an episode: an agent that learns from whole episodes updates here.
   *
   * @param episode the episode's totals
   */
  void endEpisode(Episode episode);

  /**
   * Gradient steps taken since construction.
   *
   * @return the count
   */
  long gradientSteps();

  /**
   * The weights of the network that acts (Q network or policy), flattened (for tests and
   * checkpoints).
   *
   * @return a copy
   */
  float[] weights();

  @Override
  void close();
}
