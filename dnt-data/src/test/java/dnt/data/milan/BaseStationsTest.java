package dnt.data.milan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.BaseStationId;
import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.geo.LocalProjection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stations are placed on the grid's plane, and every cell is served by exactly one of them. */
final class BaseStationsTest {
  private static MilanGrid grid;

  @BeforeAll
  static void load() {
    grid = MilanGrid.load();
  }

  @Test
  void bothLayersLoadWithTheirDistinctStationCounts() {
    // 5,840 and 8,300 rows, of which 28 and 20 repeat an id as a single-technology row.
    assertThat(BaseStations.load(RadioLayer.LTE, grid).size()).isEqualTo(5_812);
    assertThat(BaseStations.load(RadioLayer.LTE_UMTS, grid).size()).isEqualTo(8_280);
  }

  @Test
  void aRepeatedIdKeepsTheAggregatedRow() {
    BaseStations.Station s = BaseStations.load(RadioLayer.LTE, grid).station(BaseStationId.of(67));
    assertThat(s.type()).isEqualTo("AGGREGATED");
    assertThat(s.baseStationCount()).isEqualTo(2);
  }

  @Test
  void everyCellHasOneServingStationAndServedCellsPartitionTheGrid() {
    BaseStations bs = BaseStations.load(RadioLayer.LTE_UMTS, grid);
    int total = 0;
    for (BaseStations.Station s : bs.stations()) {
      for (CellId c : bs.servedCells(s.id())) {
        assertThat(bs.servingStation(c)).isEqualTo(s);
        total++;
      }
    }
    assertThat(total).isEqualTo(10_000);
  }

  @Test
  void aStationLiesNearTheCellsItServes() {
    BaseStations bs = BaseStations.load(RadioLayer.LTE, grid);
    BaseStations.Station s = bs.servingStation(CellId.of(1));
    // The file's first row: cell 1 is served by station 1 at 0.47 km.
    assertThat(s.id().value()).isEqualTo(1);
    // The file measures to its own reference point of the square (469.5 m); from the mean of the
    // corners it is 483 m. +-70 m (0.3 of a square) allows for that, while a station of a
    // neighbouring square would be ~235 m off.
    assertThat(s.position().distanceTo(grid.centroid(CellId.of(1)))).isBetween(400.0, 540.0);
  }

  @Test
  void aMalformedRowIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("aggregated_bs_data-LTE.csv"),
        "aggregated_bs_id,type,n_base_stations,lng,lat\n1,LTE,1,9.0,45.4\n2,LTE,x,9.0,45.4\n");
    Files.writeString(
        dir.resolve("cell_base_stations_aggregated-LTE.csv"), "cellId,aggregated_bs_id\n");
    assertThatThrownBy(() -> BaseStations.load(dir, RadioLayer.LTE, new LocalProjection(9, 45)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("aggregated_bs_data-LTE.csv:3")
        .hasMessageContaining("n_base_stations");
  }

  @Test
  void aCellMappedToAnUnknownStationIsRejected(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("aggregated_bs_data-LTE.csv"),
        "aggregated_bs_id,type,n_base_stations,lng,lat\n1,LTE,1,9.0,45.4\n");
    Files.writeString(
        dir.resolve("cell_base_stations_aggregated-LTE.csv"), "cellId,aggregated_bs_id\n5,7\n");
    assertThatThrownBy(() -> BaseStations.load(dir, RadioLayer.LTE, new LocalProjection(9, 45)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cell_base_stations_aggregated-LTE.csv:2")
        .hasMessageContaining("station 7");
  }
}
