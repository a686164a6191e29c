package dnt.core.twin;

import java.util.Arrays;

/**
 * Tallies users and stations into a twin's {@link TwinKpis}, by their definitions: SINR statistics
 * over served users (mean of the dB values, nearest-rank 5th percentile), rate statistics over all
 * users (unserved ones counting 0), coverage holes, users per active station, mean activity factor
 * and overloaded stations. Sums run in the order users and stations are told, so two callers that
 * tell them in the same order get the same doubles. Used by {@code NetworkTwin.kpis()} and by the
 * region-partitioned radio twin, which tallies every region's states.
 */
public final class KpiTally {
  private final double[] sinr;
  private final double[] rates;
  private int users;
  private int served;
  private int holes;
  private double sinrSum;
  private double rateSum;
  private int active;
  private int maxUsers;
  private int overloaded;
  private double activitySum;
  private long usersOnActive;

  /**
   * An empty tally.
   *
   * @param capacity the number of users that will be told
   */
  public KpiTally(int capacity) {
    sinr = new double[capacity];
    rates = new double[capacity];
  }

  /** The next user, unserved: its rate counts 0. */
  public void unserved() {
    users++;
  }

  /**
   * The next user, served.
   *
   * @param sinrDb its SINR, dB
   * @param rateMbps its rate, Mbit/s
   */
  public void served(double sinrDb, double rateMbps) {
    sinr[served++] = sinrDb;
    sinrSum += sinrDb;
    rates[users++] = rateMbps;
    rateSum += rateMbps;
  }

  /**
   * Coverage holes (users unserved or received below the coverage threshold), counted by the
   * caller.
   *
   * @param n how many more
   */
  public void holes(int n) {
    holes += n;
  }

  /**
   * A station on the air (stations off the air are not told).
   *
   * @param activeUsers the users it serves
   * @param activityFactor its activity factor
   * @param overloadedNow whether its load exceeds its capacity
   */
  public void activeStation(int activeUsers, double activityFactor, boolean overloadedNow) {
    active++;
    usersOnActive += activeUsers;
    maxUsers = Math.max(maxUsers, activeUsers);
    activitySum += activityFactor;
    if (overloadedNow) {
      overloaded++;
    }
  }

  /**
   * The KPIs of what was told. Percentiles are nearest-rank.
   *
   * @return the KPIs
   */
  public TwinKpis kpis() {
    double[] servedSinr = Arrays.copyOf(sinr, served);
    Arrays.sort(servedSinr);
    double[] allRates = Arrays.copyOf(rates, users);
    Arrays.sort(allRates);
    return new TwinKpis(
        users,
        served,
        active,
        active == 0 ? 0 : (double) usersOnActive / active,
        maxUsers,
        served == 0 ? Double.NaN : sinrSum / served,
        percentile(servedSinr, 0.05),
        users == 0 ? Double.NaN : rateSum / users,
        percentile(allRates, 0.05),
        holes,
        active == 0 ? 0 : activitySum / active,
        overloaded);
  }

  private static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
