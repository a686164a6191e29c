package dnt.caching.network;

/** Load-balance indices over the stations' loads. */
public final class LoadStats {
  private LoadStats() {}

  /**
   * The largest load over the mean load.
   *
   * @param loads per-station loads
   * @return max/mean; 1 when all loads are zero
   */
  public static double maxOverMean(long[] loads) {
    long max = 0;
    long sum = 0;
    for (long l : loads) {
      max = Math.max(max, l);
      sum += l;
    }
    return sum == 0 ? 1 : max * (double) loads.length / sum;
  }

  /**
   * Jain's fairness index (R. Jain, D. Chiu, W. Hawe, DEC-TR-301, 1984): (ΣL)² / (B·ΣL²).
   *
   * @param loads per-station loads
   * @return J in [1/B, 1]; 1 when all loads are zero
   */
  public static double jain(long[] loads) {
    double sum = 0;
    double squares = 0;
    for (long l : loads) {
      sum += l;
      squares += (double) l * l;
    }
    return squares == 0 ? 1 : sum * sum / (loads.length * squares);
  }
}
