package dnt.cli.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dnt.core.InvalidInputException;
import dnt.core.PhysicalLimits;
import dnt.core.whatif.Change;
import dnt.core.whatif.ChangeParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML file of hypothetical changes for {@code dnt twin whatif} into typed {@link Change}s
 * (which check their own physical ranges):
 *
 * <pre>
 * changes:
 *   - switch-off: 1234                       # station id (an outage)
 *   - power: {station: 77, dbm: 36}
 *   - add-station: {id: 900001, x: 11800, y: 11800, height: 10, power-dbm: 30,
 *                   gain-db: 0, capacity-mbps: 150}
 *   - move-user: {user: 5, x: 100, y: 200, time-ms: 0}
 *   - traffic: {user: 5, mbps: 3}
 *   - handover: {user: 5, station: 77}
 * </pre>
 *
 * Kinds and keys are case-insensitive. An unknown kind or key, a missing key, a value of the wrong
 * type and a physical quantity outside its {@link PhysicalLimits} range are rejected with the file,
 * the change's number (from 1), its kind and the key named. The entries are read by {@link
 * ChangeParser}, which {@code POST /api/v1/whatif} shares.
 */
final class ChangesFile {
  private ChangesFile() {}

  static List<Change> read(Path file) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(file + " is not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException(file + " must have a top-level list 'changes'");
    }
    JsonNode list = null;
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (!e.getKey().equalsIgnoreCase("changes")) {
        throw new InvalidInputException(
            file + ": unknown top-level key '" + e.getKey() + "'; the only key is 'changes'");
      }
      list = e.getValue();
    }
    if (list == null || !list.isArray()) {
      throw new InvalidInputException(file + " must have a top-level list 'changes'");
    }
    List<?> changes = new ObjectMapper().convertValue(list, List.class);
    return ChangeParser.parseAll(changes, file.toString());
  }
}
