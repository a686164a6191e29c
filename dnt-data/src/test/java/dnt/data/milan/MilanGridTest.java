package dnt.data.milan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.geo.Position;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grid's geometry agrees with the Telecom Italia numbering (1 = south-west, rows of 100). */
final class MilanGridTest {
  private static MilanGrid grid;

  @BeforeAll
  static void load() {
    grid = MilanGrid.load();
  }

  @Test
  void theGridHas10000SquaresOfAbout235Metres() {
    assertThat(grid.size()).isEqualTo(10_000);
    // the projection's origin is the smallest longitude and latitude, which project to exactly 0
    assertThat(grid.bounds().minX()).isCloseTo(0, within(1e-6));
    assertThat(grid.bounds().minY()).isCloseTo(0, within(1e-6));
    // 100 squares of ~235 m: the city is about 23.5 km on a side (23.53 x 23.57 km measured). These
    // are plausibility windows, not rounding bounds: a projection without cos(latitude) would
    // stretch x by 1.42, a wrong unit by 1000.
    assertThat(grid.bounds().width()).isBetween(23_000.0, 24_500.0);
    assertThat(grid.bounds().height()).isBetween(23_000.0, 24_500.0);
    Position a = grid.centroid(CellId.of(1));
    Position b = grid.centroid(CellId.of(2));
    assertThat(a.distanceTo(b)).isBetween(225.0, 245.0);
  }

  @Test
  void idsGrowEastwardAndTheNextRowLiesNorth() {
    Position c1 = grid.centroid(CellId.of(1));
    assertThat(grid.centroid(CellId.of(2)).x()).isGreaterThan(c1.x());
    assertThat(grid.centroid(CellId.of(101)).y()).isGreaterThan(c1.y());
    assertThat(grid.row(CellId.of(5941))).isEqualTo(59);
    assertThat(grid.column(CellId.of(5941))).isEqualTo(40);
    assertThat(grid.cellAt(59, 40)).isEqualTo(CellId.of(5941));
    assertThat(grid.polygon(CellId.of(1))).hasSize(5);
  }

  @Test
  void neighboursShareAnEdgeOrACorner() {
    assertThat(grid.neighbours(CellId.of(1))).containsExactly(CellId.of(2), CellId.of(101));
    assertThat(grid.neighbours(CellId.of(5555)))
        .containsExactly(CellId.of(5455), CellId.of(5554), CellId.of(5556), CellId.of(5655));
    assertThat(grid.neighbours(CellId.of(5555), true)).hasSize(8);
    assertThat(grid.neighbours(CellId.of(10_000), true)).hasSize(3);
  }

  @Test
  void nearestCellInvertsTheCentroidEverywhere() {
    for (int id = 1; id <= CellId.MAX; id += 37) {
      CellId cell = CellId.of(id);
      assertThat(grid.nearestCell(grid.centroid(cell))).isEqualTo(cell);
    }
    assertThat(grid.nearestCell(new Position(-5_000, -5_000))).isEqualTo(CellId.of(1));
  }

  @Test
  void theBundledGridIsParsedOnceAndShared() {
    assertThat(MilanGrid.load()).isSameAs(grid);
  }

  @Test
  void aFileWithoutFeaturesIsRejected(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("g.geojson"), "{\"type\": \"FeatureCollection\"}");
    assertThatThrownBy(() -> MilanGrid.load(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("FeatureCollection");
  }
}
