package dnt.caching.rl;

import dnt.core.InvalidInputException;
import dnt.core.Registry;
import java.util.random.RandomGenerator;

/**
 * The learning agents that can drive the caches' miss decisions, one table on {@link Registry}.
 * Names are case-insensitive and {@code _} reads as {@code -} ({@code PPO_Lagrangian} is {@code
 * ppo-lagrangian}).
 */
public final class Agents {
  /**
   * What an agent is made from.
   *
   * @param features the feature-row length F
   * @param ddqn the Double-DQN's hyper-parameters
   * @param ppo the PPO-Lagrangian's hyper-parameters
   * @param safety the reliability modules (reward penalty, multiplier, budget, veto penalty)
   * @param random the source of the weights and of every later draw of the agent
   */
  public record Context(
      int features,
      AgentSettings ddqn,
      PpoSettings ppo,
      SafetySettings safety,
      RandomGenerator random) {}

  /** Makes one agent. */
  @FunctionalInterface
  public interface Factory {
    /**
     * A fresh agent.
     *
     * @param context what it is made from
     * @return the agent (close it when done)
     */
    Agent create(Context context);
  }

  /** The agents; the first is the default. */
  public static final Registry<Factory> REGISTRY =
      Registry.<Factory>of("agent")
          .underscoresAsHyphens()
          .add(
              DoubleDqn.NAME,
              "Double DQN with a replay buffer and the shaped reward r - (beta + lambda)c"
                  + " (van Hasselt et al. 2016)",
              c -> new DoubleDqn(c.features(), c.ddqn(), c.safety(), c.random()))
          .add(
              PpoLagrangianAgent.NAME,
              "PPO-Lagrangian: reward and cost critics, a masked policy and a learned multiplier"
                  + " (Ray et al. 2019)",
              c -> new PpoLagrangianAgent(c.features(), c.ppo(), c.safety(), c.random()))
          .build();

  private Agents() {}

  /**
   * The registered name of an agent written in any letter case, with {@code _} read as {@code -}.
   *
   * @param name the name as a user wrote it
   * @return the registry name
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public static String canonicalName(String name) {
    return REGISTRY.canonicalName(name);
  }

  /**
   * A fresh agent by name.
   *
   * @param name the name, as for {@link #canonicalName}
   * @param context what it is made from
   * @return the agent (close it when done)
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public static Agent create(String name, Context context) {
    return REGISTRY.factory(canonicalName(name)).create(context);
  }
}
