package dnt.learn.fl.cost;

import dnt.core.InvalidSettingException;

/**
 * Named ways of counting the raw data one station uploads per day to a centralized twin, in bytes.
 * Each preset is a product of counts; where a count comes from is said beside it (a source, or an
 * assumption).
 *
 * <ul>
 *   <li>{@link #counters}: the Milan dataset's aggregated counters, as the study trains on them:
 *       per grid cell and 10-minute slot (144 slots a day) 5 activity values (SMS in, SMS out, call
 *       in, call out, internet), Barlacchi et al. 2015, "A multi-source dataset of urban life in
 *       the city of Milan and the Province of Trentino", Scientific Data 2:150055. Stored as
 *       float32 (4 bytes): 5 x 144 x 4 = 2,880 bytes a day.
 *   <li>{@link #cdr}: call detail records: events a day x bytes a record.
 *   <li>{@link #reports}: per-user measurement reports (RRC measurement reports, MDT): active users
 *       x reports a slot x slots a day x bytes a report.
 * </ul>
 */
public final class RawVolume {
  private RawVolume() {}

  /**
   * Aggregated counters: values per slot x slots per day x bytes per value.
   *
   * @param valuesPerSlot values per slot (Milan: 5)
   * @param slotsPerDay slots per day (Milan: 144 ten-minute slots)
   * @param bytesPerValue bytes per value (float32: 4)
   * @return bytes a station-day
   */
  public static double counters(int valuesPerSlot, int slotsPerDay, int bytesPerValue) {
    atLeastOne("valuesPerSlot", valuesPerSlot);
    atLeastOne("slotsPerDay", slotsPerDay);
    atLeastOne("bytesPerValue", bytesPerValue);
    return (double) valuesPerSlot * slotsPerDay * bytesPerValue;
  }

  /**
   * Call detail records: events per day x bytes per record.
   *
   * @param eventsPerDay events a station records per day
   * @param bytesPerRecord bytes per record
   * @return bytes a station-day
   */
  public static double cdr(double eventsPerDay, int bytesPerRecord) {
    positive("eventsPerDay", eventsPerDay);
    atLeastOne("bytesPerRecord", bytesPerRecord);
    return eventsPerDay * bytesPerRecord;
  }

  /**
   * Measurement reports: active users x reports per slot x slots per day x bytes per report.
   *
   * @param activeUsers users active at a station at a time, on average
   * @param reportsPerSlot reports one active user sends per slot
   * @param slotsPerDay slots per day
   * @param bytesPerReport bytes per report
   * @return bytes a station-day
   */
  public static double reports(
      double activeUsers, double reportsPerSlot, int slotsPerDay, int bytesPerReport) {
    positive("activeUsers", activeUsers);
    positive("reportsPerSlot", reportsPerSlot);
    atLeastOne("slotsPerDay", slotsPerDay);
    atLeastOne("bytesPerReport", bytesPerReport);
    return activeUsers * reportsPerSlot * slotsPerDay * bytesPerReport;
  }

  private static void atLeastOne(String key, int v) {
    if (v < 1) {
      throw new InvalidSettingException(key, key + " must be at least 1, got " + v);
    }
  }

  private static void positive(String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new InvalidSettingException(key, key + " must be positive and finite, got " + v);
    }
  }
}
