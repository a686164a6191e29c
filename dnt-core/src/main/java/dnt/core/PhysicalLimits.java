package dnt.core;

/**
 * The ranges of the physical quantities a layout, a twin or a what-if change can set. Each range is
 * wide enough for every real deployment and narrow enough to exclude values that no radio can have
 * (which would otherwise give infinite or meaningless SINR and rates):
 *
 * <ul>
 *   <li>transmit power (or EIRP) -30..80 dBm: from 1 microwatt (the weakest indoor femtocell
 *       setting) to 100 kW (the most powerful broadcast transmitters);
 *   <li>antenna gain -10..40 dBi: from a lossy indoor antenna to a large array or dish;
 *   <li>station antenna height 1..300 m: street furniture to the tallest masts (TR 38.901 RMa
 *       stations go up to 150 m);
 *   <li>user antenna height 0.5..300 m: a device near the ground to the top floor of a skyscraper
 *       (TR 38.901 user heights are 1.5..22.5 m);
 *   <li>station capacity 0.001..100,000 Mbit/s and user demand 0..20,000 Mbit/s (the 20 Gbit/s
 *       IMT-2020 peak downlink rate, ITU-R M.2410);
 *   <li>carrier 0.5..100 GHz (the validity range of TR 38.901) and bandwidth 0.18..2,000 MHz (one
 *       NB-IoT carrier to the widest NR FR2-2 channel, TS 38.101-2);
 *   <li>noise figure 0..30 dB;
 *   <li>coordinates of a static layout within 100 km of its origin (the TR 38.901 models are
 *       specified up to 5 km; a twin's positions must lie in its area);
 *   <li>A3 hysteresis 0..30 dB and time-to-trigger 0..5,120 ms (TS 38.331 allows offsets and
 *       hysteresis up to 15 dB each and 5,120 ms);
 *   <li>measurement times from 0 ms on.
 * </ul>
 */
public final class PhysicalLimits {
  /** Transmit power or EIRP, dBm. */
  public static final PhysicalRange TX_POWER_DBM =
      new PhysicalRange("transmit power", "dBm", -30, 80);

  /** Antenna gain, dBi. */
  public static final PhysicalRange ANTENNA_GAIN_DBI =
      new PhysicalRange("antenna gain", "dBi", -10, 40);

  /** Station antenna height, metres. */
  public static final PhysicalRange STATION_HEIGHT_M =
      new PhysicalRange("antenna height", "m", 1, 300);

  /** User antenna height, metres. */
  public static final PhysicalRange USER_HEIGHT_M =
      new PhysicalRange("antenna height", "m", 0.5, 300);

  /** Station capacity, Mbit/s. */
  public static final PhysicalRange CAPACITY_MBPS =
      new PhysicalRange("capacity", "Mbit/s", 0.001, 100_000);

  /** User demand (offered traffic), Mbit/s. */
  public static final PhysicalRange DEMAND_MBPS = new PhysicalRange("demand", "Mbit/s", 0, 20_000);

  /** Carrier frequency, GHz. */
  public static final PhysicalRange CARRIER_GHZ =
      new PhysicalRange("carrier frequency", "GHz", 0.5, 100);

  /** Carrier bandwidth, MHz. */
  public static final PhysicalRange BANDWIDTH_MHZ =
      new PhysicalRange("bandwidth", "MHz", 0.18, 2_000);

  /** Receiver noise figure, dB. */
  public static final PhysicalRange NOISE_FIGURE_DB =
      new PhysicalRange("noise figure", "dB", 0, 30);

  /** A coordinate of a static layout, metres from its origin. */
  public static final PhysicalRange COORDINATE_M =
      new PhysicalRange("coordinate", "m", -100_000, 100_000);

  /** A3 hysteresis (offset), dB. */
  public static final PhysicalRange HYSTERESIS_DB = new PhysicalRange("A3 hysteresis", "dB", 0, 30);

  /** A3 time-to-trigger, milliseconds. */
  public static final PhysicalRange TIME_TO_TRIGGER_MS =
      new PhysicalRange("A3 time-to-trigger", "ms", 0, 5_120);

  /** The time of a measurement, milliseconds. */
  public static final PhysicalRange TIME_MS = new PhysicalRange("measurement time", "ms", 0, 1e14);

  private PhysicalLimits() {}
}
