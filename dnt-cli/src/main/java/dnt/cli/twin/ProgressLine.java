package dnt.cli.twin;

import dnt.core.util.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Prints a long step's progress on stderr: the first report of each step, then at most one line a
 * second, and the report that completes the step. Counts are what the step has finished, from its
 * first block of work up to the total.
 */
final class ProgressLine implements Progress {
  private static final long INTERVAL_NANOS = 1_000_000_000L;

  private final PrintWriter err;
  private final String unit;
  private @Nullable String lastMessage;
  private long lastPrint;

  ProgressLine(PrintWriter err, String unit) {
    this.err = err;
    this.unit = unit;
  }

  @Override
  public void update(long done, long total, String message) {
    long now = System.nanoTime();
    boolean newStep = !message.equals(lastMessage);
    if (!newStep && done != total && now - lastPrint < INTERVAL_NANOS) {
      return;
    }
    lastMessage = message;
    lastPrint = now;
    if (total > 0) {
      err.printf(
          Locale.ROOT,
          "dnt: %s: %,d of %,d %s (%d%%)%n",
          message,
          done,
          total,
          unit,
          Math.round(100.0 * done / total));
    } else {
      err.printf(Locale.ROOT, "dnt: %s: %,d %s%n", message, done, unit);
    }
    err.flush();
  }
}
