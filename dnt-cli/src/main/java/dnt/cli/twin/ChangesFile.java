package dnt.cli.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.PhysicalLimits;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.whatif.Change;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

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
    List<Change> out = new ArrayList<>();
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
      out.add(new Entry(where + " (" + kind + ")", kind, e.getValue()).change());
    }
    return out;
  }

  /** One change being read: its place in the file, its kind and its keys (lower case). */
  private static final class Entry {
    private final String where;
    private final String kind;
    private final JsonNode value;
    private final Map<String, JsonNode> keys = new LinkedHashMap<>();

    Entry(String where, String kind, JsonNode value) {
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

    /** The typed change; values are read (and type-checked) first, then the change is made. */
    Change change() {
      return switch (kind) {
        case "switch-off" -> {
          BaseStationId station = BaseStationId.of(integer("station id", value));
          yield placed(() -> new Change.SwitchOff(station));
        }
        case "power" -> {
          BaseStationId station = BaseStationId.of(integer("station"));
          double dbm = number("dbm");
          yield placed(() -> new Change.Power(station, dbm));
        }
        case "add-station" -> {
          BaseStationId id = BaseStationId.of(integer("id"));
          Position at = new Position(number("x"), number("y"));
          double height = optional("height", Change.AddStation.DEFAULT_HEIGHT_M);
          double power = optional("power-dbm", Change.AddStation.DEFAULT_POWER_DBM);
          double gain = optional("gain-db", Change.AddStation.DEFAULT_GAIN_DB);
          double capacity = optional("capacity-mbps", Change.AddStation.DEFAULT_CAPACITY_MBPS);
          yield placed(() -> new Change.AddStation(id, at, height, power, gain, capacity));
        }
        case "move-user" -> {
          UserId user = UserId.of(integer("user"));
          Position to = new Position(number("x"), number("y"));
          long time = keys.containsKey("time-ms") ? time() : 0;
          yield placed(() -> new Change.MoveUser(user, to, time));
        }
        case "traffic" -> {
          UserId user = UserId.of(integer("user"));
          double mbps = number("mbps");
          yield placed(() -> new Change.Traffic(user, mbps));
        }
        case "handover" -> {
          UserId user = UserId.of(integer("user"));
          BaseStationId station = BaseStationId.of(integer("station"));
          yield placed(() -> new Change.Handover(user, station));
        }
        default -> throw new IllegalStateException("unhandled change " + kind);
      };
    }

    /** Makes the change, placing a range error (which starts with the key) in the file. */
    private Change placed(Supplier<Change> make) {
      try {
        return make.get();
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where + ", " + e.getMessage(), e);
      }
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
      return v.longValue();
    }

    private double number(String name) {
      JsonNode v = field(name);
      if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
        throw new InvalidInputException(where + ", '" + name + "': must be a number, got " + v);
      }
      return v.doubleValue();
    }

    private double optional(String name, double fallback) {
      return keys.containsKey(name) ? number(name) : fallback;
    }
  }
}
