package dnt.learn.deploy;

/**
 * What a policy achieved over an episode.
 *
 * @param utilities each period's joint utility
 * @param meanWeightedSum the mean weighted sum of the same single-attribute utilities
 * @param meanLevels each attribute's mean level, in {@link DeploymentEnv#ATTRIBUTES} order
 * @param verticalShare the fraction of station-periods that chose vertical mapping
 * @param arrivedShare the fraction of station-periods whose payload arrived
 */
public record EpisodeResult(
    double[] utilities,
    double meanWeightedSum,
    double[] meanLevels,
    double verticalShare,
    double arrivedShare) {
  /** Copies the arrays. */
  public EpisodeResult {
    utilities = utilities.clone();
    meanLevels = meanLevels.clone();
  }

  /**
   * The mean joint utility over the periods: the study's score of a policy.
   *
   * @return it
   */
  public double meanUtility() {
    double s = 0;
    for (double u : utilities) {
      s += u;
    }
    return s / utilities.length;
  }
}
