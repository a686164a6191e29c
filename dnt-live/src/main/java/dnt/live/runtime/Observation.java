package dnt.live.runtime;

/**
 * One telemetry row as a cell twin keeps it: the activity of one country code in one 10-minute
 * slot. The key is ({@link #slot}, {@link #countryCode}); the cell is the entity's.
 *
 * @param slot the slot number, epoch milliseconds UTC divided by {@link #SLOT_MILLIS}
 * @param countryCode the country code, non-negative
 * @param smsIn incoming SMS activity
 * @param smsOut outgoing SMS activity
 * @param callIn incoming call activity
 * @param callOut outgoing call activity
 * @param internet internet activity
 */
public record Observation(
    long slot,
    int countryCode,
    double smsIn,
    double smsOut,
    double callIn,
    double callOut,
    double internet) {

  /** Length of a Milan slot in milliseconds. */
  public static final long SLOT_MILLIS = 600_000L;

  /** Number of services, in the order of {@code dnt.data.Service}. */
  public static final int SERVICES = 5;

  /**
   * The value of service {@code s} in the order of {@code dnt.data.Service}.
   *
   * @param s 0..4
   * @return the activity
   */
  public double value(int s) {
    return switch (s) {
      case 0 -> smsIn;
      case 1 -> smsOut;
      case 2 -> callIn;
      case 3 -> callOut;
      case 4 -> internet;
      default -> throw new IndexOutOfBoundsException("service " + s);
    };
  }

  /**
   * The key of the row within its cell: slot in the high 32 bits, country code in the low.
   *
   * @return the key; keys order by slot first
   */
  public long key() {
    return key(slot, countryCode);
  }

  /**
   * The key of (slot, country code).
   *
   * @param slot the slot number, below 2^31
   * @param countryCode the country code, non-negative
   * @return the key
   */
  public static long key(long slot, int countryCode) {
    return (slot << 32) | (countryCode & 0xffff_ffffL);
  }
}
