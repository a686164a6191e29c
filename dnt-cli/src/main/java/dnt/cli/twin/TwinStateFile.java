package dnt.cli.twin;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.geo.LocalProjection;
import dnt.core.geo.Position;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationSpec;
import dnt.core.twin.StationState;
import dnt.core.twin.UserSpec;
import dnt.core.twin.UserState;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes the per-station and per-user state of a twin for machines ({@code --out} of {@code dnt
 * twin build} and {@code dnt twin whatif}).
 *
 * <p>Columns (CSV header, GeoJSON property names): stations {@value #STATION_HEADER}; users {@value
 * #USER_HEADER}. {@code lon}, {@code lat} are WGS84 degrees, converted back from the twin's plane
 * with the Milan grid's {@link LocalProjection}; {@code x_m}, {@code y_m} are metres on that plane.
 * Numbers are written exactly (shortest representation that reads back to the same double); a value
 * that does not exist (the serving station, RSRP and SINR of an unserved user) is an empty CSV
 * field and a JSON null.
 *
 * <p>A what-if writes every entity of the baseline and the scenario with {@code id}, {@code
 * changed} (whether any value differs) and, for every other column {@code c}, {@code old_c} (the
 * baseline; empty for a station the scenario adds) and {@code new_c} (the scenario).
 *
 * <p>GeoJSON is one FeatureCollection: one Point feature per station, then one per user, each with
 * {@code kind} ({@code station} or {@code user}) and the columns above as properties; a what-if
 * feature stands at its new position.
 */
final class TwinStateFile {
  static final String STATION_HEADER =
      "id,lon,lat,x_m,y_m,height_m,tx_power_dbm,antenna_gain_db,capacity_mbps,active,load_mbps,"
          + "active_users,activity_factor";
  static final String USER_HEADER =
      "id,lon,lat,x_m,y_m,height_m,demand_mbps,serving,rsrp_dbm,interference_mw,sinr_db,share,"
          + "rate_mbps";

  private static final List<String> STATION_COLUMNS = List.of(STATION_HEADER.split(","));
  private static final List<String> USER_COLUMNS = List.of(USER_HEADER.split(","));

  private final LocalProjection projection;

  TwinStateFile(LocalProjection projection) {
    this.projection = Objects.requireNonNull(projection, "projection");
  }

  /** The values of one entity, in column order from the second column ({@code lon}) on. */
  private List<Object> stationValues(NetworkTwin twin, BaseStationId id) {
    StationSpec spec = twin.stationSpec(id);
    StationState st = twin.station(id);
    List<Object> v = position(spec.position());
    v.add(spec.heightM());
    v.add(st.txPowerDbm());
    v.add(spec.antennaGainDb());
    v.add(spec.capacityMbps());
    v.add(st.active());
    v.add(st.loadMbps());
    v.add(st.activeUsers());
    v.add(st.activityFactor());
    return v;
  }

  private List<Object> userValues(NetworkTwin twin, UserId id) {
    UserSpec spec = twin.userSpec(id);
    UserState st = twin.user(id);
    List<Object> v = position(spec.position());
    v.add(spec.heightM());
    v.add(spec.demandMbps());
    v.add(st.serving() == null ? null : st.serving().value());
    v.add(st.rsrpDbm());
    v.add(st.interferenceMw());
    v.add(st.sinrDb());
    v.add(st.share());
    v.add(st.rateMbps());
    return v;
  }

  private List<Object> position(Position p) {
    double[] lonLat = projection.unproject(p);
    List<Object> v = new ArrayList<>(13);
    v.add(lonLat[0]);
    v.add(lonLat[1]);
    v.add(p.x());
    v.add(p.y());
    return v;
  }

  /** One row: the kind, the id, and either the values or the old and new values. */
  private record Row(String kind, int id, @Nullable List<Object> before, List<Object> after) {
    boolean changed() {
      return !after.equals(before);
    }
  }

  private interface Rows {
    Iterable<Row> stations();

    Iterable<Row> users();
  }

  /**
   * Writes a twin's state.
   *
   * @param target where and how
   * @param twin the twin
   * @throws IOException if writing fails
   */
  void writeState(OutputTarget target, NetworkTwin twin) throws IOException {
    Rows rows =
        new Rows() {
          @Override
          public Iterable<Row> stations() {
            return () ->
                twin.stationIds().stream()
                    .map(id -> new Row("station", id.value(), null, stationValues(twin, id)))
                    .iterator();
          }

          @Override
          public Iterable<Row> users() {
            return () ->
                twin.userIds().stream()
                    .map(id -> new Row("user", id.value(), null, userValues(twin, id)))
                    .iterator();
          }
        };
    write(target, rows, false);
  }

  /**
   * Writes a what-if: every entity of the baseline and the scenario with its old and new values.
   *
   * @param target where and how
   * @param baseline the original twin
   * @param scenario the changed fork
   * @throws IOException if writing fails
   */
  void writeWhatIf(OutputTarget target, NetworkTwin baseline, NetworkTwin scenario)
      throws IOException {
    Set<BaseStationId> before = new LinkedHashSet<>(baseline.stationIds());
    Rows rows =
        new Rows() {
          @Override
          public Iterable<Row> stations() {
            return () ->
                scenario.stationIds().stream()
                    .map(
                        id ->
                            new Row(
                                "station",
                                id.value(),
                                before.contains(id) ? stationValues(baseline, id) : null,
                                stationValues(scenario, id)))
                    .iterator();
          }

          @Override
          public Iterable<Row> users() {
            return () ->
                scenario.userIds().stream()
                    .map(
                        id ->
                            new Row(
                                "user",
                                id.value(),
                                userValues(baseline, id),
                                userValues(scenario, id)))
                    .iterator();
          }
        };
    write(target, rows, true);
  }

  private static void write(OutputTarget target, Rows rows, boolean delta) throws IOException {
    target.write(
        temporaries -> {
          switch (target.format()) {
            case CSV -> {
              csv(temporaries.get(0), STATION_COLUMNS, rows.stations(), delta);
              csv(temporaries.get(1), USER_COLUMNS, rows.users(), delta);
            }
            case GEOJSON -> geoJson(temporaries.get(0), rows, delta);
          }
        });
  }

  private static List<String> header(List<String> columns, boolean delta) {
    if (!delta) {
      return columns;
    }
    List<String> h = new ArrayList<>();
    h.add("id");
    h.add("changed");
    for (String c : columns.subList(1, columns.size())) {
      h.add("old_" + c);
      h.add("new_" + c);
    }
    return h;
  }

  private static void csv(Path file, List<String> columns, Iterable<Row> rows, boolean delta)
      throws IOException {
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      w.write(String.join(",", header(columns, delta)));
      w.write('\n');
      StringBuilder line = new StringBuilder(256);
      for (Row r : rows) {
        line.setLength(0);
        line.append(r.id());
        if (delta) {
          line.append(',').append(r.changed());
          for (int k = 0; k < r.after().size(); k++) {
            line.append(',').append(csvValue(r.before() == null ? null : r.before().get(k)));
            line.append(',').append(csvValue(r.after().get(k)));
          }
        } else {
          for (Object v : r.after()) {
            line.append(',').append(csvValue(v));
          }
        }
        line.append('\n');
        w.write(line.toString());
      }
    }
  }

  private static String csvValue(@Nullable Object v) {
    if (v == null || (v instanceof Double d && !Double.isFinite(d))) {
      return "";
    }
    return String.valueOf(v);
  }

  private static void geoJson(Path file, Rows rows, boolean delta) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeArrayFieldStart("features");
      feature(g, STATION_COLUMNS, rows.stations(), delta);
      feature(g, USER_COLUMNS, rows.users(), delta);
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void feature(
      JsonGenerator g, List<String> columns, Iterable<Row> rows, boolean delta) throws IOException {
    for (Row r : rows) {
      g.writeStartObject();
      g.writeStringField("type", "Feature");
      g.writeObjectFieldStart("geometry");
      g.writeStringField("type", "Point");
      g.writeArrayFieldStart("coordinates");
      g.writeNumber((Double) r.after().get(0));
      g.writeNumber((Double) r.after().get(1));
      g.writeEndArray();
      g.writeEndObject();
      g.writeObjectFieldStart("properties");
      g.writeStringField("kind", r.kind());
      g.writeNumberField("id", r.id());
      if (delta) {
        g.writeBooleanField("changed", r.changed());
      }
      for (int k = 0; k < r.after().size(); k++) {
        String name = columns.get(k + 1);
        if (delta) {
          jsonField(g, "old_" + name, r.before() == null ? null : r.before().get(k));
          jsonField(g, "new_" + name, r.after().get(k));
        } else {
          jsonField(g, name, r.after().get(k));
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  private static void jsonField(JsonGenerator g, String name, @Nullable Object v)
      throws IOException {
    g.writeFieldName(name);
    if (v == null || (v instanceof Double d && !Double.isFinite(d))) {
      g.writeNull();
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      throw new IllegalStateException("unexpected value " + v);
    }
  }
}
