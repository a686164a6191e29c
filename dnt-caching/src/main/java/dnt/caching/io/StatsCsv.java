package dnt.caching.io;

import dnt.caching.network.SimulationResult;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Per-station statistics of a replay: {@code station,requests,hits,hit_rate,load}, where requests
 * are the requests the station served (its hits plus the misses it fetched as home station), and
 * load is its share of all requests.
 */
public final class StatsCsv {
  /** The header line. */
  public static final String HEADER = "station,requests,hits,hit_rate,load";

  private StatsCsv() {}

  /**
   * Writes the table.
   *
   * @param result the replay's metrics
   * @param out the destination
   * @throws IOException when writing fails
   */
  public static void write(SimulationResult result, Writer out) throws IOException {
    out.write(HEADER + "\n");
    for (int s = 0; s < result.served().length; s++) {
      out.write(
          String.format(
              Locale.ROOT,
              "%d,%d,%d,%.6f,%.6f\n",
              s,
              result.served()[s],
              result.stationHits()[s],
              result.stationHitRate(s),
              result.requests() == 0 ? 0.0 : (double) result.served()[s] / result.requests()));
    }
  }
}
