package dnt.learn.deploy;

import java.util.List;

/**
 * The result of one period.
 *
 * @param next the state at the start of the next period
 * @param utility the twin's joint utility over the period (Keeney-Raiffa multiplicative form), the
 *     reward
 * @param weightedSum the weighted sum of the same single-attribute utilities, for comparison
 * @param levels the attribute levels, in {@link DeploymentEnv#ATTRIBUTES} order
 * @param transfers each station's transfer
 */
public record Step(
    SyncState next, double utility, double weightedSum, double[] levels, List<Transfer> transfers) {
  /** Copies. */
  public Step {
    levels = levels.clone();
    transfers = List.copyOf(transfers);
  }
}
