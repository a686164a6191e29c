package dnt.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.data.network.CellGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/grid} of a grid that is not all quadrilaterals (an own network's): every outer
 * ring's corners, where each ring starts and whose cell it is.
 */
final class GridJsonTest {
  @TempDir Path dir;

  @Test
  void aGridOfOtherPolygonsListsEveryOuterRingWithItsStartAndCell() throws Exception {
    // cell 4: a triangle; cell 9: two parts, a square with a hole and a triangle
    String geojson =
        """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": 9, "geometry": {"type": "MultiPolygon", "coordinates": [
            [[[9.00, 45.00], [9.03, 45.00], [9.03, 45.03], [9.00, 45.03], [9.00, 45.00]],
             [[9.01, 45.01], [9.02, 45.01], [9.02, 45.02], [9.01, 45.01]]],
            [[[9.05, 45.00], [9.06, 45.00], [9.06, 45.01], [9.05, 45.00]]]]}},
          {"type": "Feature", "properties": {"cellId": 4}, "geometry": {"type": "Polygon",
            "coordinates": [[[9.10, 45.00], [9.12, 45.00], [9.11, 45.02], [9.10, 45.00]]]}}
        ]}
        """;
    Path f = dir.resolve("grid.geojson");
    Files.writeString(f, geojson);
    JsonNode g = new ObjectMapper().readTree(MapRoutes.gridJson(CellGrid.read(f)));
    assertThat(g.get("count").asInt()).isEqualTo(2);
    assertThat(g.get("cells").toString()).isEqualTo("[4,9]");
    assertThat(g.get("corners").asInt()).isZero();
    // outer rings only, closing corner left out: cell 4's triangle (3), cell 9's square (4) and
    // triangle (3)
    assertThat(g.get("ringStarts").toString()).isEqualTo("[0,3,7,10]");
    assertThat(g.get("ringCells").toString()).isEqualTo("[0,1,1]");
    double[] expected = {
      9.10, 45.00, 9.12, 45.00, 9.11, 45.02, 9.00, 45.00, 9.03, 45.00, 9.03, 45.03, 9.00, 45.03,
      9.05, 45.00, 9.06, 45.00, 9.06, 45.01
    };
    assertThat(g.get("rings").size()).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      // printed with 6 decimals; the projection round trip adds ~1e-12 degrees
      assertThat(g.get("rings").get(i).asDouble()).isCloseTo(expected[i], within(1e-6));
    }
    assertThat(g.at("/bounds/west").asDouble()).isCloseTo(9.00, within(1e-6));
    assertThat(g.at("/bounds/east").asDouble()).isCloseTo(9.12, within(1e-6));
    assertThat(g.at("/bounds/north").asDouble()).isCloseTo(45.03, within(1e-6));
  }
}
