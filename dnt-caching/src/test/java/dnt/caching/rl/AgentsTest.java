package dnt.caching.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import org.junit.jupiter.api.Test;

final class AgentsTest {
  @Test
  void namesAreCaseInsensitiveAndReadUnderscoresAsHyphens() {
    assertThat(Agents.canonicalName("DDQN")).isEqualTo("ddqn");
    assertThat(Agents.canonicalName("PPO-Lagrangian")).isEqualTo("ppo-lagrangian");
    assertThat(Agents.canonicalName("ppo_lagrangian")).isEqualTo("ppo-lagrangian");
    assertThat(Agents.REGISTRY.names()).containsExactly("ddqn", "ppo-lagrangian");
  }

  @Test
  void anUnknownAgentIsRefusedWithTheKnownNames() {
    assertThatThrownBy(() -> Agents.canonicalName("sarsa"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown agent 'sarsa'; known: ddqn, ppo-lagrangian");
  }
}
