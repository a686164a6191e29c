package dnt.learn.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.BaseStationId;
import dnt.core.quality.TwinQuality;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationRelation;
import org.junit.jupiter.api.Test;

class TwinGraphTest {
  @Test
  void edgesAverageTheTwinsRelationsAndAreSymmetric() {
    NetworkTwin twin = DeploymentEnvTest.city();
    DeploymentEnv env =
        new DeploymentEnv(
            twin, DeploymentEnvTest.settings(10e6), TwinQuality.defaults(), DeploymentEnvTest.HOST);
    TwinGraph graph = TwinGraph.of(twin, env, 2, 500);
    double[][] a = graph.adjacency();
    for (int i = 0; i < 3; i++) {
      assertThat(a[i][i]).isZero();
      for (int j = 0; j < 3; j++) {
        assertThat(a[i][j]).isEqualTo(a[j][i]);
        if (i != j) {
          StationRelation r = twin.relation(BaseStationId.of(i + 1), BaseStationId.of(j + 1));
          double sim = Double.isNaN(r.trafficSimilarity()) ? 0 : r.trafficSimilarity();
          double expected = (Math.exp(-r.distanceM() / 500) + r.coverageOverlap() + sim) / 3;
          // k = 2 of 3 stations: every pair is linked; same arithmetic in the same order
          assertThat(a[i][j]).isCloseTo(expected, within(1e-15));
        }
      }
    }
  }

  @Test
  void nodeFeaturesOfTheInitialState() {
    NetworkTwin twin = DeploymentEnvTest.city();
    DeploymentEnv env =
        new DeploymentEnv(
            twin, DeploymentEnvTest.settings(10e6), TwinQuality.defaults(), DeploymentEnvTest.HOST);
    float[] x = TwinGraph.of(twin, env, 2, 500).features(env.initialState());
    assertThat(x).hasSize(3 * TwinGraph.FEATURES);
    for (int b = 0; b < 3; b++) {
      int o = b * TwinGraph.FEATURES;
      assertThat(x[o]).isEqualTo(0.5f);
      assertThat(x[o + 1]).isEqualTo(0.4f);
      assertThat(x[o + 2]).isEqualTo((float) (600.0 / 3600));
      assertThat(x[o + 3]).isZero();
      // four users of equal demand at every station: equal loads, the base drift
      assertThat(x[o + 7]).isCloseTo(1f, within(1e-6f));
      assertThat(x[o + 8]).isZero();
      assertThat(x[o + 9]).isEqualTo(1f);
      // the vertical payload (54 kB in 60 s) loads the link at least as much as the horizontal
      // one (20 kB in 40 s); both clipped to [-1, 1]
      assertThat(x[o + 5]).isGreaterThanOrEqualTo(x[o + 6]).isBetween(-1f, 1f);
    }
  }
}
