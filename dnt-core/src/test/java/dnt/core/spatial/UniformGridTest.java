package dnt.core.spatial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.core.geo.GeoBounds;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cell lookup and disc queries of the uniform grid. */
final class UniformGridTest {
  private final UniformGrid grid = UniformGrid.over(new GeoBounds(0, 0, 1000, 500), 100);

  @Test
  void cellsAreRowMajorFromTheSouthWestAndEdgesClamp() {
    assertThat(grid.columns()).isEqualTo(10);
    assertThat(grid.rows()).isEqualTo(5);
    assertThat(grid.cellOf(0, 0)).isZero();
    assertThat(grid.cellOf(150, 0)).isEqualTo(1);
    assertThat(grid.cellOf(0, 150)).isEqualTo(10);
    assertThat(grid.cellOf(1000, 500)).isEqualTo(49);
    assertThat(grid.cellOf(-5, 9999)).isEqualTo(40);
  }

  @Test
  void aDiscQueryVisitsEveryCellThatCouldHoldAPointWithinTheRadius() {
    Set<Integer> visited = new HashSet<>();
    grid.forEachCellNear(450, 250, 120, visited::add);
    // every point within 120 m of (450, 250) lies in a visited cell
    for (double a = 0; a < 2 * Math.PI; a += 0.1) {
      for (double r = 0; r <= 120; r += 10) {
        assertThat(visited).contains(grid.cellOf(450 + r * Math.cos(a), 250 + r * Math.sin(a)));
      }
    }
    assertThat(visited).hasSize(9); // columns 3..5, rows 1..3
    Set<Integer> all = new HashSet<>();
    grid.forEachCellNear(0, 0, Double.POSITIVE_INFINITY, all::add);
    assertThat(all).hasSize(grid.cellCount());
  }

  @Test
  void aWindowIsTheClampedRectangleOfTheDiscsBoundingSquare() {
    assertThat(grid.window(450, 250, 120)).isEqualTo(new UniformGrid.Window(3, 5, 1, 3));
    assertThat(grid.window(30, 480, 250)).isEqualTo(new UniformGrid.Window(0, 2, 2, 4));
    assertThat(grid.window(0, 0, Double.POSITIVE_INFINITY))
        .isEqualTo(new UniformGrid.Window(0, 9, 0, 4));
  }

  @Test
  void badSizesAreRejected() {
    assertThatThrownBy(() -> UniformGrid.over(new GeoBounds(0, 0, 1, 1), 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> UniformGrid.over(new GeoBounds(0, 0, 1e9, 1e9), 1))
        .isInstanceOf(InvalidInputException.class);
  }
}
