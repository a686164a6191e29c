package dnt.data.network;

import com.fasterxml.jackson.databind.JsonNode;
import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.LocalProjection;
import dnt.core.geo.Position;
import dnt.data.milan.MilanGrid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The cells a twin knows and their shapes: the Milan grid, or a user's own grid read from a GeoJSON
 * FeatureCollection of Polygons and MultiPolygons in WGS84 longitude/latitude ({@link #read}).
 *
 * <p>Positions are metres on a local plane ({@link LocalProjection}) whose origin is the south-west
 * corner of the grid's bounding box in longitude/latitude (the least longitude and the least
 * latitude of all its coordinates), as for the Milan grid. A cell's shape is its rings: every outer
 * ring and hole of every part, each closed (first position repeated last); a point is in the cell
 * when it is inside an odd number of them (the even-odd rule, so holes are left out).
 */
public final class CellGrid {
  /**
   * The widest grid accepted, metres: the station coordinates of {@code twin sinr} reach 100 km,
   * and the local projection's distance error stays well under 0.1% across it.
   */
  public static final double MAX_EXTENT_M = 100_000;

  /**
   * A cell: its id, its outer rings (one per polygon part) and every ring, in metres.
   *
   * @param id the cell
   * @param outer each part's outer ring, closed
   * @param rings every ring (outer rings and holes), closed
   * @param centroid the area centroid of its outer rings
   * @param box the bounding box of its outer rings
   */
  public record Cell(
      CellId id,
      List<List<Position>> outer,
      List<List<Position>> rings,
      Position centroid,
      GeoBounds box) {}

  private final LocalProjection projection;
  private final List<Cell> cells;
  private final Map<Integer, Cell> byId;
  private final GeoBounds bounds;

  private CellGrid(LocalProjection projection, List<Cell> cells) {
    this.projection = projection;
    this.cells = List.copyOf(cells);
    this.byId = new HashMap<>();
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (Cell c : cells) {
      byId.put(c.id().value(), c);
      minX = Math.min(minX, c.box().minX());
      minY = Math.min(minY, c.box().minY());
      maxX = Math.max(maxX, c.box().maxX());
      maxY = Math.max(maxY, c.box().maxY());
    }
    this.bounds = new GeoBounds(minX, minY, maxX, maxY);
  }

  /**
   * The Milan grid's squares as a cell grid (same projection, same rings).
   *
   * @param milan the grid
   * @return the cell grid
   */
  public static CellGrid of(MilanGrid milan) {
    List<Cell> out = new ArrayList<>(milan.size());
    for (CellId id : milan.cells()) {
      List<Position> ring = milan.polygon(id);
      out.add(cell(id, List.of(ring), List.of(ring)));
    }
    return new CellGrid(milan.projection(), out);
  }

  /**
   * Reads a grid: a GeoJSON FeatureCollection whose features are Polygons or MultiPolygons in WGS84
   * longitude/latitude, each with a numeric cell id, {@code properties.cellId} or else the
   * feature's {@code id}, an integer in 1..{@value CellId#MAX}. Every ring needs at least 4
   * positions and must be closed (its last position equal to its first).
   *
   * @param file the GeoJSON file
   * @return the grid
   * @throws InvalidInputException naming the file, the feature ({@code features[i]}, counted from
   *     0) and the field at fault: a missing, non-integer, out-of-range or repeated id, a geometry
   *     that is not a Polygon or MultiPolygon, a ring with fewer than 4 positions or not closed, a
   *     position that is not a longitude/latitude pair, an empty collection, or a grid wider than
   *     {@value #MAX_EXTENT_M} m
   */
  public static CellGrid read(Path file) {
    JsonNode features = FeatureCollections.read(file, "grid").get("features");
    if (features.isEmpty()) {
      throw new InvalidInputException(file + " has no features: the grid is empty");
    }
    TreeMap<Integer, double[][][][]> parts = new TreeMap<>();
    Map<Integer, Integer> featureOf = new HashMap<>();
    double minLon = Double.POSITIVE_INFINITY;
    double minLat = Double.POSITIVE_INFINITY;
    for (int i = 0; i < features.size(); i++) {
      String where = file + " features[" + i + "]";
      JsonNode feature = features.get(i);
      int id = cellId(where, feature);
      Integer earlier = featureOf.putIfAbsent(id, i);
      if (earlier != null) {
        throw new InvalidInputException(
            where + ": cell id " + id + " appears twice (also features[" + earlier + "])");
      }
      double[][][][] polygons = geometry(where, feature.path("geometry"));
      for (double[][][] polygon : polygons) {
        for (double[][] ring : polygon) {
          for (double[] p : ring) {
            minLon = Math.min(minLon, p[0]);
            minLat = Math.min(minLat, p[1]);
          }
        }
      }
      parts.put(id, polygons);
    }
    LocalProjection projection = new LocalProjection(minLon, minLat);
    List<Cell> out = new ArrayList<>(parts.size());
    for (Map.Entry<Integer, double[][][][]> e : parts.entrySet()) {
      List<List<Position>> outer = new ArrayList<>();
      List<List<Position>> rings = new ArrayList<>();
      for (double[][][] polygon : e.getValue()) {
        for (int r = 0; r < polygon.length; r++) {
          List<Position> ring = new ArrayList<>(polygon[r].length);
          for (double[] p : polygon[r]) {
            ring.add(projection.project(p[0], p[1]));
          }
          rings.add(List.copyOf(ring));
          if (r == 0) {
            outer.add(List.copyOf(ring));
          }
        }
      }
      out.add(cell(CellId.of(e.getKey()), outer, rings));
    }
    CellGrid grid = new CellGrid(projection, out);
    double extent = Math.max(grid.bounds.width(), grid.bounds.height());
    if (extent > MAX_EXTENT_M) {
      throw new InvalidInputException(
          String.format(
              java.util.Locale.ROOT,
              "%s spans %.1f km; a grid may span at most %.0f km",
              file,
              extent / 1000,
              MAX_EXTENT_M / 1000));
    }
    return grid;
  }

  private static int cellId(String where, JsonNode feature) {
    if (!feature.isObject()) {
      throw new InvalidInputException(where + ": not a GeoJSON Feature object");
    }
    JsonNode fromProperties = feature.path("properties").get("cellId");
    JsonNode node = fromProperties != null ? fromProperties : feature.get("id");
    String field = fromProperties != null ? "properties.cellId" : "id";
    if (node == null || node.isNull()) {
      throw new InvalidInputException(
          where + ": no cell id (properties.cellId or the feature's id)");
    }
    if (!node.isNumber() || !node.canConvertToLong() || node.doubleValue() != node.longValue()) {
      throw new InvalidInputException(where + ": " + field + " " + node + " is not an integer");
    }
    long id = node.longValue();
    if (id < 1 || id > CellId.MAX) {
      throw new InvalidInputException(
          where + ": " + field + " " + id + " is out of range 1.." + CellId.MAX);
    }
    return (int) id;
  }

  /**
   * The polygons of a Polygon (one) or MultiPolygon (several): [polygon][ring][position][lon/lat].
   */
  private static double[][][][] geometry(String where, JsonNode geometry) {
    String type = geometry.path("type").asText("");
    JsonNode coordinates = geometry.path("coordinates");
    if (!coordinates.isArray()) {
      throw new InvalidInputException(
          where + ": geometry.coordinates is missing (a Polygon or MultiPolygon is expected)");
    }
    switch (type) {
      case "Polygon" -> {
        return new double[][][][] {polygon(where + ": geometry.coordinates", coordinates)};
      }
      case "MultiPolygon" -> {
        if (coordinates.isEmpty()) {
          throw new InvalidInputException(where + ": geometry.coordinates has no polygon");
        }
        double[][][][] out = new double[coordinates.size()][][][];
        for (int k = 0; k < coordinates.size(); k++) {
          out[k] = polygon(where + ": geometry.coordinates[" + k + "]", coordinates.get(k));
        }
        return out;
      }
      default ->
          throw new InvalidInputException(
              where
                  + ": geometry.type is '"
                  + type
                  + "'; a cell must be a Polygon or MultiPolygon");
    }
  }

  private static double[][][] polygon(String where, JsonNode rings) {
    if (!rings.isArray() || rings.isEmpty()) {
      throw new InvalidInputException(where + " has no ring");
    }
    double[][][] out = new double[rings.size()][][];
    for (int r = 0; r < rings.size(); r++) {
      String at = where + "[" + r + "]";
      JsonNode ring = rings.get(r);
      if (!ring.isArray() || ring.size() < 4) {
        throw new InvalidInputException(
            at
                + " has "
                + (ring.isArray() ? ring.size() : 0)
                + " positions; a ring needs at least 4 (the first repeated last)");
      }
      double[][] pts = new double[ring.size()][];
      for (int k = 0; k < ring.size(); k++) {
        pts[k] = lonLat(at + "[" + k + "]", ring.get(k));
      }
      double[] first = pts[0];
      double[] last = pts[pts.length - 1];
      if (first[0] != last[0] || first[1] != last[1]) {
        throw new InvalidInputException(
            at + " is not closed: its last position differs from its first");
      }
      out[r] = pts;
    }
    return out;
  }

  private static double[] lonLat(String where, JsonNode p) {
    if (!p.isArray()
        || p.size() < 2
        || !p.get(0).isNumber()
        || !p.get(1).isNumber()
        || !Double.isFinite(p.get(0).doubleValue())
        || !Double.isFinite(p.get(1).doubleValue())) {
      throw new InvalidInputException(where + " is " + p + ", not a [longitude, latitude] pair");
    }
    double lon = p.get(0).doubleValue();
    double lat = p.get(1).doubleValue();
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      throw new InvalidInputException(
          where + " is " + p + ": longitude must be in -180..180 and latitude in -90..90");
    }
    return new double[] {lon, lat};
  }

  private static Cell cell(CellId id, List<List<Position>> outer, List<List<Position>> rings) {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    double area = 0;
    double cx = 0;
    double cy = 0;
    double meanX = 0;
    double meanY = 0;
    int n = 0;
    for (List<Position> ring : outer) {
      for (int k = 0; k + 1 < ring.size(); k++) {
        Position a = ring.get(k);
        Position b = ring.get(k + 1);
        double cross = a.x() * b.y() - b.x() * a.y();
        area += cross;
        cx += (a.x() + b.x()) * cross;
        cy += (a.y() + b.y()) * cross;
        meanX += a.x();
        meanY += a.y();
        n++;
        minX = Math.min(minX, a.x());
        minY = Math.min(minY, a.y());
        maxX = Math.max(maxX, a.x());
        maxY = Math.max(maxY, a.y());
      }
    }
    // shoelace centroid; a degenerate (zero-area) shape falls back to the mean of its corners
    Position centroid =
        Math.abs(area) > 1e-9
            ? new Position(cx / (3 * area), cy / (3 * area))
            : new Position(meanX / n, meanY / n);
    return new Cell(
        id,
        List.copyOf(outer),
        List.copyOf(rings),
        centroid,
        new GeoBounds(minX, minY, maxX, maxY));
  }

  /**
   * The projection from longitude/latitude to this grid's plane.
   *
   * @return the projection
   */
  public LocalProjection projection() {
    return projection;
  }

  /**
   * The bounding box of all cells, metres.
   *
   * @return the bounds
   */
  public GeoBounds bounds() {
    return bounds;
  }

  /**
   * The cells, by ascending id.
   *
   * @return the cells
   */
  public List<Cell> cells() {
    return cells;
  }

  /**
   * The cell ids, ascending.
   *
   * @return the ids
   */
  public List<CellId> ids() {
    return cells.stream().map(Cell::id).toList();
  }

  /**
   * A cell by id.
   *
   * @param id the id
   * @return the cell, or null when the grid has no such cell
   */
  public @Nullable Cell cell(int id) {
    return byId.get(id);
  }

  /**
   * The cell a point lies in (the even-odd rule over the cell's rings), the lowest id when cells
   * overlap.
   *
   * @param p a point on this grid's plane
   * @return the cell, or null when no cell holds the point
   */
  public @Nullable CellId containing(Position p) {
    for (Cell c : cells) {
      if (c.box().contains(p) && inside(c.rings(), p)) {
        return c.id();
      }
    }
    return null;
  }

  /**
   * The cell a point lies in, or else the cell whose centroid is nearest.
   *
   * @param p a point on this grid's plane
   * @return the cell
   */
  public CellId cellOf(Position p) {
    CellId in = containing(p);
    if (in != null) {
      return in;
    }
    Cell best = cells.get(0);
    for (Cell c : cells) {
      if (c.centroid().distanceTo(p) < best.centroid().distanceTo(p)) {
        best = c;
      }
    }
    return best.id();
  }

  /** Whether a point is inside an odd number of the rings (ray casting). */
  static boolean inside(List<List<Position>> rings, Position p) {
    boolean in = false;
    for (List<Position> ring : rings) {
      for (int a = 0, b = ring.size() - 1; a < ring.size(); b = a++) {
        Position pa = ring.get(a);
        Position pb = ring.get(b);
        if ((pa.y() > p.y()) != (pb.y() > p.y())
            && p.x() < (pb.x() - pa.x()) * (p.y() - pa.y()) / (pb.y() - pa.y()) + pa.x()) {
          in = !in;
        }
      }
    }
    return in;
  }
}
