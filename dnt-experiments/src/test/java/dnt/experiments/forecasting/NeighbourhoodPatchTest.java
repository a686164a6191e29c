package dnt.experiments.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.CellId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The m x m patches of Milan grid squares the spatial forecasters read ({@link
 * ForecastingStudy#patches}), worked out by hand on a few cells: rows count from the south, ids
 * grow eastward along rows of 100 (square 1 is the south-west corner).
 */
final class NeighbourhoodPatchTest {
  /** Data order: 1, 2, 101, 102, 100, 5050 (indices 0..5). */
  private static final List<CellId> CELLS =
      List.of(
          CellId.of(1),
          CellId.of(2),
          CellId.of(101),
          CellId.of(102),
          CellId.of(100),
          CellId.of(5050));

  @Test
  void theSouthWestCornerHasOnlyItsNorthAndEastNeighbours() {
    // rows -1 (outside), 0 and 1; columns -1 (outside), 0 and 1
    assertThat(ForecastingStudy.patches(CELLS, 3)[0])
        .containsExactly(-1, -1, -1, -1, 0, 1, -1, 2, 3);
  }

  @Test
  void anInnerCellSeesTheDataCellsAroundItAndNothingElse() {
    // cell 102 (row 1, column 1): row 0 holds 1, 2, 3; row 1 holds 101, 102, 103; row 2 none
    assertThat(ForecastingStudy.patches(CELLS, 3)[3])
        .containsExactly(0, 1, -1, 2, 3, -1, -1, -1, -1);
    // cell 5050 has no data neighbour; the 5 x 5 patch has it in the middle (index 12)
    int[] big = ForecastingStudy.patches(CELLS, 5)[5];
    assertThat(big).hasSize(25);
    for (int j = 0; j < 25; j++) {
      assertThat(big[j]).isEqualTo(j == 12 ? 5 : -1);
    }
  }

  @Test
  void theEastEdgeDoesNotWrapAroundToTheNextRow() {
    // cell 100 (row 0, column 99): column 100 is outside the grid, although id 101 (row 1, column
    // 0) is in the data; row 1 column 99 is id 200, not in the data
    assertThat(ForecastingStudy.patches(CELLS, 3)[4])
        .containsExactly(-1, -1, -1, -1, 4, -1, -1, -1, -1);
  }

  @Test
  void noPatchWithoutASide() {
    assertThat(ForecastingStudy.patches(CELLS, 0)).isEmpty();
  }
}
