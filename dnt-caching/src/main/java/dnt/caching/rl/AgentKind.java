package dnt.caching.rl;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The learning agents that can drive the caches' miss decisions, picked by name. */
public enum AgentKind {
  /** Double DQN with a replay buffer and the shaped reward r − (β + λ)·c (the default). */
  DDQN("ddqn"),
  /** PPO-Lagrangian: separate reward and cost critics and a learned multiplier. */
  PPO_LAGRANGIAN("ppo-lagrangian");

  private final String id;

  AgentKind(String id) {
    this.id = id;
  }

  /**
   * The agent's name in settings and on the command line.
   *
   * @return the name
   */
  public String id() {
    return id;
  }

  /**
   * The agent of a name, case-insensitive, with '_' read as '-' ("PPO_Lagrangian" is
   * ppo-lagrangian).
   *
   * @param name "ddqn" or "ppo-lagrangian"
   * @return the agent
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static AgentKind of(String name) {
    String key = name.trim().replace('_', '-');
    for (AgentKind k : values()) {
      if (k.id.equalsIgnoreCase(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown agent '"
            + name
            + "'; known: "
            + Arrays.stream(values()).map(AgentKind::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
