package dnt.data.milan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled 25-cell subset loads with its inferred cells, start and values. */
final class MilanSubsetTest {
  @Test
  void theSubsetHas25CellsOf30DaysOfInternetFromNovemberFirst() {
    TrafficDataset d = MilanSubset.load();
    assertThat(d.cellCount()).isEqualTo(25);
    assertThat(d.length()).isEqualTo(4320);
    assertThat(d.services()).containsExactly(Service.INTERNET);
    assertThat(d.slot()).isEqualTo(Duration.ofMinutes(10));
    assertThat(d.startMillis())
        .isEqualTo(
            ZonedDateTime.of(2013, 11, 1, 0, 0, 0, 0, ZoneId.of("Europe/Rome"))
                .toInstant()
                .toEpochMilli());
    // First row, first and second column of the file, held as float32: half an ulp of a value in
    // [64, 128) is 2^-18 = 3.8e-6
    double halfUlp = Math.ulp(100f) / 2.0;
    assertThat(d.value(0, 0, Service.INTERNET))
        .isCloseTo(107.03727520712417, org.assertj.core.data.Offset.offset(halfUlp));
    assertThat(d.value(1, 0, Service.INTERNET))
        .isCloseTo(112.27861587302141, org.assertj.core.data.Offset.offset(halfUlp));
  }

  @Test
  void cellsFollowTheInferredColumnMajorBlock() {
    List<CellId> cells = MilanSubset.cells();
    assertThat(cells.subList(0, 6))
        .extracting(CellId::value)
        .containsExactly(5941, 5841, 5741, 5641, 5541, 5942);
    assertThat(cells.get(24).value()).isEqualTo(5545);
    assertThat(cells).doesNotHaveDuplicates();
  }

  @Test
  void adjacencyIsSymmetricAndLinksOnlyGridNeighboursOfTheInferredCells() {
    double[][] a = MilanSubset.adjacency();
    List<CellId> cells = MilanSubset.cells();
    int links = 0;
    for (int i = 0; i < 25; i++) {
      assertThat(a[i][i]).isZero();
      for (int j = 0; j < 25; j++) {
        assertThat(a[i][j]).isEqualTo(a[j][i]);
        if (a[i][j] > 0) {
          links++;
          CellId x = cells.get(i);
          CellId y = cells.get(j);
          int manhattan =
              Math.abs(x.rowFromSouth() - y.rowFromSouth())
                  + Math.abs(x.columnFromWest() - y.columnFromWest());
          assertThat(manhattan).as("cells %s and %s", x, y).isEqualTo(1);
        }
      }
    }
    // The file keeps 28 of the 40 edges of the 5 x 5 rook grid (weak links are thresholded away).
    assertThat(links).isEqualTo(2 * 28);
  }

  @Test
  void aMalformedFileIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectories(dir.resolve("dgrn-subset"));
    Files.writeString(sub.resolve("milan_grid_data.csv"), "1,2,3\n");
    assertThatThrownBy(() -> MilanSubset.load(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("milan_grid_data.csv:1")
        .hasMessageContaining("expected 25 values");
  }
}
