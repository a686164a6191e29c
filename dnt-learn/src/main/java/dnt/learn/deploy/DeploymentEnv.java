package dnt.learn.deploy;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.quality.QualityAttribute;
import dnt.core.quality.TwinQuality;
import dnt.core.radio.RateModel;
import dnt.core.radio.ThermalNoise;
import dnt.core.radio.Units;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationSpec;
import dnt.core.twin.StationState;
import dnt.core.twin.TwinConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The deployment environment of paper Sec. III-B2: each period every station of a {@link
 * NetworkTwin} chooses its mapping method and the uplink resources of its synchronisation transfer,
 * and the twin's quality follows from what arrived and when, scored by the joint utility of {@code
 * dnt.core.quality} (Sec. III-B1). The reward of a period is that utility.
 *
 * <h2>What the paper leaves open, and what this class chooses</h2>
 *
 * <ul>
 *   <li><b>Where the data goes.</b> Every station sends to a twin host (an edge server): one at a
 *       given position, by default the centre of the twin's area, or the nearest of several ({@link
 *       #ofHostGrid}: a square grid of hosts, so that the distance to a host need not grow with the
 *       area), over a dedicated uplink band of {@link DeploymentSettings#uplinkBandwidthHz} shared
 *       by all stations in orthogonal shares (FDMA), so transfers do not interfere with each other
 *       or with the downlink. The paper places the twin at the network's edge without saying how
 *       many hosts there are; the grid is this class's choice.
 *   <li><b>The link.</b> The twin's own radio model: the loss of the twin's {@link
 *       dnt.core.radio.LinkBudget} between the station (its height, its antenna gain) and the host
 *       (height {@link DeploymentSettings#hostHeightM}, link key {@link #HOST_KEY} for the seeded
 *       line-of-sight draw), noise over the station's share with the twin's noise figure, and the
 *       twin's {@link RateModel}. With the whole band and the station's own transmit power the rate
 *       equals the downlink rate {@link NetworkTwin} gives a lone user at the host's position
 *       (reciprocal links; {@code DeploymentEnvTest} checks it).
 *   <li><b>Bandwidth and power.</b> An action's bandwidth weights are divided by {@code max(1,
 *       sum)} so the shares never exceed the band (the total-bandwidth constraint), and its power
 *       levels map linearly onto [{@link DeploymentSettings#minPowerDbm}, {@link
 *       DeploymentSettings#maxPowerDbm}] dBm (the power limit). A station given no bandwidth skips
 *       the period: it neither trains nor sends.
 *   <li><b>Payloads and deadline.</b> Vertical mapping sends environment data plus raw traffic data
 *       per served user; horizontal mapping first trains for {@link DeploymentSettings#computeS}
 *       seconds, then sends a fixed-size model update. A payload that has not arrived by {@link
 *       DeploymentSettings#deadlineS} after the start of its period is abandoned (the bytes and
 *       energy spent count, the twin gains nothing; the data would describe a network that has
 *       moved on), and the station sends fresh data next period.
 *   <li><b>Energy.</b> Transmit power times transmit time plus the training energy; circuit power
 *       is not modelled.
 *   <li><b>What arrives does to the twin.</b> Each cell twin's forecast error grows each period by
 *       a drift proportional to its station's load ({@code 2 L / (L + mean L)} times {@link
 *       DeploymentSettings#forecastDrift}: busier cells change faster) up to 1 (where the twin
 *       falls back to persistence). Fresh raw data rebuilds the cell twin to {@link
 *       DeploymentSettings#verticalForecastError} and the radio map to {@link
 *       DeploymentSettings#verticalSinrErrorDb}. A model update is mixed in as in FedAsync (Xie,
 *       Koyejo and Gupta, "Asynchronous Federated Optimization", 2019): {@code e <- (1 - w) e + w
 *       e_H} with {@code w = mixing (1 + tau)^-a} and staleness {@code tau} the periods since the
 *       station's last successful transfer (the age of the global model it trained on); an update
 *       carries no environment data, so the radio map keeps drifting by {@link
 *       DeploymentSettings#sinrDriftDb} a period.
 *   <li><b>Quality.</b> At the end of the period the five attributes of {@link
 *       TwinQuality#defaults()} (the names in {@link #ATTRIBUTES}) are the mean forecast error, the
 *       RMS of the stations' SINR errors, the mean age of the newest data (the latency of what
 *       arrived, the old age plus a period where nothing did), and the mean bytes and energy per
 *       cell, scaled to an hour. Their joint utility is the reward.
 * </ul>
 *
 * The environment is deterministic: a state and an action give one next state. It holds no mutable
 * state, so a policy may look ahead ({@link #step} on any state) and several threads may share it.
 */
public final class DeploymentEnv {
  /** The link key of the twin's host in the link budget's seeded draws. */
  public static final int HOST_KEY = Integer.MAX_VALUE;

  /** The quality attributes the environment reports, in the order of {@link Step#levels}. */
  public static final List<String> ATTRIBUTES =
      List.of(
          "forecast-error",
          "sinr-error-db",
          "age-s",
          "sync-bytes-per-cell-hour",
          "sync-energy-j-per-cell-hour");

  private final DeploymentSettings settings;
  private final TwinQuality quality;
  private final List<BaseStationId> ids;
  private final List<Position> hosts;
  private final int[] hostOf;
  private final RateModel rate;
  private final double noiseFigureDb;
  private final double[] rxFullPowerMw;
  private final double[] distanceM;
  private final double[] users;
  private final double[] loadMbps;
  private final double[] drift;
  private final int[] levelOf;

  /**
   * Creates the environment over a twin's active stations, with the host at the centre of the
   * twin's area and the default quality model.
   *
   * @param twin the twin
   * @param settings the parameters
   * @return the environment
   */
  public static DeploymentEnv of(NetworkTwin twin, DeploymentSettings settings) {
    GeoBounds a = twin.config().area();
    return new DeploymentEnv(
        twin,
        settings,
        TwinQuality.defaults(),
        new Position((a.minX() + a.maxX()) / 2, (a.minY() + a.maxY()) / 2));
  }

  /**
   * Creates the environment over a twin's active stations with a square grid of hosts, {@code
   * perSide x perSide} at the centres of equal cells of the twin's area, each station sending to
   * the nearest, and the default quality model. With {@code perSide = 1} this is {@link #of}.
   *
   * @param twin the twin
   * @param settings the parameters
   * @param perSide hosts along each side of the area, at least 1
   * @return the environment
   */
  public static DeploymentEnv ofHostGrid(
      NetworkTwin twin, DeploymentSettings settings, int perSide) {
    return new DeploymentEnv(
        twin, settings, TwinQuality.defaults(), hostGrid(twin.config().area(), perSide));
  }

  /**
   * The hosts of a square grid over an area: {@code perSide x perSide} at the centres of equal
   * cells, row by row from the area's minimum corner.
   *
   * @param area the area
   * @param perSide hosts along each side, at least 1
   * @return the hosts' positions
   */
  public static List<Position> hostGrid(GeoBounds area, int perSide) {
    if (perSide < 1) {
      throw new InvalidInputException(
          "a host grid needs at least one host per side, got " + perSide);
    }
    double w = (area.maxX() - area.minX()) / perSide;
    double h = (area.maxY() - area.minY()) / perSide;
    List<Position> out = new ArrayList<>(perSide * perSide);
    for (int j = 0; j < perSide; j++) {
      for (int i = 0; i < perSide; i++) {
        out.add(new Position(area.minX() + (i + 0.5) * w, area.minY() + (j + 0.5) * h));
      }
    }
    return out;
  }

  /**
   * The hosts per side of a square grid that keeps about {@code stationsPerHost} stations per host
   * in a city whose area grows with its stations: {@code max(1, round(sqrt(stations /
   * stationsPerHost)))}. In the deployment study's cities (side {@code spacing x sqrt(stations)}) a
   * host's cell then has side {@code spacing x sqrt(stations) / perSide}, about {@code spacing x
   * sqrt(stationsPerHost)} at every size, so the distance from a station to its host does not grow
   * with the network.
   *
   * @param stations the stations
   * @param stationsPerHost the stations a host should serve, at least 1
   * @return hosts per side, at least 1
   */
  public static int hostsPerSide(int stations, int stationsPerHost) {
    if (stations < 1 || stationsPerHost < 1) {
      throw new InvalidInputException(
          "a host grid needs a station and at least one station per host, got "
              + stations
              + " and "
              + stationsPerHost);
    }
    return (int) Math.max(1, Math.round(Math.sqrt(stations / (double) stationsPerHost)));
  }

  /**
   * Creates the environment with one host.
   *
   * @param twin the twin; its active stations, in {@link NetworkTwin#stationIds()} order, are the
   *     environment's stations
   * @param settings the parameters
   * @param quality the quality model; it must have exactly the attributes {@link #ATTRIBUTES}
   * @param host where the twin's host receives
   * @throws InvalidInputException when the twin has no active station or the quality model other
   *     attributes
   */
  public DeploymentEnv(
      NetworkTwin twin, DeploymentSettings settings, TwinQuality quality, Position host) {
    this(twin, settings, quality, List.of(Objects.requireNonNull(host, "host")));
  }

  /**
   * Creates the environment with several hosts, each station sending to the nearest (the first of
   * equally near ones). Host {@code h}'s links take the link key {@code HOST_KEY - h} in the link
   * budget's seeded draws, so one host's links are those of the one-host environment.
   *
   * @param twin the twin; its active stations, in {@link NetworkTwin#stationIds()} order, are the
   *     environment's stations
   * @param settings the parameters
   * @param quality the quality model; it must have exactly the attributes {@link #ATTRIBUTES}
   * @param hosts where the twin's hosts receive, at least one
   * @throws InvalidInputException when there is no host, the twin has no active station or the
   *     quality model other attributes
   */
  public DeploymentEnv(
      NetworkTwin twin, DeploymentSettings settings, TwinQuality quality, List<Position> hosts) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.quality = Objects.requireNonNull(quality, "quality");
    this.hosts = List.copyOf(hosts);
    if (this.hosts.isEmpty()) {
      throw new InvalidInputException("the deployment study needs at least one twin host");
    }
    List<String> names = quality.names();
    if (names.size() != ATTRIBUTES.size() || !names.containsAll(ATTRIBUTES)) {
      throw new InvalidInputException(
          "the deployment study scores a twin by the attributes "
              + String.join(", ", ATTRIBUTES)
              + "; the quality model has "
              + String.join(", ", names));
    }
    levelOf = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      levelOf[i] = ATTRIBUTES.indexOf(names.get(i));
    }
    TwinConfig config = twin.config();
    rate = config.rate();
    noiseFigureDb = config.noiseFigureDb();
    List<BaseStationId> active = new ArrayList<>();
    for (BaseStationId id : twin.stationIds()) {
      if (twin.station(id).active()) {
        active.add(id);
      }
    }
    if (active.isEmpty()) {
      throw new InvalidInputException("the deployment study needs a twin with an active station");
    }
    ids = List.copyOf(active);
    int n = ids.size();
    rxFullPowerMw = new double[n];
    distanceM = new double[n];
    hostOf = new int[n];
    users = new double[n];
    loadMbps = new double[n];
    drift = new double[n];
    double meanLoad = 0;
    for (int b = 0; b < n; b++) {
      StationSpec spec = twin.stationSpec(ids.get(b));
      StationState state = twin.station(ids.get(b));
      int nearest = 0;
      double best = spec.position().distanceTo(this.hosts.get(0));
      for (int h = 1; h < this.hosts.size(); h++) {
        double d = spec.position().distanceTo(this.hosts.get(h));
        if (d < best) {
          best = d;
          nearest = h;
        }
      }
      hostOf[b] = nearest;
      distanceM[b] = best;
      double lossDb =
          config
              .links()
              .lossDb(
                  spec.id().value(),
                  HOST_KEY - nearest,
                  distanceM[b],
                  spec.heightM(),
                  settings.hostHeightM());
      // received power per mW transmitted, with the station's antenna gain
      rxFullPowerMw[b] = Units.dbmToMw(spec.antennaGainDb() - lossDb);
      users[b] = state.activeUsers();
      loadMbps[b] = state.loadMbps();
      meanLoad += loadMbps[b] / n;
    }
    for (int b = 0; b < n; b++) {
      drift[b] =
          meanLoad > 0
              ? settings.forecastDrift() * 2 * loadMbps[b] / (loadMbps[b] + meanLoad)
              : settings.forecastDrift();
    }
  }

  /**
   * The parameters.
   *
   * @return them
   */
  public DeploymentSettings settings() {
    return settings;
  }

  /**
   * The number of stations.
   *
   * @return it
   */
  public int stations() {
    return ids.size();
  }

  /**
   * The stations, in the order of actions and states.
   *
   * @return their ids
   */
  public List<BaseStationId> stationIds() {
    return ids;
  }

  /**
   * Where the twin's first host receives (the only one unless the environment has several).
   *
   * @return its position
   */
  public Position host() {
    return hosts.get(0);
  }

  /**
   * Where the twin's hosts receive.
   *
   * @return their positions
   */
  public List<Position> hosts() {
    return hosts;
  }

  /**
   * The host a station sends to: the nearest.
   *
   * @param b the station's index
   * @return the host's index in {@link #hosts}
   */
  public int hostOf(int b) {
    return hostOf[b];
  }

  /**
   * A station's distance to its host.
   *
   * @param b the station's index
   * @return metres
   */
  public double distanceM(int b) {
    return distanceM[b];
  }

  /**
   * The users a station serves.
   *
   * @param b the station's index
   * @return the count
   */
  public double users(int b) {
    return users[b];
  }

  /**
   * A station's offered load.
   *
   * @param b the station's index
   * @return Mbit/s
   */
  public double loadMbps(int b) {
    return loadMbps[b];
  }

  /**
   * The growth of a station's forecast error per period.
   *
   * @param b the station's index
   * @return z-MSE per period
   */
  public double drift(int b) {
    return drift[b];
  }

  /**
   * The bytes a station sends under a mapping method.
   *
   * @param b the station's index
   * @param mapping the method
   * @return bytes
   */
  public double payloadBytes(int b, Mapping mapping) {
    return mapping == Mapping.VERTICAL
        ? settings.environmentBytes() + settings.rawBytesPerUser() * users[b]
        : settings.updateBytes();
  }

  /**
   * The SINR at the host of a station's transfer.
   *
   * @param b the station's index
   * @param share its share of the uplink band, in (0, 1]
   * @param powerDbm its transmit power, dBm
   * @return the SINR as a linear ratio
   */
  public double sinr(int b, double share, double powerDbm) {
    double noiseMw = ThermalNoise.mw(share * settings.uplinkBandwidthHz(), noiseFigureDb);
    return Units.dbmToMw(powerDbm) * rxFullPowerMw[b] / noiseMw;
  }

  /**
   * The uplink rate of a station's transfer: {@code share x band x se(SINR)}.
   *
   * @param b the station's index
   * @param share its share of the uplink band, in [0, 1]
   * @param powerDbm its transmit power, dBm
   * @return bit/s (0 without bandwidth)
   */
  public double rateBps(int b, double share, double powerDbm) {
    if (!(share > 0)) {
      return 0;
    }
    return share * settings.uplinkBandwidthHz() * rate.spectralEfficiency(sinr(b, share, powerDbm));
  }

  /**
   * The bandwidth shares an action's weights give: the weights divided by {@code max(1, sum)}.
   *
   * @param action the action
   * @return each station's share; they sum to at most 1
   */
  public static double[] shares(DeploymentAction action) {
    double[] w = action.bandwidth();
    double sum = 0;
    for (double x : w) {
      sum += x;
    }
    double scale = Math.max(1, sum);
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = w[i] / scale;
    }
    return out;
  }

  /**
   * The transmit power a power level gives.
   *
   * @param level in [0, 1]
   * @return dBm
   */
  public double powerDbm(double level) {
    return settings.minPowerDbm() + level * (settings.maxPowerDbm() - settings.minPowerDbm());
  }

  /**
   * The state at the start of an episode: every station at the initial errors, its newest data one
   * period old, synchronised in the period before.
   *
   * @return the state
   */
  public SyncState initialState() {
    int n = stations();
    double[] e = new double[n];
    double[] s = new double[n];
    double[] age = new double[n];
    Arrays.fill(e, settings.initialForecastError());
    Arrays.fill(s, settings.initialSinrErrorDb());
    Arrays.fill(age, settings.periodS());
    return new SyncState(e, s, age, new int[n], 0);
  }

  /**
   * Runs one period.
   *
   * @param state the state at its start
   * @param action the decisions
   * @return the next state, the reward and what each transfer did
   * @throws InvalidInputException when the action or the state has another number of stations
   */
  public Step step(SyncState state, DeploymentAction action) {
    int n = stations();
    if (action.stations() != n || state.stations() != n) {
      throw new InvalidInputException(
          "the environment has "
              + n
              + " stations; the action has "
              + action.stations()
              + " and the state "
              + state.stations());
    }
    double period = settings.periodS();
    double[] share = shares(action);
    double[] e = new double[n];
    double[] s = new double[n];
    double[] age = new double[n];
    int[] since = new int[n];
    List<Transfer> transfers = new ArrayList<>(n);
    double sumE = 0;
    double sumS2 = 0;
    double sumAge = 0;
    double sumBytes = 0;
    double sumEnergy = 0;
    for (int b = 0; b < n; b++) {
      Mapping m = action.mapping()[b];
      Transfer t = transfer(b, m, share[b], powerDbm(action.power()[b]));
      transfers.add(t);
      double drifted = Math.min(1.0, state.forecastError()[b] + drift[b]);
      double sDrifted = state.sinrErrorDb()[b] + settings.sinrDriftDb();
      if (t.arrived()) {
        if (m == Mapping.VERTICAL) {
          e[b] = settings.verticalForecastError();
          s[b] = settings.verticalSinrErrorDb();
        } else {
          double w =
              settings.mixing() * Math.pow(1 + state.sinceSync()[b], -settings.stalenessExponent());
          e[b] = (1 - w) * drifted + w * settings.horizontalForecastError();
          s[b] = sDrifted;
        }
        age[b] = t.latencyS();
        since[b] = 0;
      } else {
        e[b] = drifted;
        s[b] = sDrifted;
        age[b] = state.ageS()[b] + period;
        since[b] = state.sinceSync()[b] + 1;
      }
      sumE += e[b];
      sumS2 += s[b] * s[b];
      sumAge += age[b];
      sumBytes += t.sentBytes();
      sumEnergy += t.energyJ();
    }
    double perHour = 3600.0 / period;
    double[] levels = {
      sumE / n, Math.sqrt(sumS2 / n), sumAge / n, sumBytes / n * perHour, sumEnergy / n * perHour
    };
    List<QualityAttribute> attributes = quality.attributes();
    double[] u = new double[attributes.size()];
    for (int i = 0; i < u.length; i++) {
      u[i] = attributes.get(i).utility().utility(levels[levelOf[i]]);
    }
    SyncState next = new SyncState(e, s, age, since, state.period() + 1);
    return new Step(
        next, quality.joint().utility(u), quality.joint().weightedSum(u), levels, transfers);
  }

  /**
   * The joint utility of attribute levels.
   *
   * @param levels the levels, in {@link #ATTRIBUTES} order (as {@link Step#levels})
   * @return the Keeney-Raiffa joint utility of the quality model
   */
  public double utility(double[] levels) {
    List<QualityAttribute> attributes = quality.attributes();
    double[] u = new double[attributes.size()];
    for (int i = 0; i < u.length; i++) {
      u[i] = attributes.get(i).utility().utility(levels[levelOf[i]]);
    }
    return quality.joint().utility(u);
  }

  /**
   * Each station's share of a period's reward, for agents that credit stations one by one.
   *
   * <p>The joint utility does not decompose over stations: it is the Keeney-Raiffa multiplicative
   * form (non-linear) of attribute levels that are means over the stations (the SINR error a root
   * mean square). Its first-order expansion around the period's levels does: with {@code c_i} the
   * station's own contributions to the means (its forecast error, squared SINR error, age, and
   * bytes and energy per hour), {@code m} their means and {@code g} the gradient of the utility in
   * the means, station {@code i}'s share is {@code U + g . (c_i - m)}. This is {@code n} times the
   * linearised difference reward {@code U(m) - U(m with c_i replaced by the mean)} (Wolpert and
   * Tumer, "Optimal payoff functions for members of collectives", 2001): what the twin's utility
   * owes to the station, centred on the period's utility. The shares average to {@code U} exactly;
   * their error against the exact difference rewards is second order in one station's deviation
   * over {@code n}. The gradient is taken by central differences (forward in the mean squared SINR
   * error when it is within a step of 0). Transfers also interact through the band (weights above a
   * total of 1 are scaled down), which the shares do not credit.
   *
   * @param step a period's result
   * @return one share per station
   */
  public double[] rewardShares(Step step) {
    int n = stations();
    SyncState next = step.next();
    double perHour = 3600.0 / settings.periodS();
    double[][] c = new double[n][5];
    double[] m = new double[5];
    for (int b = 0; b < n; b++) {
      Transfer t = step.transfers().get(b);
      double s = next.sinrErrorDb()[b];
      c[b][0] = next.forecastError()[b];
      c[b][1] = s * s;
      c[b][2] = next.ageS()[b];
      c[b][3] = t.sentBytes() * perHour;
      c[b][4] = t.energyJ() * perHour;
      for (int k = 0; k < 5; k++) {
        m[k] += c[b][k] / n;
      }
    }
    double u = utilityOfMeans(m);
    double[] g = new double[5];
    for (int k = 0; k < 5; k++) {
      double h = 1e-6 * Math.max(1, Math.abs(m[k]));
      double[] up = m.clone();
      up[k] += h;
      double[] down = m.clone();
      if (k == 1 && m[k] < h) {
        g[k] = (utilityOfMeans(up) - u) / h;
        continue;
      }
      down[k] -= h;
      g[k] = (utilityOfMeans(up) - utilityOfMeans(down)) / (2 * h);
    }
    double[] shares = new double[n];
    for (int b = 0; b < n; b++) {
      double share = u;
      for (int k = 0; k < 5; k++) {
        share += g[k] * (c[b][k] - m[k]);
      }
      shares[b] = share;
    }
    return shares;
  }

  /** The utility of the stations' mean contributions (the SINR error's as a mean square). */
  private double utilityOfMeans(double[] m) {
    return utility(new double[] {m[0], Math.sqrt(m[1]), m[2], m[3], m[4]});
  }

  /**
   * What a station's transfer does in one period.
   *
   * @param b the station's index
   * @param m its mapping method
   * @param share its bandwidth share
   * @param powerDbm its transmit power
   * @return the transfer
   */
  public Transfer transfer(int b, Mapping m, double share, double powerDbm) {
    double payload = payloadBytes(b, m);
    if (!(share > 0)) {
      return new Transfer(
          m,
          0,
          powerDbm,
          Double.NEGATIVE_INFINITY,
          0,
          payload,
          0,
          Double.POSITIVE_INFINITY,
          0,
          false);
    }
    double sinr = sinr(b, share, powerDbm);
    double r = rateBps(b, share, powerDbm);
    boolean horizontal = m == Mapping.HORIZONTAL;
    double compute = horizontal ? settings.computeS() : 0;
    double computeJ = horizontal ? settings.computeJ() : 0;
    double window = settings.deadlineS() - compute;
    double needed = payload == 0 ? 0 : r > 0 ? payload * 8 / r : Double.POSITIVE_INFINITY;
    boolean arrived = needed <= window;
    double txTime = arrived ? needed : window;
    double sent = arrived ? payload : r * window / 8;
    double energy = Units.dbmToMw(powerDbm) / 1000 * txTime + computeJ;
    return new Transfer(
        m, share, powerDbm, Units.toDb(sinr), r, payload, sent, compute + needed, energy, arrived);
  }
}
