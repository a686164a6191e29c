package dnt.live;

import dnt.data.raw.RawRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM that {@link KillRecoveryTest} kills: ingests batches without end into a twin on the given
 * state folder, each batch {@code b} being {@link #ROWS} rows of cell 1 in slot {@code b} with
 * {@code smsIn = b + 1}, and appends {@code b} to the acknowledgement file once its receipt comes.
 */
final class KillTarget {
  static final int ROWS = 200;

  private KillTarget() {}

  static List<RawRow> batch(int b) {
    List<RawRow> rows = new ArrayList<>(ROWS);
    for (int cc = 0; cc < ROWS; cc++) {
      rows.add(new RawRow(1, b * 600_000L, cc, b + 1, 0, 0, 0, 0));
    }
    return rows;
  }

  public static void main(String[] args) throws IOException {
    Path state = Path.of(args[0]);
    Path acks = Path.of(args[1]);
    try (LiveTwin twin = LiveTwins.start(LiveSettings.defaults(state))) {
      ChildKill.ingestUntilKilled(twin, acks, KillTarget::batch);
    }
  }
}
