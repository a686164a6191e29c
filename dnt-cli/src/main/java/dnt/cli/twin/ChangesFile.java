package dnt.cli.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.PhysicalLimits;
import dnt.core.PhysicalRange;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a YAML file of hypothetical changes for {@code dnt twin whatif}:
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
 * the change's number (from 1), its kind and the key named.
 */
final class ChangesFile {
  /** The kinds of change and the keys each takes, in the order the docs list them. */
  static final Map<String, List<String>> KINDS = kinds();

  private ChangesFile() {}

  private static Map<String, List<String>> kinds() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("switch-off", List.of());
    m.put("power", List.of("station", "dbm"));
    m.put(
        "add-station", List.of("id", "x", "y", "height", "power-dbm", "gain-db", "capacity-mbps"));
    m.put("move-user", List.of("user", "x", "y", "time-ms"));
    m.put("traffic", List.of("user", "mbps"));
    m.put("handover", List.of("user", "station"));
    return java.util.Collections.unmodifiableMap(m);
  }

  static List<TwinEvent> read(Path file) throws IOException {
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
    List<TwinEvent> out = new ArrayList<>();
    int i = 0;
    for (JsonNode change : list) {
      i++;
      String where = file + ", change " + i;
      if (!change.isObject() || change.size() != 1) {
        throw new InvalidInputException(where + ": each change is one 'kind: value' entry");
      }
      Map.Entry<String, JsonNode> e = change.properties().iterator().next();
      String kind = e.getKey().trim().toLowerCase(Locale.ROOT);
      if (!KINDS.containsKey(kind)) {
        throw new InvalidInputException(
            where
                + ": unknown change '"
                + e.getKey()
                + "'; use one of "
                + String.join(", ", KINDS.keySet()));
      }
      out.add(new Change(where + " (" + kind + ")", kind, e.getValue()).event());
    }
    return out;
  }

  /** One change being read: its place in the file, its kind and its keys (lower case). */
  private static final class Change {
    private final String where;
    private final String kind;
    private final JsonNode value;
    private final Map<String, JsonNode> keys = new LinkedHashMap<>();

    Change(String where, String kind, JsonNode value) {
      this.where = where;
      this.kind = kind;
      this.value = value;
      // the caller checked that KINDS knows the kind
      List<String> known = Objects.requireNonNull(KINDS.get(kind), kind);
      if (known.isEmpty()) {
        return;
      }
      if (!value.isObject()) {
        throw new InvalidInputException(
            where + ": expected a map of " + String.join(", ", known) + ", got " + value);
      }
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        String key = e.getKey().trim().toLowerCase(Locale.ROOT);
        if (!known.contains(key)) {
          throw new InvalidInputException(
              where
                  + ": unknown key '"
                  + e.getKey()
                  + "'; "
                  + kind
                  + " takes "
                  + String.join(", ", known));
        }
        if (keys.put(key, e.getValue()) != null) {
          throw new InvalidInputException(where + ": key '" + key + "' appears twice");
        }
      }
    }

    TwinEvent event() {
      return switch (kind) {
        case "switch-off" ->
            new TwinEvent.StationRemoved(BaseStationId.of(integer("station id", value)));
        case "power" ->
            new TwinEvent.PowerChanged(
                BaseStationId.of(integer("station")), number("dbm", PhysicalLimits.TX_POWER_DBM));
        case "add-station" ->
            new TwinEvent.StationAdded(
                new StationSpec(
                    BaseStationId.of(integer("id")),
                    new Position(number("x"), number("y")),
                    optional("height", 10, PhysicalLimits.STATION_HEIGHT_M),
                    optional("power-dbm", 30, PhysicalLimits.TX_POWER_DBM),
                    optional("gain-db", 0, PhysicalLimits.ANTENNA_GAIN_DBI),
                    optional("capacity-mbps", 150, PhysicalLimits.CAPACITY_MBPS)));
        case "move-user" ->
            new TwinEvent.UserMoved(
                UserId.of(integer("user")),
                new Position(number("x"), number("y")),
                keys.containsKey("time-ms") ? time() : 0);
        case "traffic" ->
            new TwinEvent.TrafficObserved(
                UserId.of(integer("user")), number("mbps", PhysicalLimits.DEMAND_MBPS));
        case "handover" ->
            new TwinEvent.Handover(
                UserId.of(integer("user")), BaseStationId.of(integer("station")));
        default -> throw new IllegalStateException("unhandled change " + kind);
      };
    }

    private JsonNode field(String name) {
      JsonNode f = keys.get(name);
      if (f == null) {
        throw new InvalidInputException(where + ": missing '" + name + "'");
      }
      return f;
    }

    private int integer(String name) {
      return integer(name, field(name));
    }

    private int integer(String name, JsonNode v) {
      if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
        throw new InvalidInputException(
            where + ", '" + name + "': must be a non-negative integer, got " + v);
      }
      return v.intValue();
    }

    private long time() {
      JsonNode v = field("time-ms");
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        throw new InvalidInputException(where + ", 'time-ms': must be an integer, got " + v);
      }
      PhysicalLimits.TIME_MS.check(where + ", 'time-ms'", (double) v.longValue());
      return v.longValue();
    }

    private double number(String name) {
      JsonNode v = field(name);
      if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
        throw new InvalidInputException(where + ", '" + name + "': must be a number, got " + v);
      }
      return v.doubleValue();
    }

    private double number(String name, PhysicalRange range) {
      return range.check(where + ", '" + name + "'", number(name));
    }

    private double optional(String name, double fallback, PhysicalRange range) {
      return keys.containsKey(name) ? number(name, range) : fallback;
    }
  }
}
