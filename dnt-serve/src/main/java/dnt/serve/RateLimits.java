package dnt.serve;

/**
 * How many requests {@link DntServer} answers per second and caller before it answers 429: a token
 * bucket per caller (Turner, "New directions in communications", IEEE Commun. Mag. 24(10), 1986),
 * refilled at the rate and holding {@value #BURST_SECONDS} seconds' worth, so a burst of twice the
 * rate passes after a quiet spell. A request with a valid bearer token counts against that token
 * (whichever address it comes from); any other request (no token or an unknown one, the dashboard's
 * files, health) counts against the client's address, which bounds token guessing. A rate of 0
 * turns that limit off.
 *
 * @param perToken requests per second per token
 * @param perAddress requests per second per client address, for requests without a valid token
 */
public record RateLimits(double perToken, double perAddress) {
  /** Seconds of requests a bucket holds: the largest burst is this times the rate. */
  public static final double BURST_SECONDS = 2;

  /** The default per token: well above the dashboard's needs and a 4-client batch ingest. */
  public static final double DEFAULT_PER_TOKEN = 200;

  /** The default per address, for requests without a valid token. */
  public static final double DEFAULT_PER_ADDRESS = 20;

  /** The defaults. */
  public static final RateLimits DEFAULT = new RateLimits(DEFAULT_PER_TOKEN, DEFAULT_PER_ADDRESS);

  /** No limit. */
  public static final RateLimits OFF = new RateLimits(0, 0);

  /** Checks the rates. */
  public RateLimits {
    check("perToken", perToken);
    check("perAddress", perAddress);
  }

  private static void check(String name, double rate) {
    if (!Double.isFinite(rate) || rate < 0) {
      throw new IllegalArgumentException(
          name + " must be a finite number of requests per second, 0 or more; got " + rate);
    }
  }

  /**
   * The largest burst at a rate.
   *
   * @param rate requests per second, positive
   * @return {@code max(1, BURST_SECONDS x rate)} requests
   */
  static double burst(double rate) {
    return Math.max(1, BURST_SECONDS * rate);
  }
}
