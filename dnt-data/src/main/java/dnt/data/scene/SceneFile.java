package dnt.data.scene;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.core.InvalidInputException;
import dnt.core.geo.LocalProjection;
import dnt.core.geo.Position;
import dnt.core.raytrace.Building;
import dnt.core.raytrace.Material;
import dnt.core.raytrace.Scene;
import dnt.data.network.FeatureCollections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A ray-tracing scene as GeoJSON: a FeatureCollection of Polygon features with properties {@code
 * height} (metres above the ground) and {@code material} (a name of {@link Material#REGISTRY}); an
 * optional top-level {@code "ground"} names the ground's material (default {@value
 * #DEFAULT_GROUND}). With a top-level {@code "frame": "local"} coordinates are metres in the local
 * plane of the transmitter and receivers; otherwise they are WGS84 longitude/latitude, projected as
 * the twin projects its grid ({@link LocalProjection}) around the south-west corner of the scene's
 * bounding box, or around a top-level {@code "origin": [lon, lat]} when given. Polygons with holes
 * are refused rather than filled.
 *
 * @param scene the buildings and ground
 * @param projection the projection of a WGS84 scene, or null for a local one
 */
public record SceneFile(Scene scene, @Nullable LocalProjection projection) {
  /** The ground's material when the file names none. */
  public static final String DEFAULT_GROUND = "medium-dry-ground";

  /**
   * Reads a scene.
   *
   * @param file the GeoJSON file
   * @return the scene and its projection
   * @throws InvalidInputException naming the file and the feature at fault
   */
  public static SceneFile read(Path file) {
    return read(file, null);
  }

  /**
   * Reads buildings that belong to another scene (buildings to add to it): the file must be in the
   * same frame as that scene, and WGS84 coordinates are projected with that scene's projection (its
   * own {@code origin} and bounding box are not used), so that both share one local plane. The
   * ground is the file's (or the default) and is not used by a caller that adds buildings.
   *
   * @param file the GeoJSON file
   * @param base the scene the buildings belong to
   * @return the buildings as a scene, in the base scene's local plane
   * @throws InvalidInputException naming the file and the feature at fault, or the frames when they
   *     differ
   */
  public static SceneFile readInto(Path file, SceneFile base) {
    return read(file, base);
  }

  private static SceneFile read(Path file, @Nullable SceneFile base) {
    JsonNode root = FeatureCollections.read(file, "scene");
    JsonNode features = root.get("features");
    String frame = root.path("frame").asText("wgs84");
    if (!frame.equals("local") && !frame.equals("wgs84")) {
      throw new InvalidInputException(
          file + ": \"frame\" must be \"local\" or \"wgs84\", got \"" + frame + "\"");
    }
    if (base != null && frame.equals("local") != (base.projection() == null)) {
      throw new InvalidInputException(
          file
              + ": its frame is "
              + frame
              + " but the scene's is "
              + (base.projection() == null ? "local" : "wgs84")
              + "; give the buildings in the scene's frame");
    }
    Material ground = material(file + " \"ground\"", root.path("ground").asText(DEFAULT_GROUND));
    List<double[][]> rings = new ArrayList<>();
    double minLon = Double.POSITIVE_INFINITY;
    double minLat = Double.POSITIVE_INFINITY;
    for (int i = 0; i < features.size(); i++) {
      double[][] ring = ring(file + " features[" + i + "]", features.get(i));
      rings.add(ring);
      for (double[] p : ring) {
        minLon = Math.min(minLon, p[0]);
        minLat = Math.min(minLat, p[1]);
      }
    }
    LocalProjection projection = null;
    if (base != null) {
      projection = base.projection();
    } else if (frame.equals("wgs84")) {
      JsonNode origin = root.get("origin");
      if (origin != null) {
        if (!origin.isArray() || origin.size() != 2 || !origin.get(0).isNumber()) {
          throw new InvalidInputException(file + ": \"origin\" must be [longitude, latitude]");
        }
        projection = new LocalProjection(origin.get(0).asDouble(), origin.get(1).asDouble());
      } else if (!rings.isEmpty()) {
        projection = new LocalProjection(minLon, minLat);
      } else {
        projection = new LocalProjection(0, 0);
      }
    }
    List<Building> buildings = new ArrayList<>();
    for (int i = 0; i < rings.size(); i++) {
      String where = file + " features[" + i + "]";
      JsonNode feature = features.get(i);
      JsonNode properties = feature.path("properties");
      String id = feature.hasNonNull("id") ? feature.get("id").asText() : "features[" + i + "]";
      JsonNode height = properties.get("height");
      if (height == null || !height.isNumber()) {
        throw new InvalidInputException(where + ": properties.height must be a number of metres");
      }
      JsonNode material = properties.get("material");
      if (material == null || !material.isTextual()) {
        throw new InvalidInputException(where + ": properties.material must name a material");
      }
      double[][] ring = rings.get(i);
      double[] xs = new double[ring.length];
      double[] ys = new double[ring.length];
      for (int k = 0; k < ring.length; k++) {
        if (projection == null) {
          xs[k] = ring[k][0];
          ys[k] = ring[k][1];
        } else {
          Position p = projection.project(ring[k][0], ring[k][1]);
          xs[k] = p.x();
          ys[k] = p.y();
        }
      }
      try {
        buildings.add(
            new Building(id, xs, ys, height.asDouble(), material(where, material.asText())));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where + ": " + e.getMessage(), e);
      }
    }
    return new SceneFile(new Scene(buildings, ground), projection);
  }

  private static Material material(String where, String name) {
    try {
      return Material.named(name);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where + ": " + e.getMessage(), e);
    }
  }

  private static double[][] ring(String where, JsonNode feature) {
    if (!feature.isObject()) {
      throw new InvalidInputException(where + ": not a GeoJSON Feature object");
    }
    JsonNode geometry = feature.path("geometry");
    if (!"Polygon".equals(geometry.path("type").asText())) {
      throw new InvalidInputException(
          where + ": the geometry must be a Polygon, got " + geometry.path("type").asText("none"));
    }
    JsonNode coordinates = geometry.path("coordinates");
    if (!coordinates.isArray() || coordinates.isEmpty()) {
      throw new InvalidInputException(where + ": the Polygon has no coordinates");
    }
    if (coordinates.size() > 1) {
      throw new InvalidInputException(
          where
              + ": polygons with holes (inner rings) are not supported; give the outer ring only");
    }
    JsonNode outer = coordinates.get(0);
    if (!outer.isArray() || outer.size() < 4) {
      throw new InvalidInputException(
          where + ": the ring needs at least 4 positions (3 corners and the closing one)");
    }
    double[][] ring = new double[outer.size()][];
    for (int k = 0; k < outer.size(); k++) {
      JsonNode p = outer.get(k);
      if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw new InvalidInputException(where + ": position " + k + " is not a pair of numbers");
      }
      ring[k] = new double[] {p.get(0).asDouble(), p.get(1).asDouble()};
    }
    double[] first = ring[0];
    double[] last = ring[ring.length - 1];
    if (first[0] != last[0] || first[1] != last[1]) {
      throw new InvalidInputException(
          where + ": the ring is open (its last position must repeat the first)");
    }
    return ring;
  }

  /**
   * Writes buildings as a local-frame scene.
   *
   * @param buildings the buildings
   * @param ground the ground's material
   * @param file the target, written through a temporary sibling and moved into place
   * @throws IOException when it cannot be written
   */
  public static void writeLocal(List<Building> buildings, Material ground, Path file)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("type", "FeatureCollection");
    root.put("frame", "local");
    root.put("ground", ground.name());
    ArrayNode features = root.putArray("features");
    for (Building b : buildings) {
      ObjectNode f = features.addObject();
      f.put("type", "Feature");
      f.put("id", b.id());
      ObjectNode properties = f.putObject("properties");
      properties.put("height", b.height());
      properties.put("material", b.material().name());
      ObjectNode geometry = f.putObject("geometry");
      geometry.put("type", "Polygon");
      ArrayNode ring = geometry.putArray("coordinates").addArray();
      for (int i = 0; i <= b.size(); i++) {
        int k = i % b.size();
        ring.addArray().add(b.x(k)).add(b.y(k));
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      mapper.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
