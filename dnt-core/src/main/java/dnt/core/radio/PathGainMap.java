package dnt.core.radio;

import dnt.core.InvalidInputException;

/**
 * One station's path-gain map on a regular grid (a radio-map twin, paper Sec. III-A2 b): the gain
 * in dB from the station to a receiver at each grid point at one height, NaN where there is none
 * (inside a building, or no path), and whether each point's value is reliable (see {@link
 * RadioMapModel}). Between grid points the gain is interpolated bilinearly in dB; a point whose
 * interpolation needs a NaN corner, or outside the grid, has no value.
 */
public final class PathGainMap {
  private final long stationKey;
  private final double stationX;
  private final double stationY;
  private final double stationHeightM;
  private final double originX;
  private final double originY;
  private final double stepM;
  private final int columns;
  private final int rows;
  private final double heightM;
  private final double[] gainDb;
  private final boolean[] reliable;
  private final double maxExcessDb;
  private final double carrierGhz;

  /**
   * Creates a map.
   *
   * @param stationKey the station's id
   * @param stationX the station's x, m
   * @param stationY the station's y, m
   * @param stationHeightM the station's height, m
   * @param carrierGhz the carrier the map was traced at, GHz
   * @param originX x of grid point (0, 0), m
   * @param originY y of grid point (0, 0), m
   * @param stepM the grid spacing, m
   * @param columns points along x, at least 2
   * @param rows points along y, at least 2
   * @param heightM the receivers' height, m
   * @param gainDb the gain at point (i, j) at index {@code j * columns + i}, dB, NaN for none
   * @param reliable whether each point's gain is reliable
   */
  public PathGainMap(
      long stationKey,
      double stationX,
      double stationY,
      double stationHeightM,
      double carrierGhz,
      double originX,
      double originY,
      double stepM,
      int columns,
      int rows,
      double heightM,
      double[] gainDb,
      boolean[] reliable) {
    if (columns < 2
        || rows < 2
        || gainDb.length != columns * rows
        || reliable.length != gainDb.length) {
      throw new InvalidInputException(
          "a path-gain map needs at least 2 x 2 points and one gain and flag per point");
    }
    if (!(stepM > 0) || Double.isInfinite(stepM)) {
      throw new InvalidInputException("a path-gain map's step must be positive, got " + stepM);
    }
    this.stationKey = stationKey;
    this.stationX = stationX;
    this.stationY = stationY;
    this.stationHeightM = stationHeightM;
    this.carrierGhz = carrierGhz;
    this.originX = originX;
    this.originY = originY;
    this.stepM = stepM;
    this.columns = columns;
    this.rows = rows;
    this.heightM = heightM;
    this.gainDb = gainDb.clone();
    this.reliable = reliable.clone();
    FreeSpace free = new FreeSpace(carrierGhz);
    double excess = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < columns; i++) {
        double g = this.gainDb[j * columns + i];
        if (!Double.isNaN(g)) {
          double d = Math.hypot(originX + i * stepM - stationX, originY + j * stepM - stationY);
          excess = Math.max(excess, g + free.pathLossDb(d, stationHeightM, heightM, true));
        }
      }
    }
    this.maxExcessDb = excess;
  }

  /**
   * The station's x when the map was traced, m.
   *
   * @return it
   */
  public double stationX() {
    return stationX;
  }

  /**
   * The station's y when the map was traced, m.
   *
   * @return it
   */
  public double stationY() {
    return stationY;
  }

  /**
   * The station's height when the map was traced, m.
   *
   * @return it
   */
  public double stationHeightM() {
    return stationHeightM;
  }

  /**
   * The carrier the map was traced at, GHz.
   *
   * @return it
   */
  public double carrierGhz() {
    return carrierGhz;
  }

  /**
   * The grid's spacing, m.
   *
   * @return it
   */
  public double stepM() {
    return stepM;
  }

  /**
   * The receivers' height, m.
   *
   * @return it
   */
  public double heightM() {
    return heightM;
  }

  /**
   * Whether grid point (i, j)'s gain is reliable.
   *
   * @param i the column
   * @param j the row
   * @return the flag
   */
  public boolean reliable(int i, int j) {
    return reliable[j * columns + i];
  }

  /**
   * The station's id.
   *
   * @return it
   */
  public long stationKey() {
    return stationKey;
  }

  /**
   * The gain at a grid point.
   *
   * @param i the column
   * @param j the row
   * @return the gain, dB, NaN for none
   */
  public double gainDb(int i, int j) {
    return gainDb[j * columns + i];
  }

  /**
   * A grid point's x.
   *
   * @param i the column
   * @return x, m
   */
  public double x(int i) {
    return originX + i * stepM;
  }

  /**
   * A grid point's y.
   *
   * @param j the row
   * @return y, m
   */
  public double y(int j) {
    return originY + j * stepM;
  }

  /**
   * The number of columns.
   *
   * @return it
   */
  public int columns() {
    return columns;
  }

  /**
   * The number of rows.
   *
   * @return it
   */
  public int rows() {
    return rows;
  }

  /**
   * The gain at a point, bilinear in dB between the grid points around it (exactly a grid point's
   * value on it).
   *
   * @param x x, m
   * @param y y, m
   * @return the gain, dB; NaN outside the grid or where a corner with positive weight has none
   */
  public double gainDbAt(double x, double y) {
    return interpolate(x, y, false);
  }

  /**
   * Whether every grid point with positive weight at a point is reliable.
   *
   * @param x x, m
   * @param y y, m
   * @return whether the map's value there is reliable (false outside the grid)
   */
  public boolean reliableAt(double x, double y) {
    return !Double.isNaN(interpolate(x, y, true));
  }

  private double interpolate(double x, double y, boolean reliability) {
    double fx = (x - originX) / stepM;
    double fy = (y - originY) / stepM;
    if (!(fx >= 0 && fx <= columns - 1 && fy >= 0 && fy <= rows - 1)) {
      return Double.NaN;
    }
    int i = Math.min((int) fx, columns - 2);
    int j = Math.min((int) fy, rows - 2);
    double tx = fx - i;
    double ty = fy - j;
    double sum = 0;
    for (int dj = 0; dj <= 1; dj++) {
      double wy = dj == 0 ? 1 - ty : ty;
      for (int di = 0; di <= 1; di++) {
        double w = (di == 0 ? 1 - tx : tx) * wy;
        if (w == 0) {
          continue;
        }
        int k = (j + dj) * columns + i + di;
        double g = gainDb[k];
        if (Double.isNaN(g) || (reliability && !reliable[k])) {
          return Double.NaN;
        }
        sum += w * g;
      }
    }
    return sum;
  }

  /**
   * A lower bound on the loss this map gives at a horizontal distance from its station: every grid
   * point's gain is at most the free-space gain at its distance plus the map's largest excess over
   * free space, an interpolated value is at most its corners' largest, and the corners lie no
   * closer than the distance less the cell's diagonal.
   *
   * @param distance2dM horizontal distance from the station, m
   * @return the bound, dB (positive infinity for a map without values)
   */
  public double minLossDb(double distance2dM) {
    if (maxExcessDb == Double.NEGATIVE_INFINITY) {
      return Double.POSITIVE_INFINITY;
    }
    double nearest = Math.max(0, distance2dM - stepM * Math.sqrt(2));
    return new FreeSpace(carrierGhz).pathLossDb(nearest, stationHeightM, heightM, true)
        - maxExcessDb;
  }
}
