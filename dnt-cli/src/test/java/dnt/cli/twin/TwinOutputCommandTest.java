package dnt.cli.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.cli.CliRun;
import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.geo.LocalProjection;
import dnt.core.geo.Position;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationSpec;
import dnt.core.twin.StationState;
import dnt.core.twin.TwinEvent;
import dnt.core.twin.TwinSnapshot;
import dnt.core.twin.UserSpec;
import dnt.core.twin.UserState;
import dnt.core.whatif.WhatIf;
import dnt.data.milan.MilanGrid;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out} of {@code dnt twin build} and {@code dnt twin whatif}: the files are parsed back
 * and checked, value by value, against the twin's own state (read from the snapshot the same run
 * saves) and against a what-if evaluated independently through the domain API.
 */
final class TwinOutputCommandTest {
  @TempDir static Path shared;
  @TempDir Path dir;

  private static Path snapshot;
  private static NetworkTwin twin;

  /** The projection's forward and inverse are exact to rounding: 1e-6 m is far above it. */
  private static final double METRES = 1e-6;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @BeforeAll
  static void buildOnce() throws IOException {
    snapshot = shared.resolve("milan.twin");
    CliRun r = run("twin", "build", "--users", "300", "--seed", "5", "--save", snapshot.toString());
    assertThat(r.status()).as(r.err()).isZero();
    twin = TwinSnapshot.load(snapshot);
  }

