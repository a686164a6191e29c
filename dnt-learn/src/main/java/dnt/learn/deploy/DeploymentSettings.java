package dnt.learn.deploy;

import dnt.core.InvalidInputException;

/**
 * The parameters of the deployment environment ({@link DeploymentEnv}). The paper (Sec. III-B2)
 * names the decisions and the objective but gives no numbers; every value here is a modelling
 * choice of this project, stated in {@link DeploymentEnv} and {@code docs/deployment.md}.
 *
 * @param periodS length of a synchronisation period, seconds
 * @param deadlineS how long after the start of its period a transfer must arrive to be of use,
 *     seconds, at most the period (a transfer not finished by then is abandoned)
 * @param horizon periods in an episode, at least 1
 * @param uplinkBandwidthHz the uplink band shared by all stations' synchronisation transfers, Hz
 * @param minPowerDbm the lowest transmit power a station may choose, dBm
 * @param maxPowerDbm the highest transmit power a station may choose (its power limit), dBm
 * @param hostHeightM antenna height of the twin's host (the edge server's receiver), metres
 * @param environmentBytes bytes of environment data in a vertical transfer (the scene around the
 *     station, its configuration)
 * @param rawBytesPerUser bytes of raw traffic data per served user in a vertical transfer
 * @param updateBytes bytes of a model update in a horizontal transfer
 * @param computeS seconds a station spends training before a horizontal transfer
 * @param computeJ joules that training costs
 * @param verticalForecastError forecast error (z-MSE) of a cell twin rebuilt from fresh raw data
 * @param horizontalForecastError forecast error a model update moves the cell twin towards
 * @param mixing the asynchronous-FL mixing weight of a fresh update, in (0, 1]
 * @param stalenessExponent exponent a of FedAsync's polynomial staleness weight (1 + tau)^-a, >= 0
 * @param forecastDrift growth of the forecast error per period at an average station's load
 * @param verticalSinrErrorDb RMS SINR error of a radio map rebuilt from fresh environment data, dB
 * @param sinrDriftDb growth of the SINR error per period without environment data, dB
 * @param initialForecastError every station's forecast error at the start of an episode
 * @param initialSinrErrorDb every station's SINR error at the start, dB
 */
public record DeploymentSettings(
    double periodS,
    double deadlineS,
    int horizon,
    double uplinkBandwidthHz,
    double minPowerDbm,
    double maxPowerDbm,
    double hostHeightM,
    double environmentBytes,
    double rawBytesPerUser,
    double updateBytes,
    double computeS,
    double computeJ,
    double verticalForecastError,
    double horizontalForecastError,
    double mixing,
    double stalenessExponent,
    double forecastDrift,
    double verticalSinrErrorDb,
    double sinrDriftDb,
    double initialForecastError,
    double initialSinrErrorDb) {
  /** Checks the values. */
  public DeploymentSettings {
    positive("periodS", periodS);
    positive("deadlineS", deadlineS);
    if (deadlineS > periodS) {
      throw new InvalidInputException(
          "deadlineS must be at most the period, got " + deadlineS + " > " + periodS);
    }
    if (horizon < 1) {
      throw new InvalidInputException("horizon must be at least 1, got " + horizon);
    }
    positive("uplinkBandwidthHz", uplinkBandwidthHz);
    if (!(minPowerDbm <= maxPowerDbm) || Double.isInfinite(minPowerDbm + maxPowerDbm)) {
      throw new InvalidInputException(
          "minPowerDbm must be at most maxPowerDbm, got " + minPowerDbm + " and " + maxPowerDbm);
    }
    positive("hostHeightM", hostHeightM);
    nonNegative("environmentBytes", environmentBytes);
    nonNegative("rawBytesPerUser", rawBytesPerUser);
    nonNegative("updateBytes", updateBytes);
    nonNegative("computeS", computeS);
    nonNegative("computeJ", computeJ);
    nonNegative("verticalForecastError", verticalForecastError);
    nonNegative("horizontalForecastError", horizontalForecastError);
    if (!(mixing > 0 && mixing <= 1)) {
      throw new InvalidInputException("mixing must be in (0, 1], got " + mixing);
    }
    nonNegative("stalenessExponent", stalenessExponent);
    nonNegative("forecastDrift", forecastDrift);
    nonNegative("verticalSinrErrorDb", verticalSinrErrorDb);
    nonNegative("sinrDriftDb", sinrDriftDb);
    nonNegative("initialForecastError", initialForecastError);
    nonNegative("initialSinrErrorDb", initialSinrErrorDb);
    if (computeS >= deadlineS) {
      throw new InvalidInputException(
          "computeS must be shorter than the deadline, got " + computeS + " >= " + deadlineS);
    }
  }

  /**
   * The defaults: 10-minute periods (a Milan slot) over two hours with a one-minute deadline, a 10
   * MHz uplink band, 0 to 23 dBm, a host antenna at 25 m; a vertical transfer of 50 kB of
   * environment data plus 1 kB per user, a horizontal one of a 20 kB update after 20 s and 2 J of
   * training; fresh raw data brings the forecast error to 0.1 and the SINR error to 1 dB, an update
   * pulls the error towards 0.2 with FedAsync's weight 0.6 (1 + tau)^-0.5; errors grow by 0.08 and
   * 0.5 dB a period.
   *
   * @return the defaults
   */
  public static DeploymentSettings defaults() {
    return new DeploymentSettings(
        600, 60, 12, 10e6, 0, 23, 25, 50_000, 1_000, 20_000, 20, 2, 0.1, 0.2, 0.6, 0.5, 0.08, 1.0,
        0.5, 0.5, 4.0);
  }

  /**
   * These settings with another horizon.
   *
   * @param count the number of periods
   * @return the changed settings
   */
  public DeploymentSettings withHorizon(int count) {
    return new DeploymentSettings(
        periodS,
        deadlineS,
        count,
        uplinkBandwidthHz,
        minPowerDbm,
        maxPowerDbm,
        hostHeightM,
        environmentBytes,
        rawBytesPerUser,
        updateBytes,
        computeS,
        computeJ,
        verticalForecastError,
        horizontalForecastError,
        mixing,
        stalenessExponent,
        forecastDrift,
        verticalSinrErrorDb,
        sinrDriftDb,
        initialForecastError,
        initialSinrErrorDb);
  }

  public DeploymentSettings withUplinkBandwidthHz(double hz) {
    return new DeploymentSettings(
        periodS,
        deadlineS,
        horizon,
        hz,
        minPowerDbm,
        maxPowerDbm,
        hostHeightM,
        environmentBytes,
        rawBytesPerUser,
        updateBytes,
        computeS,
        computeJ,
        verticalForecastError,
        horizontalForecastError,
        mixing,
        stalenessExponent,
        forecastDrift,
        verticalSinrErrorDb,
        sinrDriftDb,
        initialForecastError,
        initialSinrErrorDb);
  }

  private static void positive(String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new InvalidInputException(key + " must be positive, got " + v);
    }
  }

  private static void nonNegative(String key, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new InvalidInputException(key + " must be non-negative, got " + v);
    }
  }
}
