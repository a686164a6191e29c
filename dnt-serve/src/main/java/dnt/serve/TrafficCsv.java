package dnt.serve;

import dnt.data.Service;
import dnt.data.TrafficDataset;

/**
 * A twin's traffic as the CSV of {@code dnt data export}: the header {@value #HEADER}, one row per
 * cell and step, the time as the step's start in epoch ms UTC, the five services printed as DuckDB
 * prints doubles ({@link ExportNumbers}). A dataset holds floats; a float is printed as the decimal
 * {@link Float#toString(float)} gives for it (so {@code 0.1} comes back as {@code 0.1}, not as the
 * float's exact binary value {@code 0.10000000149011612}).
 */
final class TrafficCsv {
  /** The header of {@code dnt data export}. */
  static final String HEADER = "cell,time,smsin,smsout,callin,callout,internet";

  private TrafficCsv() {}

  /**
   * Writes a dataset.
   *
   * @param d the dataset, cells in order
   * @return the CSV text, lines ending with {@code \n}
   */
  static String write(TrafficDataset d) {
    StringBuilder b = new StringBuilder(64 + d.cellCount() * d.length() * 48);
    b.append(HEADER).append('\n');
    for (int c = 0; c < d.cellCount(); c++) {
      int cell = d.cells().get(c).value();
      for (int t = 0; t < d.length(); t++) {
        b.append(cell).append(',').append(d.timeOf(t));
        for (Service s : Service.values()) {
          double v = d.has(s) ? d.value(c, t, s) : 0;
          b.append(',').append(ExportNumbers.format(asDecimal(v)));
        }
        b.append('\n');
      }
    }
    return b.toString();
  }

  /** The decimal a float-held value stands for. */
  private static double asDecimal(double floatValue) {
    return Double.parseDouble(Float.toString((float) floatValue));
  }
}
