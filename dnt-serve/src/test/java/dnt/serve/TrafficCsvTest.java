package dnt.serve;

import static dnt.serve.Fixtures.OPERATOR;
import static dnt.serve.Fixtures.SLOT;
import static dnt.serve.Fixtures.T0;
import static dnt.serve.Fixtures.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.CellId;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traffic CSV equals, byte for byte, what {@code dnt data ingest} + {@code dnt data export}
 * write for the same rows, at both resolutions.
 */
final class TrafficCsvTest {
  /**
   * Rows of two cells over two hours, several country codes a slot, values whose sums are exact in
   * float and double alike (dyadic fractions and small integers), so that the order in which DuckDB
   * and the twin add them cannot matter (cell 3's codes come in no particular order); plus values
   * of few digits (0.1, 1e-05, 1234567.8), whose hourly sums are the doubles the export adds.
   */
  private static List<RawRow> rows() {
    List<RawRow> rows = new ArrayList<>();
    double[] singles = {0.1, 1e-05, 1234567.8, 0.0, 42.0, 3.3};
    for (int s = 0; s < 12; s++) {
      long t = T0 + s * SLOT;
      rows.add(new RawRow(3, t, 39, s * 0.5, 1.25, 0, s, 1024 + s));
      rows.add(new RawRow(3, t, 33, 0.25, 0, 0.125, 0, s * 0.75));
      if (s % 3 != 2) {
        rows.add(new RawRow(3, t, 0, 0, 0, 0, 2, 0.5));
      }
      rows.add(new RawRow(8, t, 39, singles[s % singles.length], 0, 0, 0, 0));
    }
    return rows;
  }

  @Test
  void theCsvEqualsTheStoreExportOfTheSameRows(@TempDir Path dir) throws Exception {
    List<RawRow> rows = rows();
    Path raw = StoreExport.rawFile(dir, "post.txt", rows);
    long from = T0;
    long to = T0 + Duration.ofHours(2).toMillis();
    try (var twin = Fixtures.twin();
        var server = DntServer.start(twin, Fixtures.settings(dir))) {
      Http http = Http.of(server);
      HttpResponse<String> post = http.post("/api/v1/telemetry", OPERATOR, Files.readString(raw));
      assertThat(post.statusCode()).isEqualTo(202);
      record Query(int cell, Resolution res) {}
      for (Query q :
          List.of(
              new Query(3, Resolution.TEN_MINUTES),
              new Query(8, Resolution.TEN_MINUTES),
              new Query(3, Resolution.HOUR),
              new Query(8, Resolution.HOUR))) {
        HttpResponse<String> r =
            http.get(
                "/api/v1/cells/"
                    + q.cell()
                    + "/traffic?from=2013-11-01T00:00&to=2013-11-01T02:00&resolution="
                    + q.res().label(),
                VIEWER);
        Path sub = Files.createDirectory(dir.resolve(q.res().label() + "-" + q.cell()));
        String expected =
            StoreExport.export(sub, rows, List.of(CellId.of(q.cell())), from, to, q.res());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).as("cell %d at %s", q.cell(), q.res()).isEqualTo(expected);
      }
    }
  }
}
