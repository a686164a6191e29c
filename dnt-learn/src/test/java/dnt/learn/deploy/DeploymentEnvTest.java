package dnt.learn.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.quality.TwinQuality;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.UrbanMicro;
import dnt.core.twin.InterferenceFloor;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.NetworkTwinBuilder;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.UserState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentEnvTest {
  static final GeoBounds AREA = new GeoBounds(0, 0, 2000, 2000);
  static final Position HOST = new Position(1000, 1000);

  /** UMi with random LOS and shadowing: a link whose loss only the link budget knows. */
  static TwinConfig config(double bandwidthHz) {
    TwinConfig d = TwinConfig.defaults(AREA);
    return new TwinConfig(
        AREA,
        new LinkBudget(new UrbanMicro(3.5), LosMode.RANDOM, true, 7),
        bandwidthHz,
        d.noiseFigureDb(),
        d.rate(),
        InterferenceFloor.NONE,
        d.handover(),
        d.coverageRsrpDbm(),
        d.gridCellM());
  }

  static final List<StationSpec> STATIONS =
      List.of(
          new StationSpec(BaseStationId.of(1), new Position(200, 300), 10, 23, 5, 50),
          new StationSpec(BaseStationId.of(2), new Position(1500, 1200), 25, 30, 8, 50),
          new StationSpec(BaseStationId.of(3), new Position(1100, 900), 12, 10, 0, 50));

  /** The twin with only one station and a lone user where the host is. */
  static NetworkTwin loneLink(StationSpec station, double bandwidthHz, double hostHeight) {
    return NetworkTwin.builder(config(bandwidthHz))
        .station(station)
        .user(DeploymentEnv.HOST_KEY, HOST.x(), HOST.y(), hostHeight, 1.0)
        .build();
  }

  static NetworkTwin city() {
    NetworkTwinBuilder b = NetworkTwin.builder(config(20e6));
    STATIONS.forEach(b::station);
    int id = 0;
    for (StationSpec s : STATIONS) {
      for (int k = 0; k < 4; k++) {
        b.user(id++, s.position().x() + 10 * k, s.position().y() + 5, 1.5, 2.0);
      }
    }
    return b.build();
  }

  static DeploymentSettings settings(double bandHz) {
    DeploymentSettings d = DeploymentSettings.defaults();
    return new DeploymentSettings(
        d.periodS(),
        d.deadlineS(),
        d.horizon(),
        bandHz,
        d.minPowerDbm(),
        d.maxPowerDbm(),
        d.hostHeightM(),
        d.environmentBytes(),
        d.rawBytesPerUser(),
        d.updateBytes(),
        d.computeS(),
        d.computeJ(),
        d.verticalForecastError(),
        d.horizontalForecastError(),
        d.mixing(),
        d.stalenessExponent(),
        d.forecastDrift(),
        d.verticalSinrErrorDb(),
        d.sinrDriftDb(),
        d.initialForecastError(),
        d.initialSinrErrorDb());
  }

  @Test
  void ratesEqualTheTwinsOwnRateOfTheSameLink() {
    DeploymentSettings s = settings(20e6);
    DeploymentEnv env = new DeploymentEnv(city(), s, TwinQuality.defaults(), HOST);
    for (int b = 0; b < STATIONS.size(); b++) {
      StationSpec spec = STATIONS.get(b);
      for (double share : new double[] {1.0, 0.25}) {
        // the twin over the station's share of the band, a lone user at the host: no interference,
        // the whole (shared) band to that user
        NetworkTwin lone = loneLink(spec, share * 20e6, s.hostHeightM());
        UserState user = lone.user(UserId.of(DeploymentEnv.HOST_KEY));
        double twinBps = user.rateMbps() * 1e6;
        double envBps = env.rateBps(b, share, spec.txPowerDbm());
        // same formula, evaluated with exp(-ln10/10 L) in the twin and 10^(-L/10) here: a few ulps
        assertThat(envBps).isCloseTo(twinBps, within(1e-9 * twinBps));
        assertThat(Math.log10(env.sinr(b, share, spec.txPowerDbm())) * 10)
            .isCloseTo(user.sinrDb(), within(1e-9));
      }
    }
  }

  @Test
  void aHostGridHasItsHostsAtTheCellCentresAndAboutTheStationsPerHost() {
    // round(sqrt(n / 10)): sqrt(1) = 1, sqrt(10) = 3.16, sqrt(100) = 10, sqrt(25) = 5, and at
    // least one host where sqrt(0.2) = 0.45 rounds to 0
    assertThat(DeploymentEnv.hostsPerSide(10, 10)).isEqualTo(1);
    assertThat(DeploymentEnv.hostsPerSide(100, 10)).isEqualTo(3);
    assertThat(DeploymentEnv.hostsPerSide(1000, 10)).isEqualTo(10);
    assertThat(DeploymentEnv.hostsPerSide(250, 10)).isEqualTo(5);
    assertThat(DeploymentEnv.hostsPerSide(2, 10)).isEqualTo(1);
    assertThatThrownBy(() -> DeploymentEnv.hostsPerSide(10, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("station per host");
    // cells of 1,000 m over 3 km: centres at 500, 1,500 and 2,500 m, row by row
    assertThat(DeploymentEnv.hostGrid(new GeoBounds(0, 0, 3000, 3000), 3))
        .containsExactly(
            new Position(500, 500),
            new Position(1500, 500),
            new Position(2500, 500),
            new Position(500, 1500),
            new Position(1500, 1500),
            new Position(2500, 1500),
            new Position(500, 2500),
            new Position(1500, 2500),
            new Position(2500, 2500));
    assertThat(DeploymentEnv.hostGrid(AREA, 1)).containsExactly(HOST);
    assertThatThrownBy(() -> DeploymentEnv.hostGrid(AREA, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("one host per side");
  }

  @Test
  void eachStationSendsToItsNearestHost() {
    DeploymentSettings s = settings(20e6);
    DeploymentEnv one = new DeploymentEnv(city(), s, TwinQuality.defaults(), HOST);
    // a grid of one host is the one-host environment, link for link
    DeploymentEnv single = DeploymentEnv.ofHostGrid(city(), s, 1);
    for (int b = 0; b < STATIONS.size(); b++) {
      assertThat(single.distanceM(b)).isEqualTo(one.distanceM(b));
      assertThat(single.rateBps(b, 0.3, 10)).isEqualTo(one.rateBps(b, 0.3, 10));
    }
    // 2 x 2 hosts over 2 km at (500, 500), (1500, 500), (500, 1500), (1500, 1500): station 1 at
    // (200, 300) is nearest the first (sqrt(300^2 + 200^2) = 360.6 m), station 2 at (1500, 1200)
    // the last (300 m), station 3 at (1100, 900) the second (sqrt(400^2 + 400^2) = 565.7 m against
    // 721.1 m to the others)
    DeploymentEnv grid = DeploymentEnv.ofHostGrid(city(), s, 2);
    assertThat(grid.hosts()).hasSize(4);
    int[] nearest = {0, 3, 1};
    double[] metres = {Math.hypot(300, 200), 300, Math.hypot(400, 400)};
    for (int b = 0; b < STATIONS.size(); b++) {
      assertThat(grid.hostOf(b)).isEqualTo(nearest[b]);
      // Position.distanceTo against Math.hypot: a few ulps of a few hundred metres
      assertThat(grid.distanceM(b)).isCloseTo(metres[b], within(1e-9));
    }
    // the first host's links are those of a one-host environment with the host there
    DeploymentEnv first =
        new DeploymentEnv(city(), s, TwinQuality.defaults(), new Position(500, 500));
    assertThat(grid.rateBps(0, 0.3, 10)).isEqualTo(first.rateBps(0, 0.3, 10));
    assertThat(grid.rateBps(0, 0.3, 10)).isNotEqualTo(one.rateBps(0, 0.3, 10));
    assertThatThrownBy(() -> new DeploymentEnv(city(), s, TwinQuality.defaults(), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at least one twin host");
  }

  @Test
  void sharesNeverExceedTheBand() {
    DeploymentAction over =
        new DeploymentAction(
            new Mapping[] {Mapping.VERTICAL, Mapping.VERTICAL, Mapping.HORIZONTAL},
            new double[] {0.5, 1, 1},
            new double[] {0, 0, 0});
    // sum 2.5: each weight divided by 2.5
    assertThat(DeploymentEnv.shares(over)).containsExactly(0.2, 0.4, 0.4);
    DeploymentAction under =
        new DeploymentAction(
            new Mapping[] {Mapping.VERTICAL, Mapping.VERTICAL},
            new double[] {0.2, 0.3},
            new double[] {0, 0});
    assertThat(DeploymentEnv.shares(under)).containsExactly(0.2, 0.3);
  }

  /** One station at the host's position: a strong link, so every transfer arrives. */
  static DeploymentEnv oneStation() {
    NetworkTwin twin =
        NetworkTwin.builder(config(20e6))
            .station(new StationSpec(BaseStationId.of(1), new Position(900, 1000), 10, 23, 0, 50))
            .user(0, 900, 1010, 1.5, 3.0)
            .user(1, 910, 1000, 1.5, 1.0)
            .build();
    return new DeploymentEnv(twin, settings(10e6), TwinQuality.defaults(), HOST);
  }

  @Test
  void aVerticalTransferRebuildsTheTwinAndCostsItsBytesAndEnergy() {
    DeploymentEnv env = oneStation();
    SyncState s0 = env.initialState();
    Step step = env.step(s0, DeploymentAction.uniform(1, Mapping.VERTICAL, 0.5, 1.0));
    Transfer t = step.transfers().get(0);
    double r = env.rateBps(0, 0.5, 23);
    // 50,000 bytes of environment data + 1,000 per user for 2 users
    assertThat(t.payloadBytes()).isEqualTo(52_000);
    double seconds = 52_000 * 8 / r;
    assertThat(t.arrived()).isTrue();
    assertThat(t.latencyS()).isCloseTo(seconds, within(1e-12 * seconds));
    // 23 dBm = 0.19953 W for the transfer time, no training
    double joules = Math.pow(10, 2.3) / 1000 * seconds;
    assertThat(t.energyJ()).isCloseTo(joules, within(1e-12 * joules));
    double[] levels = step.levels();
    assertThat(levels[0]).isEqualTo(0.1);
    assertThat(levels[1]).isEqualTo(1.0);
    assertThat(levels[2]).isCloseTo(seconds, within(1e-12 * seconds));
    // six periods an hour
    assertThat(levels[3]).isCloseTo(6 * 52_000, within(1e-6));
    assertThat(levels[4]).isCloseTo(6 * joules, within(1e-12 * joules));
    assertThat(step.next().sinceSync()).containsExactly(0);
  }

  @Test
  void aStaleModelUpdateIsMixedInWithFedAsyncsWeight() {
    DeploymentEnv env = oneStation();
    // last synchronised three periods ago
    SyncState s =
        new SyncState(new double[] {0.5}, new double[] {4}, new double[] {1800}, new int[] {3}, 5);
    Step step = env.step(s, DeploymentAction.uniform(1, Mapping.HORIZONTAL, 1, 1));
    // one station: its drift is the base drift 0.08; w = 0.6 / sqrt(1 + 3) = 0.3;
    // e = 0.7 x (0.5 + 0.08) + 0.3 x 0.2 = 0.466
    assertThat(step.next().forecastError()[0]).isCloseTo(0.466, within(1e-12));
    // no environment data: the radio map drifts by 0.5 dB
    assertThat(step.next().sinrErrorDb()[0]).isEqualTo(4.5);
    Transfer t = step.transfers().get(0);
    assertThat(t.payloadBytes()).isEqualTo(20_000);
    // 20 s of training before the transfer, 2 J of it
    double send = 20_000 * 8 / env.rateBps(0, 1, 23);
    assertThat(t.latencyS()).isCloseTo(20 + send, within(1e-9));
    assertThat(t.energyJ()).isCloseTo(2 + Math.pow(10, 2.3) / 1000 * send, within(1e-12));
    assertThat(step.next().period()).isEqualTo(6);
  }

  @Test
  void aTransferThatMissesTheDeadlineIsAbandoned() {
    NetworkTwin twin =
        NetworkTwin.builder(config(20e6))
            .station(new StationSpec(BaseStationId.of(1), new Position(0, 0), 10, 23, 0, 50))
            .user(0, 10, 10, 1.5, 3.0)
            .build();
    DeploymentEnv env = new DeploymentEnv(twin, settings(10e6), TwinQuality.defaults(), HOST);
    // 1,414 m away at 0 dBm over 1 % of the band: far too slow for 51 kB in the 60 s deadline
    double r = env.rateBps(0, 0.01, 0);
    assertThat(51_000 * 8 / r).isGreaterThan(60);
    SyncState s0 = env.initialState();
    Step step = env.step(s0, DeploymentAction.uniform(1, Mapping.VERTICAL, 0.01, 0));
    Transfer t = step.transfers().get(0);
    assertThat(t.arrived()).isFalse();
    assertThat(t.sentBytes()).isCloseTo(r * 60 / 8, within(1e-9));
    // 1 mW until the deadline
    assertThat(t.energyJ()).isCloseTo(0.06, within(1e-12));
    assertThat(step.next().ageS()).containsExactly(1200.0);
    assertThat(step.next().forecastError()[0]).isCloseTo(0.58, within(1e-12));
    assertThat(step.next().sinceSync()).containsExactly(1);
  }

  @Test
  void noBandwidthMeansNoTransferAndNoCost() {
    DeploymentEnv env = oneStation();
    Step step = env.step(env.initialState(), DeploymentAction.uniform(1, Mapping.HORIZONTAL, 0, 1));
    Transfer t = step.transfers().get(0);
    assertThat(t.arrived()).isFalse();
    assertThat(t.energyJ()).isZero();
    assertThat(t.sentBytes()).isZero();
  }

  @Test
  void theRewardIsTheTwinQualitysJointUtilityOfTheLevels() {
    DeploymentEnv env = new DeploymentEnv(city(), settings(10e6), TwinQuality.defaults(), HOST);
    DeploymentAction a =
        new DeploymentAction(
            new Mapping[] {Mapping.VERTICAL, Mapping.HORIZONTAL, Mapping.VERTICAL},
            new double[] {0.3, 0.3, 0.4},
            new double[] {1, 0.5, 0});
    Step step = env.step(env.initialState(), a);
    Map<String, Double> levels = new HashMap<>();
    for (int i = 0; i < DeploymentEnv.ATTRIBUTES.size(); i++) {
      levels.put(DeploymentEnv.ATTRIBUTES.get(i), step.levels()[i]);
    }
    var score = TwinQuality.defaults().score(levels);
    assertThat(step.utility()).isEqualTo(score.joint());
    assertThat(step.weightedSum()).isEqualTo(score.weightedSum());
  }

  @Test
  void rewardSharesAverageToTheUtilityAndAreTheStationsMarginalContributions() {
    DeploymentEnv env = new DeploymentEnv(city(), settings(10e6), TwinQuality.defaults(), HOST);
    DeploymentAction a =
        new DeploymentAction(
            new Mapping[] {Mapping.VERTICAL, Mapping.HORIZONTAL, Mapping.VERTICAL},
            new double[] {0.3, 0.3, 0.4},
            new double[] {1, 0.5, 0});
    Step step = env.step(env.step(env.initialState(), a).next(), a);
    double[] shares = env.rewardShares(step);
    int n = shares.length;
    double mean = 0;
    for (double v : shares) {
      mean += v / n;
    }
    // the linear terms cancel in the mean: a few roundings of values near 1
    assertThat(mean).isCloseTo(step.utility(), within(1e-12));
    // independently: each station's contributions, then the derivative of the utility along its
    // deviation from the mean, by a one-sided difference of the public utility
    double perHour = 3600.0 / env.settings().periodS();
    double[][] c = new double[n][5];
    double[] m = new double[5];
    for (int b = 0; b < n; b++) {
      Transfer t = step.transfers().get(b);
      double err = step.next().sinrErrorDb()[b];
      c[b] =
          new double[] {
            step.next().forecastError()[b],
            err * err,
            step.next().ageS()[b],
            t.sentBytes() * perHour,
            t.energyJ() * perHour
          };
      for (int k = 0; k < 5; k++) {
        m[k] += c[b][k] / n;
      }
    }
    double eps = 1e-5;
    boolean differ = false;
    for (int b = 0; b < n; b++) {
      double[] moved = new double[5];
      for (int k = 0; k < 5; k++) {
        moved[k] = m[k] + eps * (c[b][k] - m[k]);
      }
      double directional = (utilityOfMeans(env, moved) - utilityOfMeans(env, m)) / eps;
      // the one-sided difference's error: eps x the second derivative along the deviation (the
      // deviation moves the utility by at most about 0.3 here, its curvature is of that order) plus
      // rounding 1e-16 / eps: below 1e-5
      assertThat(shares[b] - step.utility()).isCloseTo(directional, within(1e-5));
      differ |= Math.abs(shares[b] - step.utility()) > 1e-3;
    }
    // the stations did differ, so the check is not of zeros
    assertThat(differ).isTrue();
  }

  private static double utilityOfMeans(DeploymentEnv env, double[] m) {
    return env.utility(new double[] {m[0], Math.sqrt(m[1]), m[2], m[3], m[4]});
  }

  @Test
  void refusesAnActionForAnotherNumberOfStations() {
    DeploymentEnv env = oneStation();
    assertThatThrownBy(
            () ->
                env.step(
                    env.initialState(), DeploymentAction.uniform(2, Mapping.VERTICAL, 0.5, 0.5)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1 stations");
    assertThatThrownBy(
            () ->
                new DeploymentAction(
                    new Mapping[] {Mapping.VERTICAL}, new double[] {1.5}, new double[] {0}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[0, 1]");
  }
}
