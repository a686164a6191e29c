import dnt.data.raw.RawRow;
import dnt.live.*;
import java.nio.file.*;
import java.util.*;

public class SqlTrace {
  public static void main(String[] a) throws Exception {
    Path state = Path.of("/tmp/cityday/sqltrace/state");
    JournalSettings j = JournalSettings.embedded(state);
    LiveSettings s = LiveSettings.defaults(state).withJournal(new JournalSettings(j.url() + ";TRACE_LEVEL_FILE=2", j.user(), null));
    try (LiveTwin twin = LiveTwins.start(s)) {
      long t0 = 1383519600000L;
      for (int b = 0; b < 5; b++) {
        List<RawRow> rows = new ArrayList<>();
        for (int c = 1; c <= 50; c++) rows.add(new RawRow(c, t0 + b * 600_000L, 39, 1, 1, 1, 1, 10));
        twin.ingest(rows).toCompletableFuture().join();
      }
      Thread.sleep(4000);
    }
  }
}
