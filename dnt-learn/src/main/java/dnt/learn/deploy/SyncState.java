package dnt.learn.deploy;

/**
 * The state of the twin's synchronisation at the start of a period, one entry per station.
 *
 * @param forecastError each cell twin's forecast error, z-MSE
 * @param sinrErrorDb each station's radio-map error (RMS SINR error), dB
 * @param ageS age of each station's newest synchronised data, seconds
 * @param sinceSync periods since each station's last successful transfer (FedAsync's staleness)
 * @param period the index of the period about to be decided, from 0
 */
public record SyncState(
    double[] forecastError, double[] sinrErrorDb, double[] ageS, int[] sinceSync, int period) {
  /** Copies the arrays. */
  public SyncState {
    forecastError = forecastError.clone();
    sinrErrorDb = sinrErrorDb.clone();
    ageS = ageS.clone();
    sinceSync = sinceSync.clone();
  }

  /**
   * The number of stations.
   *
   * @return it
   */
  public int stations() {
    return forecastError.length;
  }
}
