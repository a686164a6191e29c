package dnt.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An export reads back into the dataset it was written from. */
final class ExportCsvTest {
  @Test
  void anExportRoundTripsThroughTheReader(@TempDir Path dir) throws Exception {
    long t0 = 1_383_260_400_000L;
    Path raw =
        Files.writeString(
            dir.resolve("d.txt"),
            "3\t" + t0 + "\t39\t1\t2\t3\t4\t5\n4\t" + (t0 + 600_000) + "\t39\t\t\t\t\t7\n");
    Path csv = dir.resolve("e.csv");
    TrafficDataset fromStore;
    try (TrafficStore store = TrafficStore.create(dir.resolve("s.duckdb"))) {
      store.ingest(java.util.List.of(raw), IngestOptions.defaults());
      store.export(Selection.all(), csv, false);
      fromStore = store.load(Selection.all());
    }
    TrafficDataset back = ExportCsv.read(csv);
    assertThat(back.cells()).containsExactly(CellId.of(3), CellId.of(4));
    assertThat(back.slot()).isEqualTo(Duration.ofMinutes(10));
    assertThat(back.startMillis()).isEqualTo(t0);
    for (Service s : Service.values()) {
      for (int c = 0; c < 2; c++) {
        assertThat(back.series(c, s)).containsExactly(fromStore.series(c, s));
      }
    }
    assertThat(back.value(1, 1, Service.INTERNET)).isEqualTo(7);
  }

  @Test
  void aWrongHeaderOrRaggedCellsAreRejected(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("a.csv"), "cell,time,internet\n1,0,1\n");
    assertThatThrownBy(() -> ExportCsv.read(bad))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a.csv:1: the header must be exactly");
    Path ragged =
        Files.writeString(
            dir.resolve("b.csv"),
            ExportCsv.HEADER + "\n1,0,0,0,0,0,1\n1,600000,0,0,0,0,1\n2,0,0,0,0,0,1\n");
    assertThatThrownBy(() -> ExportCsv.read(ragged))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("a cell has 1 rows, the first has 2");
  }
}
