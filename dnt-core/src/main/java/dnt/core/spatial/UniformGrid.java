package dnt.core.spatial;

import dnt.core.InvalidInputException;
import dnt.core.geo.GeoBounds;

/**
 * The geometry of a uniform grid of square cells over a rectangle: which cell holds a point and
 * which cells a disc overlaps. It holds no members; callers keep one list per cell (the twin keeps
 * them copy-on-write). A uniform grid suits a city: points are spread fairly evenly, queries are
 * discs of a known radius, and an update (a user moving) is two list operations, where a tree would
 * rebalance.
 *
 * @param bounds the covered rectangle
 * @param cellSizeM side of a cell, metres
 * @param columns number of cells west to east
 * @param rows number of cells south to north
 */
public record UniformGrid(GeoBounds bounds, double cellSizeM, int columns, int rows) {
  /** Validates the grid. */
  public UniformGrid {
    if (!(cellSizeM > 0) || Double.isInfinite(cellSizeM)) {
      throw new InvalidInputException("grid cell size must be positive, got " + cellSizeM);
    }
    if (columns < 1 || rows < 1 || (long) columns * rows > 50_000_000L) {
      throw new InvalidInputException(
          "a grid of " + columns + " x " + rows + " cells is empty or too large");
    }
  }

  /**
   * A grid over the bounds with cells of about the given size.
   *
   * @param bounds the rectangle
   * @param cellSizeM the cell side, metres
   * @return the grid
   */
  public static UniformGrid over(GeoBounds bounds, double cellSizeM) {
    if (!(cellSizeM > 0)) {
      throw new InvalidInputException("grid cell size must be positive, got " + cellSizeM);
    }
    int cols = Math.max(1, (int) Math.ceil(bounds.width() / cellSizeM));
    int rows = Math.max(1, (int) Math.ceil(bounds.height() / cellSizeM));
    return new UniformGrid(bounds, cellSizeM, cols, rows);
  }

  /**
   * Number of cells.
   *
   * @return columns x rows
   */
  public int cellCount() {
    return columns * rows;
  }

  /**
   * The cell holding a point; points on or past the edges fall in the border cells.
   *
   * @param x metres east
   * @param y metres north
   * @return the cell index, row-major from the south-west
   */
  public int cellOf(double x, double y) {
    return row(y) * columns + column(x);
  }

  /**
   * The column holding an x coordinate, clamped to the grid.
   *
   * @param x metres east
   * @return the column, 0..columns-1
   */
  public int column(double x) {
    int c = (int) Math.floor((x - bounds.minX()) / cellSizeM);
    return Math.max(0, Math.min(columns - 1, c));
  }

  /**
   * The row holding a y coordinate, clamped to the grid.
   *
   * @param y metres north
   * @return the row, 0..rows-1
   */
  public int row(double y) {
    int r = (int) Math.floor((y - bounds.minY()) / cellSizeM);
    return Math.max(0, Math.min(rows - 1, r));
  }

  /**
   * Calls the visitor with every cell that a disc overlaps (a superset: the cells of its bounding
   * square). An infinite radius visits every cell.
   *
   * @param x centre, metres east
   * @param y centre, metres north
   * @param radiusM radius, metres
   * @param visitor receives cell indices
   */
  public void forEachCellNear(double x, double y, double radiusM, CellVisitor visitor) {
    Window w = window(x, y, radiusM);
    for (int r = w.firstRow(); r <= w.lastRow(); r++) {
      int base = r * columns;
      for (int c = w.firstColumn(); c <= w.lastColumn(); c++) {
        visitor.visit(base + c);
      }
    }
  }

  /**
   * The cells that a disc overlaps, as a rectangle of columns and rows (a superset: the cells of
   * its bounding square, clamped to the grid). An infinite radius gives the whole grid. Loops that
   * must stay free of callbacks iterate it in place of {@link #forEachCellNear}.
   *
   * @param x centre, metres east
   * @param y centre, metres north
   * @param radiusM radius, metres
   * @return the window
   */
  public Window window(double x, double y, double radiusM) {
    if (Double.isInfinite(radiusM)) {
      return new Window(0, columns - 1, 0, rows - 1);
    }
    return new Window(column(x - radiusM), column(x + radiusM), row(y - radiusM), row(y + radiusM));
  }

  /**
   * A rectangle of grid cells, bounds inclusive; cell {@code (c, r)} has index {@code r * columns +
   * c}.
   *
   * @param firstColumn the westmost column
   * @param lastColumn the eastmost column
   * @param firstRow the southmost row
   * @param lastRow the northmost row
   */
  public record Window(int firstColumn, int lastColumn, int firstRow, int lastRow) {}

  /** Receives the index of a grid cell. */
  @FunctionalInterface
  public interface CellVisitor {
    /**
     * Visits a cell.
     *
     * @param cell the cell index
     */
    void visit(int cell);
  }
}
