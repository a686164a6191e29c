package dnt.live;

import dnt.data.raw.RawRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM that {@link RadioRecoveryTest} kills: a twin with the radio twin on (regions of the given
 * tile, 0 for the single radio twin) ingests batches without end, batch {@code b} holding slot
 * {@code b} of each of the radio twin's busiest cells ({@link #activity}), and appends {@code b} to
 * the acknowledgement file once its receipt comes.
 */
final class RadioKillTarget {
  /** Country codes of each cell's rows in a slot. */
  static final int[] CODES = {0, 39};

  private RadioKillTarget() {}

  /**
   * The internet activity of the {@code k}-th cell's row in slot {@code b} for a country code: an
   * integer, so that sums of them are exact in double whatever their order.
   */
  static double activity(int k, int b, int code) {
    return 100.0 * (k + 1) + b + code;
  }

  static List<RawRow> batch(List<Integer> cells, int b) {
    List<RawRow> rows = new ArrayList<>();
    for (int k = 0; k < cells.size(); k++) {
      for (int code : CODES) {
        rows.add(new RawRow(cells.get(k), b * 600_000L, code, 0, 0, 0, 0, activity(k, b, code)));
      }
    }
    return rows;
  }

  public static void main(String[] args) throws IOException {
    Path state = Path.of(args[0]);
    Path acks = Path.of(args[1]);
    double tileM = Double.parseDouble(args[2]);
    try (LiveTwin twin = LiveTwins.start(RadioRecoveryTest.settings(state, tileM))) {
      List<Integer> cells =
          RadioRecoveryTest.busiest(
              RadioRecoveryTest.usersByCell(twin.radioTwin().toCompletableFuture().join()));
      ChildKill.ingestUntilKilled(twin, acks, b -> batch(cells, b));
    }
  }
}
