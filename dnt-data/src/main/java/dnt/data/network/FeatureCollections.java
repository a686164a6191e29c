package dnt.data.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a GeoJSON FeatureCollection file, the shape of a cell grid and of a ray-tracing scene. */
public final class FeatureCollections {
  private FeatureCollections() {}

  /**
   * Reads and checks the file's top level.
   *
   * @param file the GeoJSON file
   * @param noun what the file is, for messages ({@code "grid"})
   * @return the root object, whose {@code features} member is an array
   * @throws InvalidInputException when the file is missing, unreadable, not JSON, or not a
   *     FeatureCollection with a features array
   */
  public static JsonNode read(Path file, String noun) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("the " + noun + " file " + file + " does not exist");
    }
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = new ObjectMapper().readTree(in);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          file + " is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    } catch (IOException e) {
      throw new InvalidInputException(file + " cannot be read (" + e.getMessage() + ")", e);
    }
    JsonNode features = root == null ? null : root.get("features");
    if (root == null
        || !"FeatureCollection".equals(root.path("type").asText())
        || features == null
        || !features.isArray()) {
      throw new InvalidInputException(
          file
              + " is not a GeoJSON FeatureCollection (no \"type\": \"FeatureCollection\" with a"
              + " \"features\" array)");
    }
    return root;
  }
}
