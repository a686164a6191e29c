package dnt.learn.deploy;

import dnt.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The optimum over a discretised action set, by exhaustive search: every sequence of joint actions
 * over the episode's periods, each station choosing a mapping method, a bandwidth weight from
 * {@link #bandwidthLevels} and a power level from {@link #powerLevels}. The environment is
 * deterministic, so the best open-loop sequence from the initial state is the optimum of the
 * discretised problem (no closed-loop policy on the same action set does better). The search visits
 * {@code (2 |bandwidth| |power|)^(stations x horizon)} sequences, so it is for small instances only
 * (the study uses two stations over four periods); a continuous policy may beat it.
 */
public final class ExhaustivePolicy implements DeploymentPolicy {
  /** The most sequences the search agrees to visit. */
  public static final long MAX_SEQUENCES = 50_000_000L;

  private final double[] bandwidthLevels;
  private final double[] powerLevels;
  private List<DeploymentAction> plan = List.of();
  private double planValue = Double.NaN;

  /**
   * Creates the search.
   *
   * @param bandwidthLevels the bandwidth weights a station may choose, each in [0, 1]
   * @param powerLevels the power levels a station may choose, each in [0, 1]
   */
  public ExhaustivePolicy(double[] bandwidthLevels, double[] powerLevels) {
    if (bandwidthLevels.length == 0 || powerLevels.length == 0) {
      throw new InvalidInputException("the exhaustive search needs at least one level of each");
    }
    this.bandwidthLevels = bandwidthLevels.clone();
    this.powerLevels = powerLevels.clone();
  }

  /**
   * The joint actions of one period.
   *
   * @param stations the number of stations
   * @return every combination, stations varying slowest first
   */
  List<DeploymentAction> jointActions(int stations) {
    List<double[]> perStation = new ArrayList<>();
    for (Mapping m : Mapping.values()) {
      for (double b : bandwidthLevels) {
        for (double p : powerLevels) {
          perStation.add(new double[] {m.ordinal(), b, p});
        }
      }
    }
    int k = perStation.size();
    long count = (long) Math.pow(k, stations);
    List<DeploymentAction> out = new ArrayList<>();
    for (long code = 0; code < count; code++) {
      Mapping[] m = new Mapping[stations];
      double[] b = new double[stations];
      double[] p = new double[stations];
      long c = code;
      for (int s = stations - 1; s >= 0; s--) {
        double[] choice = perStation.get((int) (c % k));
        c /= k;
        m[s] = Mapping.values()[(int) choice[0]];
        b[s] = choice[1];
        p[s] = choice[2];
      }
      out.add(new DeploymentAction(m, b, p));
    }
    return out;
  }

  @Override
  public void reset(DeploymentEnv env) {
    int n = env.stations();
    int horizon = env.settings().horizon();
    double perStation = 2.0 * bandwidthLevels.length * powerLevels.length;
    double sequences = Math.pow(perStation, (double) n * horizon);
    if (sequences > MAX_SEQUENCES) {
      throw new InvalidInputException(
          "the exhaustive search over "
              + n
              + " stations and "
              + horizon
              + " periods would visit "
              + String.format(java.util.Locale.ROOT, "%.3g", sequences)
              + " sequences, more than "
              + MAX_SEQUENCES
              + "; use fewer stations, periods or levels");
    }
    List<DeploymentAction> actions = jointActions(n);
    DeploymentAction[] best = new DeploymentAction[horizon];
    DeploymentAction[] current = new DeploymentAction[horizon];
    double[] bestValue = {Double.NEGATIVE_INFINITY};
    search(env, actions, env.initialState(), 0, 0.0, current, best, bestValue);
    plan = List.of(best);
    planValue = bestValue[0];
  }

  private static void search(
      DeploymentEnv env,
      List<DeploymentAction> actions,
      SyncState state,
      int t,
      double value,
      DeploymentAction[] current,
      DeploymentAction[] best,
      double[] bestValue) {
    int horizon = current.length;
    for (DeploymentAction a : actions) {
      Step step = env.step(state, a);
      current[t] = a;
      double v = value + step.utility();
      if (t + 1 == horizon) {
        if (v > bestValue[0]) {
          bestValue[0] = v;
          System.arraycopy(current, 0, best, 0, horizon);
        }
      } else {
        search(env, actions, step.next(), t + 1, v, current, best, bestValue);
      }
    }
  }

  /**
   * The best total utility over the episode found by the last {@link #reset}.
   *
   * @return the sum of the periods' utilities (NaN before a reset)
   */
  public double planValue() {
    return planValue;
  }

  /**
   * The best sequence found by the last {@link #reset}.
   *
   * @return one action per period
   */
  public List<DeploymentAction> plan() {
    return plan;
  }

  @Override
  public DeploymentAction act(DeploymentEnv env, SyncState state) {
    if (plan.isEmpty()) {
      throw new IllegalStateException("reset the exhaustive policy before it acts");
    }
    return plan.get(Math.min(state.period(), plan.size() - 1));
  }
}
