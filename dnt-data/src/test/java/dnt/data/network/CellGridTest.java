package dnt.data.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.geo.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a user's cell grid: ids, rings, containment, and every refusal naming its feature. */
final class CellGridTest {
  @TempDir Path dir;

  private static String square(String idField, double w, double s, double size) {
    return "{\"type\":\"Feature\","
        + idField
        + ",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
        + pt(w, s)
        + ","
        + pt(w + size, s)
        + ","
        + pt(w + size, s + size)
        + ","
        + pt(w, s + size)
        + ","
        + pt(w, s)
        + "]]}}";
  }

  private static String pt(double lon, double lat) {
    return "[" + lon + "," + lat + "]";
  }

  private Path file(String... features) throws IOException {
    Path f = dir.resolve("grid.geojson");
    Files.writeString(
        f, "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}");
    return f;
  }

  @Test
  void readsIdsFromCellIdOrTheFeatureIdAndFindsTheCellOfAPoint() throws IOException {
    Path f =
        file(
            square("\"properties\":{\"cellId\":7}", 9.00, 45.00, 0.01),
            square("\"id\":3,\"properties\":{}", 9.01, 45.00, 0.01));
    CellGrid g = CellGrid.read(f);
    assertThat(g.ids()).containsExactly(CellId.of(3), CellId.of(7));
    // the origin is the south-west corner: (9.00, 45.00); cell 7 is west of cell 3
    Position inWest = g.projection().project(9.005, 45.005);
    Position inEast = g.projection().project(9.015, 45.005);
    assertThat(g.containing(inWest)).isEqualTo(CellId.of(7));
    assertThat(g.containing(inEast)).isEqualTo(CellId.of(3));
    assertThat(g.containing(new Position(-10, -10))).isNull();
    assertThat(g.cellOf(new Position(-10, -10))).isEqualTo(CellId.of(7));
    // the centroid of a square is its centre; projection round-off only (~1e-9 m)
    Position centre = g.projection().project(9.005, 45.005);
    CellGrid.Cell seven = g.cell(7);
    assertThat(seven).isNotNull();
    assertThat(seven.centroid().x()).isCloseTo(centre.x(), within(1e-6));
    assertThat(seven.centroid().y()).isCloseTo(centre.y(), within(1e-6));
  }

  @Test
  void aMultiPolygonWithAHoleHoldsItsPartsButNotTheHole() throws IOException {
    String multi =
        "{\"type\":\"Feature\",\"properties\":{\"cellId\":5},\"geometry\":{\"type\":"
            + "\"MultiPolygon\",\"coordinates\":[[["
            + pt(9.00, 45.00)
            + ","
            + pt(9.03, 45.00)
            + ","
            + pt(9.03, 45.03)
            + ","
            + pt(9.00, 45.03)
            + ","
            + pt(9.00, 45.00)
            + "],["
            + pt(9.01, 45.01)
            + ","
            + pt(9.02, 45.01)
            + ","
            + pt(9.02, 45.02)
            + ","
            + pt(9.01, 45.02)
            + ","
            + pt(9.01, 45.01)
            + "]],[["
            + pt(9.05, 45.00)
            + ","
            + pt(9.06, 45.00)
            + ","
            + pt(9.06, 45.01)
            + ","
            + pt(9.05, 45.00)
            + "]]]}}";
    CellGrid g = CellGrid.read(file(multi));
    CellGrid.Cell c = g.cell(5);
    assertThat(c).isNotNull();
    assertThat(c.outer()).hasSize(2);
    assertThat(c.rings()).hasSize(3);
    assertThat(g.containing(g.projection().project(9.005, 45.005))).isEqualTo(CellId.of(5));
    assertThat(g.containing(g.projection().project(9.015, 45.015))).isNull(); // the hole
    assertThat(g.containing(g.projection().project(9.058, 45.002))).isEqualTo(CellId.of(5));
  }

  @Test
  void everyMistakeIsRefusedNamingTheFileTheFeatureAndTheField() throws IOException {
    String ok = square("\"properties\":{\"cellId\":1}", 9, 45, 0.01);
    assertRefused(file(), "has no features: the grid is empty");
    assertRefused(
        file(ok, square("\"properties\":{\"cellId\":1}", 9.01, 45, 0.01)),
        "features[1]: cell id 1 appears twice (also features[0])");
    assertRefused(
        file(square("\"properties\":{\"cellId\":10001}", 9, 45, 0.01)),
        "features[0]: properties.cellId 10001 is out of range 1..10000");
    assertRefused(
        file(square("\"properties\":{\"cellId\":0}", 9, 45, 0.01)),
        "features[0]: properties.cellId 0 is out of range 1..10000");
    assertRefused(
        file(square("\"properties\":{\"cellId\":\"a\"}", 9, 45, 0.01)),
        "features[0]: properties.cellId \"a\" is not an integer");
    assertRefused(
        file(square("\"properties\":{\"cellId\":2.5}", 9, 45, 0.01)),
        "features[0]: properties.cellId 2.5 is not an integer");
    assertRefused(
        file(square("\"properties\":{}", 9, 45, 0.01)),
        "features[0]: no cell id (properties.cellId or the feature's id)");
    String open =
        "{\"type\":\"Feature\",\"id\":2,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
            + pt(9, 45)
            + ","
            + pt(9.01, 45)
            + ","
            + pt(9.01, 45.01)
            + ","
            + pt(9, 45.01)
            + "]]}}";
    assertRefused(
        file(ok, open),
        "features[1]: geometry.coordinates[0] is not closed: its last position differs");
    String three =
        "{\"type\":\"Feature\",\"id\":2,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
            + pt(9, 45)
            + ","
            + pt(9.01, 45)
            + ","
            + pt(9, 45)
            + "]]}}";
    assertRefused(
        file(three),
        "features[0]: geometry.coordinates[0] has 3 positions; a ring" + " needs at least 4");
    String point =
        "{\"type\":\"Feature\",\"id\":2,\"geometry\":{\"type\":\"Point\",\"coordinates\":"
            + pt(9, 45)
            + "}}";
    assertRefused(
        file(point),
        "features[0]: geometry.type is 'Point'; a cell must be a Polygon" + " or MultiPolygon");
    String text =
        "{\"type\":\"Feature\",\"id\":2,\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
            + pt(9, 45)
            + ",[\"x\",45],"
            + pt(9.01, 45.01)
            + ","
            + pt(9, 45)
            + "]]}}";
    assertRefused(
        file(text),
        "features[0]: geometry.coordinates[0][1] is [\"x\",45], not a"
            + " [longitude, latitude] pair");
    assertRefused(
        file(ok, square("\"properties\":{\"cellId\":2}", 11, 45, 0.01)),
        "km; a grid may span at most 100 km");
    Path notJson = dir.resolve("bad.geojson");
    Files.writeString(notJson, "{\"type\": ");
    assertThatThrownBy(() -> CellGrid.read(notJson))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(notJson + " is not valid JSON");
    Path list = dir.resolve("list.geojson");
    Files.writeString(list, "[1, 2]");
    assertThatThrownBy(() -> CellGrid.read(list))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not a GeoJSON FeatureCollection");
    assertThatThrownBy(() -> CellGrid.read(dir.resolve("missing.geojson")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing.geojson does not exist");
  }

  private static void assertRefused(Path f, String message) {
    assertThatThrownBy(() -> CellGrid.read(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(f.toString())
        .hasMessageContaining(message);
  }
}
