package dnt.serve;

import dnt.data.Service;
import dnt.live.CellTraffic;

/**
 * A twin's traffic as the CSV of {@code dnt data export}: the header {@value #HEADER}, one row per
 * step, the time as the step's start in epoch ms UTC, the five services printed as DuckDB prints
 * doubles ({@link ExportNumbers}). The twin's doubles are printed as they are, never rounded
 * through a float, so the same rows give the export's bytes (see {@link CellTraffic} for the order
 * of the sums).
 */
final class TrafficCsv {
  /** The header of {@code dnt data export}. */
  static final String HEADER = "cell,time,smsin,smsout,callin,callout,internet";

  private TrafficCsv() {}

  /**
   * Writes a cell's traffic.
   *
   * @param d the traffic
   * @return the CSV text, lines ending with {@code \n}
   */
  static String write(CellTraffic d) {
    StringBuilder b = new StringBuilder(64 + d.length() * 96);
    b.append(HEADER).append('\n');
    int cell = d.cell().value();
    for (int t = 0; t < d.length(); t++) {
      b.append(cell).append(',').append(d.timeOf(t));
      for (Service s : Service.values()) {
        b.append(',').append(ExportNumbers.format(d.value(t, s)));
      }
      b.append('\n');
    }
    return b.toString();
  }
}
