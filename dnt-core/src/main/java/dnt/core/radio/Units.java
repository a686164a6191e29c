package dnt.core.radio;

/** Conversions between decibel and linear power units. */
public final class Units {
  private Units() {}

  /**
   * dBm to milliwatts.
   *
   * @param dbm power in dBm
   * @return power in mW
   */
  public static double dbmToMw(double dbm) {
    return Math.pow(10, dbm / 10);
  }

  /**
   * Milliwatts to dBm.
   *
   * @param mw power in mW
   * @return power in dBm ({@code -Infinity} for zero)
   */
  public static double mwToDbm(double mw) {
    return 10 * Math.log10(mw);
  }

  /**
   * A linear ratio in dB.
   *
   * @param ratio the ratio
   * @return {@code 10 log10(ratio)}
   */
  public static double toDb(double ratio) {
    return 10 * Math.log10(ratio);
  }

  /**
   * A dB value as a linear ratio.
   *
   * @param db the value in dB
   * @return {@code 10^(db/10)}
   */
  public static double fromDb(double db) {
    return Math.pow(10, db / 10);
  }
}
