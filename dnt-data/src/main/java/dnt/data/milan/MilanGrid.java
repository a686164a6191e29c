package dnt.data.milan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.LocalProjection;
import dnt.core.geo.Position;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Milan grid of 100 x 100 squares of about 235 m, read from {@code milano-grid.geojson}.
 *
 * <p>Positions are in metres on a local plane ({@link LocalProjection}) whose origin is the
 * south-west corner of the grid's bounding box, so every square has non-negative coordinates. Row
 * and column follow the Telecom Italia numbering: square 1 is the south-west corner, ids grow
 * eastward along rows of 100 (see {@link CellId}).
 */
public final class MilanGrid {
  private static final ConcurrentHashMap<Path, MilanGrid> BUNDLED = new ConcurrentHashMap<>();

  private final LocalProjection projection;
  private final GeoBounds bounds;

  /** Polygon ring per cell id - 1, or null where the file has no such square. */
  private final Position[][] polygons;

  private final Position[] centroids;
  private final int size;
  private final double meanCellWidth;
  private final double meanCellHeight;

  private MilanGrid(LocalProjection projection, Position[][] polygons) {
    this.projection = projection;
    this.polygons = polygons;
    this.centroids = new Position[CellId.MAX];
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    int count = 0;
    double widthSum = 0;
    double heightSum = 0;
    for (int i = 0; i < polygons.length; i++) {
      Position[] ring = polygons[i];
      if (ring == null) {
        continue;
      }
      count++;
      double cx = 0;
      double cy = 0;
      double rminX = Double.POSITIVE_INFINITY;
      double rmaxX = Double.NEGATIVE_INFINITY;
      double rminY = Double.POSITIVE_INFINITY;
      double rmaxY = Double.NEGATIVE_INFINITY;
      // The ring is closed (last point = first); average the distinct corners.
      int n =
          ring.length > 1 && ring[0].equals(ring[ring.length - 1]) ? ring.length - 1 : ring.length;
      for (int k = 0; k < n; k++) {
        Position p = ring[k];
        cx += p.x();
        cy += p.y();
        rminX = Math.min(rminX, p.x());
        rmaxX = Math.max(rmaxX, p.x());
        rminY = Math.min(rminY, p.y());
        rmaxY = Math.max(rmaxY, p.y());
      }
      centroids[i] = new Position(cx / n, cy / n);
      widthSum += rmaxX - rminX;
      heightSum += rmaxY - rminY;
      minX = Math.min(minX, rminX);
      maxX = Math.max(maxX, rmaxX);
      minY = Math.min(minY, rminY);
      maxY = Math.max(maxY, rmaxY);
    }
    if (count == 0) {
      throw new InvalidInputException("the grid has no squares");
    }
    this.size = count;
    this.bounds = new GeoBounds(minX, minY, maxX, maxY);
    this.meanCellWidth = widthSum / count;
    this.meanCellHeight = heightSum / count;
  }

  /**
   * Loads the bundled grid. The grid is immutable, so it is parsed once per file and shared.
   *
   * @return the grid
   */
  public static MilanGrid load() {
    Path file = BundledData.file(BundledData.GRID).toAbsolutePath().normalize();
    return BUNDLED.computeIfAbsent(file, MilanGrid::load);
  }

