package dnt.core.whatif;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.PhysicalLimits;
import dnt.core.UserId;
import dnt.core.geo.Position;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads hypothetical changes stated as plain values (the tree a YAML or JSON parser gives: maps,
 * lists, numbers, strings) into typed {@link Change}s, which check their own physical ranges. The
 * vocabulary of {@code dnt twin whatif}'s changes file and of {@code POST /api/v1/whatif}: one
 * {@code kind: value} entry per change,
 *
 * <pre>
 * - switch-off: 1234                       # station id (an outage)
 * - power: {station: 77, dbm: 36}
 * - add-station: {id: 900001, x: 11800, y: 11800, height: 10, power-dbm: 30,
 *                 gain-db: 0, capacity-mbps: 150}
 * - move-user: {user: 5, x: 100, y: 200, time-ms: 0}
 * - traffic: {user: 5, mbps: 3}
 * - handover: {user: 5, station: 77}
 * </pre>
 *
 * Kinds and keys are case-insensitive. An unknown kind or key, a missing key, a value of the wrong
 * type and a physical quantity outside its {@link PhysicalLimits} range are rejected with an {@link
 * InvalidInputException} whose message starts with the caller's place of the change ({@code
 * "changes.yaml, change 2"}), then the kind and the key.
 */
public final class ChangeParser {
  /** The kinds of change and the keys each takes, in the order the docs list them. */
  public static final Map<String, List<String>> KINDS = kinds();

  private ChangeParser() {}

  private static Map<String, List<String>> kinds() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("switch-off", List.of());
    m.put("power", List.of("station", "dbm"));
    m.put(
        "add-station", List.of("id", "x", "y", "height", "power-dbm", "gain-db", "capacity-mbps"));
    m.put("move-user", List.of("user", "x", "y", "time-ms"));
    m.put("traffic", List.of("user", "mbps"));
    m.put("handover", List.of("user", "station"));
    return Collections.unmodifiableMap(m);
  }

  /**
   * Reads a list of changes.
   *
   * @param changes the list's entries, each a one-entry map {@code kind -> value}
   * @param where names the list for messages ({@code "changes.yaml"}); a change is then {@code
   *     where + ", change N"} (N from 1), or {@code "change N"} when {@code where} is empty
   * @return the typed changes, in order
   * @throws InvalidInputException naming the change's number, kind and key at fault
   */
  public static List<Change> parseAll(List<?> changes, String where) {
    List<Change> out = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      String at = (where.isEmpty() ? "" : where + ", ") + "change " + (i + 1);
      out.add(parse(changes.get(i), at));
    }
    return out;
  }

  /**
   * Reads one change.
   *
   * @param change a one-entry map {@code kind -> value}
   * @param where the change's place for messages ({@code "changes.yaml, change 2"})
   * @return the typed change
   * @throws InvalidInputException naming {@code where}, the kind and the key at fault
   */
  public static Change parse(@Nullable Object change, String where) {
    if (!(change instanceof Map<?, ?> map) || map.size() != 1) {
      throw new InvalidInputException(where + ": each change is one 'kind: value' entry");
    }
    Map.Entry<?, ?> e = map.entrySet().iterator().next();
    String name = String.valueOf(e.getKey());
    String kind = name.trim().toLowerCase(Locale.ROOT);
    if (!KINDS.containsKey(kind)) {
      throw new InvalidInputException(
          where
              + ": unknown change '"
              + name
              + "'; use one of "
              + String.join(", ", KINDS.keySet()));
    }
    return new Entry(where + " (" + kind + ")", kind, e.getValue()).change();
  }

  /**
   * A value as a message shows it: strings quoted, like the JSON or YAML it came from.
   *
   * @param v the value
   * @return its text
   */
  static String show(@Nullable Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }

  /** One change being read: its place, its kind and its keys (lower case). */
  private static final class Entry {
    private final String where;
    private final String kind;
    private final @Nullable Object value;
    private final Map<String, @Nullable Object> keys = new LinkedHashMap<>();

    Entry(String where, String kind, @Nullable Object value) {
      this.where = where;
      this.kind = kind;
      this.value = value;
      // the caller checked that KINDS knows the kind
      List<String> known = Objects.requireNonNull(KINDS.get(kind), kind);
      if (known.isEmpty()) {
        return;
      }
      if (!(value instanceof Map<?, ?> map)) {
        throw new InvalidInputException(
            where + ": expected a map of " + String.join(", ", known) + ", got " + show(value));
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String name = String.valueOf(e.getKey());
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (!known.contains(key)) {
          throw new InvalidInputException(
              where
                  + ": unknown key '"
                  + name
                  + "'; "
                  + kind
                  + " takes "
                  + String.join(", ", known));
        }
        if (keys.containsKey(key)) {
          throw new InvalidInputException(where + ": key '" + key + "' appears twice");
        }
        keys.put(key, e.getValue());
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

    /** Makes the change, placing a range error (which starts with the key) after the change. */
    private Change placed(Supplier<Change> make) {
      try {
        return make.get();
      } catch (InvalidInputException e) {
        throw new InvalidInputException(where + ", " + e.getMessage(), e);
      }
    }

    private @Nullable Object field(String name) {
      if (!keys.containsKey(name)) {
        throw new InvalidInputException(where + ": missing '" + name + "'");
      }
      return keys.get(name);
    }

    private int integer(String name) {
      return integer(name, field(name));
    }

    private int integer(String name, @Nullable Object v) {
      BigInteger i = integral(v);
      if (i == null || i.signum() < 0 || i.bitLength() > 31) {
        throw new InvalidInputException(
            where + ", '" + name + "': must be a non-negative integer, got " + show(v));
      }
      return i.intValue();
    }

    private long time() {
      Object v = field("time-ms");
      BigInteger i = integral(v);
      if (i == null || i.bitLength() > 63) {
        throw new InvalidInputException(where + ", 'time-ms': must be an integer, got " + show(v));
      }
      return i.longValue();
    }

    private double number(String name) {
      Object v = field(name);
      if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw new InvalidInputException(
            where + ", '" + name + "': must be a number, got " + show(v));
      }
      return n.doubleValue();
    }

    private double optional(String name, double fallback) {
      return keys.containsKey(name) ? number(name) : fallback;
    }

    /**
     * An integral number as a parser gives it (Integer, Long, Short, Byte, BigInteger), or null.
     */
    private static @Nullable BigInteger integral(@Nullable Object v) {
      if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
        return BigInteger.valueOf(((Number) v).longValue());
      }
      return v instanceof BigInteger b ? b : null;
    }
  }
}
