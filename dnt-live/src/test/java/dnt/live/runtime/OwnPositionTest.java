package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.geo.Position;
import dnt.data.network.CellGrid;
import dnt.data.network.OwnNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * On an own network the forecasters cluster cells by where the cells are on that network's plane
 * (their centroids), not by the Milan square of the same number.
 */
final class OwnPositionTest {
  @Test
  void aCellsPositionIsTheCentreOfItsPolygonOnTheNetworksPlane() {
    Path ex = Path.of("").toAbsolutePath();
    while (ex != null && !Files.isDirectory(ex.resolve("docs/examples/own-network"))) {
      ex = ex.getParent();
    }
    assertThat(ex).isNotNull();
    Path dir = ex.resolve("docs/examples/own-network");
    OwnNetwork n = OwnNetwork.read(dir.resolve("stations.csv"), dir.resolve("grid.geojson"));
    IntFunction<double[]> position = TwinRuntime.ownPosition(n);
    for (CellGrid.Cell c : n.grid().cells()) {
      List<Position> ring = c.outer().get(0);
      // the example's cells are rectangles: the centroid is the midpoint of a diagonal
      double x = (ring.get(0).x() + ring.get(2).x()) / 2;
      double y = (ring.get(0).y() + ring.get(2).y()) / 2;
      double[] got = position.apply(c.id().value());
      // the shoelace centroid of a rectangle is its centre up to rounding (~1e-12 m at 2 km)
      assertThat(got[0]).as("x of cell %s", c.id()).isCloseTo(x, within(1e-6));
      assertThat(got[1]).as("y of cell %s", c.id()).isCloseTo(y, within(1e-6));
      // and not the Milan square of the same number, kilometres away on another plane
      assertThat(got).isNotEqualTo(ForecastRuntime.milanPosition(c.id().value()));
    }
    assertThat(position.apply(17)).containsExactly(0, 0);
  }
}
