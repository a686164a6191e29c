package dnt.learn.fl.cost;

import dnt.core.InvalidSettingException;

/**
 * What the methods of the forecasting study exchange, as counts: everything {@link AnalyticCost}
 * needs besides the network.
 *
 * @param stations n, the stations (at least 1)
 * @param modelBytes bytes of one model download (4 d for d float32 parameters)
 * @param updateBytes bytes of one client update upload (what its codec sends; 4 d without codec)
 * @param rounds R, synchronous rounds of the V-twin
 * @param clientsPerRound m, stations sampled per round (1 to n)
 * @param clusters k, cluster twins (heads) of the clustered methods
 * @param historyDays days of raw history uploaded to build the centralized model
 * @param days D, days of the ongoing phase (the study's test week: 7)
 * @param updatesPerDay f, how often per day the evolving methods update (the study: 1)
 * @param rawBytesPerDay V, raw-data bytes one station produces per day
 */
public record Workload(
    int stations,
    double modelBytes,
    double updateBytes,
    int rounds,
    int clientsPerRound,
    int clusters,
    double historyDays,
    double days,
    double updatesPerDay,
    double rawBytesPerDay) {
  /** Checks the counts. */
  public Workload {
    if (stations < 1) {
      throw new InvalidSettingException("stations", "need at least one station, got " + stations);
    }
    nonNegative("modelBytes", modelBytes);
    nonNegative("updateBytes", updateBytes);
    nonNegative("historyDays", historyDays);
    nonNegative("days", days);
    nonNegative("rawBytesPerDay", rawBytesPerDay);
    if (rounds < 0) {
      throw new InvalidSettingException("rounds", "rounds must be at least 0, got " + rounds);
    }
    if (clientsPerRound < 1 || clientsPerRound > stations) {
      throw new InvalidSettingException(
          "clientsPerRound",
          "clients per round must be 1 to " + stations + ", got " + clientsPerRound);
    }
    if (clusters < 1 || clusters > stations) {
      throw new InvalidSettingException(
          "clusters", "clusters must be 1 to " + stations + ", got " + clusters);
    }
    if (!(updatesPerDay > 0) || Double.isInfinite(updatesPerDay)) {
      throw new InvalidSettingException(
          "updatesPerDay", "updatesPerDay must be positive and finite, got " + updatesPerDay);
    }
  }

  private static void nonNegative(String key, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new InvalidSettingException(key, key + " must be finite and at least 0, got " + v);
    }
  }

  /**
   * This workload with another raw-data volume.
   *
   * @param bytesPerDay V
   * @return the changed workload
   */
  public Workload withRawBytesPerDay(double bytesPerDay) {
    return new Workload(
        stations,
        modelBytes,
        updateBytes,
        rounds,
        clientsPerRound,
        clusters,
        historyDays,
        days,
        updatesPerDay,
        bytesPerDay);
  }

  /**
   * This workload with another update frequency.
   *
   * @param perDay f
   * @return the changed workload
   */
  public Workload withUpdatesPerDay(double perDay) {
    return new Workload(
        stations,
        modelBytes,
        updateBytes,
        rounds,
        clientsPerRound,
        clusters,
        historyDays,
        days,
        perDay,
        rawBytesPerDay);
  }

  /**
   * Updates in the ongoing phase: D f.
   *
   * @return the count (fractional for fractional frequencies)
   */
  public double updates() {
    return days * updatesPerDay;
  }
}