  private static List<Map<String, String>> csv(Path file) throws IOException {
    CSVFormat f = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    List<Map<String, String>> rows = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file);
        CSVParser p = CSVParser.parse(in, f)) {
      for (CSVRecord r : p) {
        rows.add(r.toMap());
      }
    }
    return rows;
  }

  private static double num(String s) {
    return s.isEmpty() ? Double.NEGATIVE_INFINITY : Double.parseDouble(s);
  }

  private static void checkPosition(
      Map<String, String> row, String prefix, Position p, LocalProjection projection) {
    assertThat(Double.parseDouble(row.get(prefix + "x_m"))).isEqualTo(p.x());
    assertThat(Double.parseDouble(row.get(prefix + "y_m"))).isEqualTo(p.y());
    Position back =
        projection.project(
            Double.parseDouble(row.get(prefix + "lon")),
            Double.parseDouble(row.get(prefix + "lat")));
    assertThat(back.x()).isCloseTo(p.x(), within(METRES));
    assertThat(back.y()).isCloseTo(p.y(), within(METRES));
  }

  private static void checkStation(
      Map<String, String> row, String prefix, NetworkTwin t, BaseStationId id) {
    StationSpec spec = t.stationSpec(id);
    StationState st = t.station(id);
    checkPosition(row, prefix, spec.position(), MilanGrid.load().projection());
    assertThat(num(row.get(prefix + "height_m"))).isEqualTo(spec.heightM());
    assertThat(num(row.get(prefix + "tx_power_dbm"))).isEqualTo(st.txPowerDbm());
    assertThat(num(row.get(prefix + "antenna_gain_db"))).isEqualTo(spec.antennaGainDb());
    assertThat(num(row.get(prefix + "capacity_mbps"))).isEqualTo(spec.capacityMbps());
    assertThat(Boolean.parseBoolean(row.get(prefix + "active"))).isEqualTo(st.active());
    assertThat(num(row.get(prefix + "load_mbps"))).isEqualTo(st.loadMbps());
    assertThat(Integer.parseInt(row.get(prefix + "active_users"))).isEqualTo(st.activeUsers());
    assertThat(num(row.get(prefix + "activity_factor"))).isEqualTo(st.activityFactor());
  }

  private static void checkUser(Map<String, String> row, String prefix, NetworkTwin t, UserId id) {
    UserSpec spec = t.userSpec(id);
    UserState st = t.user(id);
    checkPosition(row, prefix, spec.position(), MilanGrid.load().projection());
    assertThat(num(row.get(prefix + "height_m"))).isEqualTo(spec.heightM());
    assertThat(num(row.get(prefix + "demand_mbps"))).isEqualTo(spec.demandMbps());
    String serving = row.get(prefix + "serving");
    assertThat(serving.isEmpty() ? null : BaseStationId.of(Integer.parseInt(serving)))
        .isEqualTo(st.serving());
    assertThat(num(row.get(prefix + "rsrp_dbm"))).isEqualTo(st.rsrpDbm());
    assertThat(num(row.get(prefix + "interference_mw"))).isEqualTo(st.interferenceMw());
    assertThat(num(row.get(prefix + "sinr_db"))).isEqualTo(st.sinrDb());
    assertThat(num(row.get(prefix + "share"))).isEqualTo(st.share());
    assertThat(num(row.get(prefix + "rate_mbps"))).isEqualTo(st.rateMbps());
  }

  @Test
  void anExistingSaveFileIsRefusedUnlessOverwrite() throws IOException {
    byte[] before = Files.readAllBytes(snapshot);
    CliRun refused =
        run("twin", "build", "--users", "30", "--seed", "6", "--save", snapshot.toString());
    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.err()).contains("--save " + snapshot + " already exists", "--overwrite");
    assertThat(Files.readAllBytes(snapshot)).isEqualTo(before);

    Path other = shared.resolve("other.twin");
    Files.copy(snapshot, other);
    CliRun replaced =
        run(
            "twin",
            "build",
            "--users",
            "30",
            "--seed",
            "6",
            "--save",
            other.toString(),
            "--overwrite");
    assertThat(replaced.status()).as(replaced.err()).isZero();
    assertThat(TwinSnapshot.load(other).userCount()).isEqualTo(30);
  }

  @Test
  void buildWritesEveryStationAndUserAsCsv() throws IOException {
    Path out = dir.resolve("state.csv");
    CliRun r = run("twin", "build", "--snapshot", snapshot.toString(), "--out", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    List<Map<String, String>> stations = csv(out);
    List<Map<String, String>> users = csv(dir.resolve("state.users.csv"));
    assertThat(stations).hasSize(twin.stationCount());
    assertThat(users).hasSize(twin.userCount());
    for (Map<String, String> row : stations) {
      checkStation(row, "", twin, BaseStationId.of(Integer.parseInt(row.get("id"))));
    }
    for (Map<String, String> row : users) {
      checkUser(row, "", twin, UserId.of(Integer.parseInt(row.get("id"))));
    }
    assertThat(users.stream().map(u -> u.get("id")).distinct().count()).isEqualTo(twin.userCount());
  }

  @Test
  void buildWritesAGeoJsonFeatureCollectionOfWgs84Points() throws IOException {
    Path out = dir.resolve("state.geojson");
    CliRun r = run("twin", "build", "--snapshot", snapshot.toString(), "--out", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(out.toFile());
    assertThat(root.get("type").asText()).isEqualTo("FeatureCollection");
    JsonNode features = root.get("features");
    assertThat(features.size()).isEqualTo(twin.stationCount() + twin.userCount());
    LocalProjection projection = MilanGrid.load().projection();
    int users = 0;
    for (JsonNode f : features) {
      assertThat(f.at("/geometry/type").asText()).isEqualTo("Point");
      double lon = f.at("/geometry/coordinates/0").asDouble();
      double lat = f.at("/geometry/coordinates/1").asDouble();
      // Milan lies around 9.19 E, 45.46 N: the coordinates are WGS84 degrees, lon first
      assertThat(lon).isBetween(8.9, 9.5);
      assertThat(lat).isBetween(45.2, 45.7);
      JsonNode p = f.get("properties");
      Position position;
      if (p.get("kind").asText().equals("user")) {
        users++;
        UserId id = UserId.of(p.get("id").asInt());
        UserState st = twin.user(id);
        position = twin.userSpec(id).position();
        assertThat(
                p.get("sinr_db").isNull() ? Double.NEGATIVE_INFINITY : p.get("sinr_db").asDouble())
            .isEqualTo(st.sinrDb());
        assertThat(p.get("rate_mbps").asDouble()).isEqualTo(st.rateMbps());
        assertThat(p.get("serving").isNull() ? null : BaseStationId.of(p.get("serving").asInt()))
            .isEqualTo(st.serving());
      } else {
        assertThat(p.get("kind").asText()).isEqualTo("station");
        BaseStationId id = BaseStationId.of(p.get("id").asInt());
        position = twin.stationSpec(id).position();
        assertThat(p.get("active_users").asInt()).isEqualTo(twin.station(id).activeUsers());
        assertThat(p.get("load_mbps").asDouble()).isEqualTo(twin.station(id).loadMbps());
      }
      Position back = projection.project(lon, lat);
      assertThat(back.x()).isCloseTo(position.x(), within(METRES));
      assertThat(back.y()).isCloseTo(position.y(), within(METRES));
    }
    assertThat(users).isEqualTo(twin.userCount());
  }

  @Test
  void whatIfWritesOldAndNewValuesOfEveryEntityAndFlagsTheChanged() throws IOException {
    BaseStationId busiest =
        twin.stationIds().stream()
            .max(java.util.Comparator.comparingInt(s -> twin.station(s).activeUsers()))
            .orElseThrow();
    BaseStationId louder = twin.user(twin.userIds().get(0)).serving();
    Path changes = dir.resolve("changes.yaml");
    Files.writeString(
        changes,
        "changes:\n  - switch-off: "
            + busiest.value()
            + "\n  - power: {station: "
            + louder.value()
            + ", dbm: 36}\n  - add-station: {id: 999999, x: 11800, y: 11800}\n");
    Path out = dir.resolve("whatif.csv");
    CliRun r =
        run(
            "twin",
            "whatif",
            "--snapshot",
            snapshot.toString(),
            "--changes",
            changes.toString(),
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    // the same scenario through the domain API, independently of the command
    NetworkTwin scenario =
        WhatIf.evaluate(
                twin,
                List.of(
                    new TwinEvent.StationRemoved(busiest),
                    new TwinEvent.PowerChanged(louder, 36),
                    new TwinEvent.StationAdded(
                        new StationSpec(
                            BaseStationId.of(999999), new Position(11800, 11800), 10, 30, 0, 150))))
            .scenarioTwin();

    Map<Integer, Map<String, String>> stations = new HashMap<>();
    for (Map<String, String> row : csv(out)) {
      stations.put(Integer.parseInt(row.get("id")), row);
    }
    assertThat(stations).hasSize(twin.stationCount() + 1);
    for (BaseStationId id : twin.stationIds()) {
      Map<String, String> row = stations.get(id.value());
      checkStation(row, "old_", twin, id);
      checkStation(row, "new_", scenario, id);
      assertThat(Boolean.parseBoolean(row.get("changed")))
          .isEqualTo(!twin.station(id).equals(scenario.station(id)));
    }
    Map<String, String> off = stations.get(busiest.value());
    assertThat(off.get("changed")).isEqualTo("true");
    assertThat(off.get("old_active")).isEqualTo("true");
    assertThat(off.get("new_active")).isEqualTo("false");
    assertThat(num(stations.get(louder.value()).get("new_tx_power_dbm"))).isEqualTo(36);
    Map<String, String> added = stations.get(999999);
    assertThat(added.get("changed")).isEqualTo("true");
    assertThat(added.get("old_active")).isEmpty();
    checkStation(added, "new_", scenario, BaseStationId.of(999999));

    List<Map<String, String>> users = csv(dir.resolve("whatif.users.csv"));
    assertThat(users).hasSize(twin.userCount());
    int changed = 0;
    for (Map<String, String> row : users) {
      UserId id = UserId.of(Integer.parseInt(row.get("id")));
      checkUser(row, "old_", twin, id);
      checkUser(row, "new_", scenario, id);
      boolean differs = !twin.user(id).equals(scenario.user(id));
      assertThat(Boolean.parseBoolean(row.get("changed"))).isEqualTo(differs);
      changed += differs ? 1 : 0;
    }
    // the switched-off station's users all moved
    assertThat(changed).isGreaterThanOrEqualTo(twin.station(busiest).activeUsers()).isPositive();
  }

  @Test
  void anExistingOutIsRefusedUnlessOverwriteAndABadPathNamesItself() throws IOException {
    Path out = dir.resolve("state.geojson");
    Files.writeString(out, "keep me");
    CliRun refused =
        run("twin", "build", "--snapshot", snapshot.toString(), "--out", out.toString());
    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.err()).contains(out.toString(), "already exists", "--overwrite");
    assertThat(Files.readString(out)).isEqualTo("keep me");

    // the users sibling of a CSV output counts too
    Path users = dir.resolve("s.users.csv");
    Files.writeString(users, "keep me");
    CliRun sibling =
        run(
            "twin",
            "build",
            "--snapshot",
            snapshot.toString(),
            "--out",
            dir.resolve("s.csv").toString());
    assertThat(sibling.status()).isEqualTo(2);
    assertThat(sibling.err()).contains(users.toString());
    assertThat(dir.resolve("s.csv")).doesNotExist();

    CliRun replaced =
        run(
            "twin",
            "build",
            "--snapshot",
            snapshot.toString(),
            "--out",
            out.toString(),
            "--overwrite");
    assertThat(replaced.status()).as(replaced.err()).isZero();
    assertThat(new ObjectMapper().readTree(out.toFile()).get("features").size())
        .isEqualTo(twin.stationCount() + twin.userCount());

    Path notADirectory = dir.resolve("state.geojson").resolve("x.csv");
    CliRun bad =
        run("twin", "build", "--snapshot", snapshot.toString(), "--out", notADirectory.toString());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains(notADirectory.toString()).doesNotContain("Exception");
    CliRun extension =
        run("twin", "build", "--snapshot", snapshot.toString(), "--out", "state.txt");
    assertThat(extension.status()).isEqualTo(2);
    assertThat(extension.err()).contains("state.txt", ".csv", ".geojson");
    // nothing but the files the test wrote: no temporary or partial output
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("state.geojson", "s.users.csv");
    }
  }
}
