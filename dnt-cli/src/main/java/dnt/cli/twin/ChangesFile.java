package dnt.cli.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML file of hypothetical changes for {@code dnt twin whatif}:
 *
 * <pre>
 * changes:
 *   - switch-off: 1234                       # station id (an outage)
 *   - power: {station: 77, dbm: 36}
 *   - add-station: {id: 900001, x: 11800, y: 11800, height: 10, power-dbm: 30,
 *                   gain-db: 0, capacity-mbps: 150}
 *   - move-user: {user: 5, x: 100, y: 200}
 *   - traffic: {user: 5, mbps: 3}
 *   - handover: {user: 5, station: 77}
 * </pre>
 */
final class ChangesFile {
  private ChangesFile() {}

  static List<TwinEvent> read(Path file) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(file + " is not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.path("changes").isArray()) {
      throw new InvalidInputException(file + " must have a top-level list 'changes'");
    }
    List<TwinEvent> out = new ArrayList<>();
    int i = 0;
    for (JsonNode change : root.get("changes")) {
      i++;
      String where = file + ", change " + i;
      if (!change.isObject() || change.size() != 1) {
        throw new InvalidInputException(where + ": each change is one 'kind: value' entry");
      }
      Iterator<Map.Entry<String, JsonNode>> it = change.properties().iterator();
      Map.Entry<String, JsonNode> e = it.next();
      out.add(event(where, e.getKey(), e.getValue()));
    }
    return out;
  }

  private static TwinEvent event(String where, String kind, JsonNode v) {
    return switch (kind) {
      case "switch-off" ->
          new TwinEvent.StationRemoved(BaseStationId.of(integer(where, v, "station id")));
      case "power" ->
          new TwinEvent.PowerChanged(
              BaseStationId.of(integer(where, field(where, v, "station"), "station")),
              number(where, field(where, v, "dbm"), "dbm"));
      case "add-station" ->
          new TwinEvent.StationAdded(
              new StationSpec(
                  BaseStationId.of(integer(where, field(where, v, "id"), "id")),
                  new Position(
                      number(where, field(where, v, "x"), "x"),
                      number(where, field(where, v, "y"), "y")),
                  optional(where, v, "height", 10),
                  optional(where, v, "power-dbm", 30),
                  optional(where, v, "gain-db", 0),
                  optional(where, v, "capacity-mbps", 150)));
      case "move-user" ->
          new TwinEvent.UserMoved(
              UserId.of(integer(where, field(where, v, "user"), "user")),
              new Position(
                  number(where, field(where, v, "x"), "x"),
                  number(where, field(where, v, "y"), "y")),
              (long) optional(where, v, "time-ms", 0));
      case "traffic" ->
          new TwinEvent.TrafficObserved(
              UserId.of(integer(where, field(where, v, "user"), "user")),
              number(where, field(where, v, "mbps"), "mbps"));
      case "handover" ->
          new TwinEvent.Handover(
              UserId.of(integer(where, field(where, v, "user"), "user")),
              BaseStationId.of(integer(where, field(where, v, "station"), "station")));
      default ->
          throw new InvalidInputException(
              where
                  + ": unknown change '"
                  + kind
                  + "'; use switch-off, power, add-station, move-user, traffic or handover");
    };
  }

  private static JsonNode field(String where, JsonNode v, String name) {
    JsonNode f = v.get(name);
    if (f == null) {
      throw new InvalidInputException(where + ": missing '" + name + "'");
    }
    return f;
  }

  private static double optional(String where, JsonNode v, String name, double fallback) {
    JsonNode f = v.get(name);
    return f == null ? fallback : number(where, f, name);
  }

  private static int integer(String where, JsonNode v, String name) {
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new InvalidInputException(where + ": '" + name + "' must be an integer, got " + v);
    }
    return v.intValue();
  }

  private static double number(String where, JsonNode v, String name) {
    if (!v.isNumber()) {
      throw new InvalidInputException(where + ": '" + name + "' must be a number, got " + v);
    }
    return v.doubleValue();
  }
}
