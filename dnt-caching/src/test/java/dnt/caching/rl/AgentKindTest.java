package dnt.caching.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Agent names are case-insensitive, like every other name of the cache commands. */
final class AgentKindTest {
  @Test
  void namesAreCaseInsensitiveAndUnderscoresReadAsHyphens() {
    assertThat(AgentKind.of("DDQN")).isEqualTo(AgentKind.DDQN);
    assertThat(AgentKind.of("PPO-Lagrangian")).isEqualTo(AgentKind.PPO_LAGRANGIAN);
    assertThat(AgentKind.of("ppo_lagrangian")).isEqualTo(AgentKind.PPO_LAGRANGIAN);
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> AgentKind.of("sarsa"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown agent 'sarsa'; known: ddqn, ppo-lagrangian");
  }
}
