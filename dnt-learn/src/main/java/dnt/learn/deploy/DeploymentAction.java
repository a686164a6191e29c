package dnt.learn.deploy;

import dnt.core.InvalidInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One period's decisions, one entry per station in the environment's order: the mapping method, a
 * bandwidth weight and a power level, both normalised to [0, 1]. {@link DeploymentEnv} turns them
 * into physical resources: the bandwidth shares are the weights divided by {@code max(1, sum of
 * weights)} (so they never exceed the band), the power is {@code min + level x (max - min)} dBm.
 *
 * @param mapping each station's mapping method
 * @param bandwidth each station's bandwidth weight in [0, 1]; 0 sends nothing
 * @param power each station's power level in [0, 1]
 */
public record DeploymentAction(Mapping[] mapping, double[] bandwidth, double[] power) {
  /** Checks lengths and ranges. */
  public DeploymentAction {
    Objects.requireNonNull(mapping, "mapping");
    if (bandwidth.length != mapping.length || power.length != mapping.length) {
      throw new InvalidInputException(
          "an action needs one mapping, bandwidth and power per station, got "
              + mapping.length
              + ", "
              + bandwidth.length
              + " and "
              + power.length);
    }
    for (int i = 0; i < mapping.length; i++) {
      Objects.requireNonNull(mapping[i], "mapping");
      if (!(bandwidth[i] >= 0 && bandwidth[i] <= 1) || !(power[i] >= 0 && power[i] <= 1)) {
        throw new InvalidInputException(
            "station "
                + i
                + ": bandwidth and power levels must be in [0, 1], got "
                + bandwidth[i]
                + " and "
                + power[i]);
      }
    }
    mapping = mapping.clone();
    bandwidth = bandwidth.clone();
    power = power.clone();
  }

  /**
   * The same decision at every station.
   *
   * @param stations the number of stations
   * @param mapping the mapping method
   * @param bandwidth the bandwidth weight
   * @param power the power level
   * @return the action
   */
  public static DeploymentAction uniform(
      int stations, Mapping mapping, double bandwidth, double power) {
    Mapping[] m = new Mapping[stations];
    Arrays.fill(m, mapping);
    double[] b = new double[stations];
    Arrays.fill(b, bandwidth);
    double[] p = new double[stations];
    Arrays.fill(p, power);
    return new DeploymentAction(m, b, p);
  }

  /**
   * The number of stations.
   *
   * @return it
   */
  public int stations() {
    return mapping.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeploymentAction a
        && Arrays.equals(mapping, a.mapping)
        && Arrays.equals(bandwidth, a.bandwidth)
        && Arrays.equals(power, a.power);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(mapping), Arrays.hashCode(bandwidth), Arrays.hashCode(power));
  }

  @Override
  public String toString() {
    return "DeploymentAction"
        + Arrays.toString(mapping)
        + Arrays.toString(bandwidth)
        + Arrays.toString(power);
  }
}