  /**
   * Loads a grid GeoJSON: a FeatureCollection of Polygons in lon/lat (WGS84), each with {@code
   * properties.cellId}.
   *
   * @param geojson the file
   * @return the grid
   * @throws InvalidInputException if the file is missing or malformed
   */
  public static MilanGrid load(Path geojson) {
    if (!Files.isRegularFile(geojson)) {
      throw new InvalidInputException("the grid file " + geojson + " does not exist");
    }
    JsonNode root;
    try (InputStream in = Files.newInputStream(geojson)) {
      root = new ObjectMapper().readTree(in);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(geojson + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + geojson, e);
    }
    JsonNode features = root == null ? null : root.get("features");
    if (features == null || !features.isArray()) {
      throw new InvalidInputException(geojson + " is not a GeoJSON FeatureCollection");
    }
    double[][][] rings = new double[CellId.MAX][][];
    double minLon = Double.POSITIVE_INFINITY;
    double minLat = Double.POSITIVE_INFINITY;
    int index = 0;
    for (JsonNode feature : features) {
      String where = geojson + ": feature " + index++;
      JsonNode idNode = feature.path("properties").path("cellId");
      if (!idNode.canConvertToInt()) {
        throw new InvalidInputException(where + " has no integer properties.cellId");
      }
      CellId cell = CellId.of(idNode.asInt());
      JsonNode ring = feature.path("geometry").path("coordinates").path(0);
      if (!"Polygon".equals(feature.path("geometry").path("type").asText())
          || !ring.isArray()
          || ring.size() < 4) {
        throw new InvalidInputException(where + " (cell " + cell + ") is not a Polygon ring");
      }
      if (rings[cell.value() - 1] != null) {
        throw new InvalidInputException(where + " repeats cell " + cell);
      }
      double[][] pts = new double[ring.size()][];
      for (int k = 0; k < ring.size(); k++) {
        JsonNode pt = ring.get(k);
        if (!pt.isArray() || pt.size() < 2 || !pt.get(0).isNumber() || !pt.get(1).isNumber()) {
          throw new InvalidInputException(
              where + " (cell " + cell + ") has a bad coordinate " + pt);
        }
        double lon = pt.get(0).doubleValue();
        double lat = pt.get(1).doubleValue();
        pts[k] = new double[] {lon, lat};
        minLon = Math.min(minLon, lon);
        minLat = Math.min(minLat, lat);
      }
      rings[cell.value() - 1] = pts;
    }
    if (index == 0) {
      throw new InvalidInputException(geojson + " has no features");
    }
    LocalProjection projection = new LocalProjection(minLon, minLat);
    Position[][] polygons = new Position[CellId.MAX][];
    for (int i = 0; i < rings.length; i++) {
      if (rings[i] != null) {
        Position[] ring = new Position[rings[i].length];
        for (int k = 0; k < ring.length; k++) {
          ring[k] = projection.project(rings[i][k][0], rings[i][k][1]);
        }
        polygons[i] = ring;
      }
    }
    return new MilanGrid(projection, polygons);
  }

  /**
   * The projection from lon/lat to this grid's plane (origin at the south-west corner).
   *
   * @return the projection
   */
  public LocalProjection projection() {
    return projection;
  }

  /**
   * The bounding box of all squares, in metres.
   *
   * @return the bounds; its minimum corner is (0, 0)
   */
  public GeoBounds bounds() {
    return bounds;
  }

  /**
   * Number of squares in the file (10,000 for the full grid).
   *
   * @return the count
   */
  public int size() {
    return size;
  }

