package dnt.learn.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.geo.Position;
import dnt.core.quality.TwinQuality;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationSpec;
import dnt.core.util.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  /** Two stations: one near the host, one 1.3 km away. */
  static DeploymentEnv twoStations(int horizon) {
    NetworkTwin twin =
        NetworkTwin.builder(DeploymentEnvTest.config(20e6))
            .station(new StationSpec(BaseStationId.of(1), new Position(900, 1000), 10, 23, 0, 50))
            .station(new StationSpec(BaseStationId.of(2), new Position(100, 100), 10, 23, 0, 50))
            .user(0, 900, 1010, 1.5, 3.0)
            .user(1, 110, 100, 1.5, 1.0)
            .user(2, 120, 100, 1.5, 1.0)
            .build();
    return new DeploymentEnv(
        twin,
        DeploymentEnvTest.settings(1e6).withHorizon(horizon),
        TwinQuality.defaults(),
        DeploymentEnvTest.HOST);
  }

  @Test
  void fixedMappingsGiveEveryStationTheSameMethodAnEqualShareAndFullPower() {
    DeploymentEnv env = twoStations(3);
    DeploymentAction a = new FixedMapping(Mapping.VERTICAL).act(env, env.initialState());
    assertThat(a.mapping()).containsExactly(Mapping.VERTICAL, Mapping.VERTICAL);
    assertThat(DeploymentEnv.shares(a)).containsExactly(0.5, 0.5);
    assertThat(a.power()).containsExactly(1.0, 1.0);
    assertThat(new FixedMapping(Mapping.HORIZONTAL).act(env, env.initialState()).mapping())
        .containsOnly(Mapping.HORIZONTAL);
  }

  @Test
  void theExhaustiveSearchFindsTheBruteForceOptimum() {
    DeploymentEnv env = twoStations(2);
    double[] bw = {0.5, 1};
    double[] pw = {0, 1};
    ExhaustivePolicy search = new ExhaustivePolicy(bw, pw);
    search.reset(env);
    // independent brute force: nested loops over both periods' 8 x 8 joint actions
    double best = Double.NEGATIVE_INFINITY;
    List<DeploymentAction> all = allJoint(bw, pw);
    assertThat(all).hasSize(64);
    for (DeploymentAction a0 : all) {
      Step s0 = env.step(env.initialState(), a0);
      for (DeploymentAction a1 : all) {
        best = Math.max(best, s0.utility() + env.step(s0.next(), a1).utility());
      }
    }
    assertThat(search.planValue()).isEqualTo(best);
    // the plan, replayed, scores its value (same arithmetic in the same order)
    EpisodeResult replay = Episodes.run(env, search);
    assertThat(replay.meanUtility() * 2).isCloseTo(best, within(1e-12));
    // and no baseline whose actions lie in the discretised set does better
    assertThat(Episodes.run(env, new FixedMapping(Mapping.VERTICAL)).meanUtility())
        .isLessThanOrEqualTo(replay.meanUtility());
    assertThat(Episodes.run(env, new FixedMapping(Mapping.HORIZONTAL)).meanUtility())
        .isLessThanOrEqualTo(replay.meanUtility());
  }

  private static List<DeploymentAction> allJoint(double[] bw, double[] pw) {
    List<DeploymentAction> out = new java.util.ArrayList<>();
    for (Mapping m0 : Mapping.values()) {
      for (double b0 : bw) {
        for (double p0 : pw) {
          for (Mapping m1 : Mapping.values()) {
            for (double b1 : bw) {
              for (double p1 : pw) {
                out.add(
                    new DeploymentAction(
                        new Mapping[] {m0, m1}, new double[] {b0, b1}, new double[] {p0, p1}));
              }
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void theExhaustiveSearchRefusesAnInstanceTooLargeForIt() {
    DeploymentEnv env = twoStations(12);
    ExhaustivePolicy search = new ExhaustivePolicy(new double[] {0.5, 1}, new double[] {0, 1});
    assertThatThrownBy(() -> search.reset(env))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("2 stations and 12 periods");
  }

  @Test
  void theGreedyRulePicksTheBetterMappingAloneAndTheLowestPowerThatArrives() {
    DeploymentEnv env = twoStations(3);
    SyncState s = env.initialState();
    DeploymentAction a = new GreedyPolicy().act(env, s);
    assertThat(DeploymentEnv.shares(a)).containsExactly(0.5, 0.5);
    for (int b = 0; b < 2; b++) {
      Mapping other = a.mapping()[b] == Mapping.VERTICAL ? Mapping.HORIZONTAL : Mapping.VERTICAL;
      assertThat(utilityAlone(env, s, b, a.mapping()[b]))
          .isGreaterThanOrEqualTo(utilityAlone(env, s, b, other));
      double level = a.power()[b];
      assertThat(env.transfer(b, a.mapping()[b], 0.5, env.powerDbm(level)).arrived()).isTrue();
      if (level > 0) {
        assertThat(env.transfer(b, a.mapping()[b], 0.5, env.powerDbm(level - 0.125)).arrived())
            .isFalse();
      }
    }
    // the station 1.3 km away needs more power than the one 100 m from the host
    assertThat(a.power()[1]).isGreaterThan(a.power()[0]);
  }

  private static double utilityAlone(DeploymentEnv env, SyncState s, int b, Mapping m) {
    DeploymentAction base = DeploymentAction.uniform(2, Mapping.HORIZONTAL, 1, 1);
    Mapping[] trial = base.mapping();
    trial[b] = m;
    return env.step(s, new DeploymentAction(trial, base.bandwidth(), base.power())).utility();
  }

  @Test
  void theRandomPolicyIsReproducibleForItsSeed() {
    DeploymentEnv env = twoStations(20);
    EpisodeResult a = Episodes.run(env, new RandomPolicy(Seeds.generator(5)));
    EpisodeResult b = Episodes.run(env, new RandomPolicy(Seeds.generator(5)));
    assertThat(a.utilities()).containsExactly(b.utilities());
    // 40 fair coin flips: both methods appear (all one way has probability 2^-39)
    assertThat(a.verticalShare()).isStrictlyBetween(0.0, 1.0);
  }

  @Test
  void anEpisodeAveragesItsPeriods() {
    DeploymentEnv env = twoStations(3);
    DeploymentPolicy p = new FixedMapping(Mapping.VERTICAL);
    EpisodeResult r = Episodes.run(env, p);
    SyncState s = env.initialState();
    double sum = 0;
    for (int t = 0; t < 3; t++) {
      Step step = env.step(s, p.act(env, s));
      assertThat(r.utilities()[t]).isEqualTo(step.utility());
      sum += step.utility();
      s = step.next();
    }
    assertThat(r.meanUtility()).isCloseTo(sum / 3, within(1e-15));
    assertThat(r.verticalShare()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void everyRegisteredBaselineGivesAValidActionForEveryStation() {
    DeploymentEnv env = twoStations(3);
    for (String name : DeploymentPolicies.REGISTRY.names()) {
      DeploymentPolicy p = DeploymentPolicies.REGISTRY.factory(name).apply(Seeds.generator(1));
      EpisodeResult r = Episodes.run(env, p);
      assertThat(r.utilities()).as(name).hasSize(3);
      for (double u : r.utilities()) {
        assertThat(u).as(name).isBetween(0.0, 1.0);
      }
    }
  }
}