  /**
   * All cells of the grid, ascending.
   *
   * @return the cell ids
   */
  public List<CellId> cells() {
    List<CellId> out = new ArrayList<>(size);
    for (int i = 0; i < polygons.length; i++) {
      if (polygons[i] != null) {
        out.add(CellId.of(i + 1));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Whether the grid has this square.
   *
   * @param cell the cell
   * @return true when present
   */
  public boolean contains(CellId cell) {
    return polygons[cell.value() - 1] != null;
  }

  /**
   * The square's closed ring (first point repeated last), in metres.
   *
   * @param cell the cell
   * @return the corners
   */
  public List<Position> polygon(CellId cell) {
    return List.of(ring(cell));
  }

  /**
   * The centre of the square (mean of its corners), in metres.
   *
   * @param cell the cell
   * @return the centroid
   */
  public Position centroid(CellId cell) {
    ring(cell);
    return centroids[cell.value() - 1];
  }

  /**
   * Zero-based row counted from the south.
   *
   * @param cell the cell
   * @return 0..99
   */
  public int row(CellId cell) {
    return cell.rowFromSouth();
  }

  /**
   * Zero-based column counted from the west.
   *
   * @param cell the cell
   * @return 0..99
   */
  public int column(CellId cell) {
    return cell.columnFromWest();
  }

  /**
   * The cell at a row and column, if the grid has it.
   *
   * @param row row from the south
   * @param column column from the west
   * @return the cell
   * @throws InvalidInputException if out of the grid
   */
  public CellId cellAt(int row, int column) {
    if (row < 0 || row >= CellId.GRID_SIDE || column < 0 || column >= CellId.GRID_SIDE) {
      throw new InvalidInputException("row " + row + ", column " + column + " is outside the grid");
    }
    CellId cell = CellId.of(row * CellId.GRID_SIDE + column + 1);
    ring(cell);
    return cell;
  }

  /**
   * The squares sharing an edge with this one (up to 4: south, west, east, north), ascending.
   *
   * @param cell the cell
   * @return the neighbours present in the grid
   */
  public List<CellId> neighbours(CellId cell) {
    return neighbours(cell, false);
  }

  /**
   * The squares sharing an edge or, when {@code diagonal}, a corner with this one, ascending.
   *
   * @param cell the cell
   * @param diagonal whether corner neighbours count (8-neighbourhood)
   * @return the neighbours present in the grid
   */
  public List<CellId> neighbours(CellId cell, boolean diagonal) {
    ring(cell);
    int r = cell.rowFromSouth();
    int c = cell.columnFromWest();
    List<CellId> out = new ArrayList<>(8);
    for (int dr = -1; dr <= 1; dr++) {
      for (int dc = -1; dc <= 1; dc++) {
        if ((dr == 0 && dc == 0) || (!diagonal && dr != 0 && dc != 0)) {
          continue;
        }
        int rr = r + dr;
        int cc = c + dc;
        if (rr >= 0 && rr < CellId.GRID_SIDE && cc >= 0 && cc < CellId.GRID_SIDE) {
          int id = rr * CellId.GRID_SIDE + cc + 1;
          if (polygons[id - 1] != null) {
            out.add(CellId.of(id));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The square whose centroid is nearest to a point (for points outside the grid, the nearest
   * square at the edge). Runs in constant time: it guesses the row and column from the mean square
   * size, then checks the centroids around the guess.
   *
   * @param p a point in metres on this grid's plane
   * @return the nearest cell
   */
  public CellId nearestCell(Position p) {
    int guessCol = (int) Math.floor((p.x() - bounds.minX()) / meanCellWidth);
    int guessRow = (int) Math.floor((p.y() - bounds.minY()) / meanCellHeight);
    guessCol = Math.max(0, Math.min(CellId.GRID_SIDE - 1, guessCol));
    guessRow = Math.max(0, Math.min(CellId.GRID_SIDE - 1, guessRow));
    int best = nearestAround(p, guessRow, guessCol, 2);
    if (best < 0) {
      best = nearestAround(p, guessRow, guessCol, CellId.GRID_SIDE);
    }
    return CellId.of(best + 1);
  }

  /** Index of the nearest centroid within {@code radius} rows/columns of a guess, or -1. */
  private int nearestAround(Position p, int row, int col, int radius) {
    int best = -1;
    double bestDist = Double.POSITIVE_INFINITY;
    int rowEnd = Math.min(CellId.GRID_SIDE - 1, row + radius);
    int colEnd = Math.min(CellId.GRID_SIDE - 1, col + radius);
    for (int r = Math.max(0, row - radius); r <= rowEnd; r++) {
      for (int c = Math.max(0, col - radius); c <= colEnd; c++) {
        Position centre = centroids[r * CellId.GRID_SIDE + c];
        if (centre != null) {
          double d = centre.distanceTo(p);
          if (d < bestDist) {
            bestDist = d;
            best = r * CellId.GRID_SIDE + c;
          }
        }
      }
    }
    return best;
  }

  private Position[] ring(CellId cell) {
    Position[] ring = polygons[cell.value() - 1];
    if (ring == null) {
      throw new InvalidInputException("cell " + cell + " is not in the grid");
    }
    return ring;
  }
}
