package dnt.experiments.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.BaseStationId;
import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.raytrace.Building;
import dnt.core.raytrace.Scene;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.UserSpec;
import dnt.core.util.Progress;
import dnt.data.milan.BaseStations;
import dnt.data.milan.MilanGrid;
import dnt.data.milan.MilanSubset;
import dnt.data.milan.RadioLayer;
import dnt.data.twinbuild.MilanTwin;
import dnt.data.twinbuild.StationProfile;
import dnt.data.twinbuild.UserPlacement;
import dnt.experiments.harness.Replication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Milan variant of the fusion study: its scene keeps every station's antenna and every kept
 * user out of the buildings, and its stations and users are exactly those of the Milan twin built
 * by {@link MilanTwin} itself.
 */
final class MilanFusionTest {
  @TempDir Path dir;

  private static final long SEED = 7;

  private static FusionSettings settings(Map<String, Object> more) {
    Map<String, Object> keys = new HashMap<>(Map.of("twin", "milan", "users", 300, "marginM", 100));
    keys.putAll(more);
    return FusionSettings.resolve(Optional.empty(), keys);
  }

  /**
   * The Milan twin as {@code dnt twin build --placement traffic} builds it (small-cell profile).
   */
  private static NetworkTwin milanTwin(int users, long seed) {
    return MilanTwin.bundled(
            RadioLayer.LTE,
            StationProfile.smallCell(),
            users,
            UserPlacement.TRAFFIC,
            113,
            0.5,
            seed)
        .build(TwinConfig.defaults(new GeoBounds(0, 0, 1, 1)), Progress.NONE);
  }

  /** The subset's squares' bounding box widened by a margin, computed here from the grid. */
  private static GeoBounds area(double margin) {
    MilanGrid grid = MilanGrid.load();
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (CellId c : MilanSubset.cells()) {
      for (Position p : grid.polygon(c)) {
        minX = Math.min(minX, p.x());
        minY = Math.min(minY, p.y());
        maxX = Math.max(maxX, p.x());
        maxY = Math.max(maxY, p.y());
      }
    }
    return new GeoBounds(minX - margin, minY - margin, maxX + margin, maxY + margin);
  }

  private static double roof(Scene scene, double x, double y) {
    double roof = 0;
    for (Building b : scene.buildings()) {
      if (b.contains(x, y)) {
        roof = Math.max(roof, b.height());
      }
    }
    return roof;
  }

  @Test
  void noBuildingStandsOverAStationsAntennaOrAUser() {
    MilanFusion.Inputs in = new MilanFusion(settings(Map.of())).inputs(SEED);
    assertThat(in.scene().buildings()).hasSizeGreaterThan(100);
    assertThat(in.stations()).isNotEmpty();
    assertThat(in.users()).isNotEmpty();
    for (MilanFusion.Site s : in.stations()) {
      // the tracer's own check: above the ground and outside (or above) every building
      in.scene().checkOutside("station " + s.id(), s.at());
      assertThat(roof(in.scene(), s.at().x(), s.at().y())).isLessThan(s.at().z());
    }
    for (MilanFusion.Site u : in.users()) {
      in.scene().checkOutside("user " + u.id(), u.at());
      assertThat(roof(in.scene(), u.at().x(), u.at().y())).isZero();
    }
    // the synthetic blocks (12 to 30 m) cover most of the area: stations on roofs and users
    // dropped both happen
    assertThat(in.raisedStations()).isPositive();
    assertThat(in.users().size()).isLessThan(in.placedUsers());
  }

  @Test
  void stationsAndUsersAreExactlyTheMilanTwins() {
    MilanFusion.Inputs in = new MilanFusion(settings(Map.of())).inputs(SEED);
    NetworkTwin twin = milanTwin(300, SEED);
    // users: every user of the twin is kept at its own position unless a building covers it
    assertThat(in.placedUsers()).isEqualTo(twin.userCount()).isEqualTo(300);
    Map<Integer, MilanFusion.Site> kept = new HashMap<>();
    in.users().forEach(u -> kept.put(u.id(), u));
    for (UserId id : twin.userIds()) {
      UserSpec spec = twin.userSpec(id);
      MilanFusion.Site u = kept.get(id.value());
      boolean covered = roof(in.scene(), spec.position().x(), spec.position().y()) > 0;
      assertThat(u == null).as("user %s dropped", id).isEqualTo(covered);
      if (u != null) {
        assertThat(u.at().x()).isEqualTo(spec.position().x());
        assertThat(u.at().y()).isEqualTo(spec.position().y());
        assertThat(u.at().z()).isEqualTo(spec.heightM());
      }
    }
    // stations: exactly the data's LTE stations in the widened area, at the twin's positions and
    // height, or on the roof of the building that covers them
    GeoBounds area = area(100);
    Set<Integer> expected = new HashSet<>();
    for (BaseStations.Station s : BaseStations.load(RadioLayer.LTE, MilanGrid.load()).stations()) {
      if (area.contains(s.position())) {
        expected.add(s.id().value());
      }
    }
    assertThat(in.stations())
        .extracting(MilanFusion.Site::id)
        .containsExactlyInAnyOrderElementsOf(expected);
    for (MilanFusion.Site s : in.stations()) {
      StationSpec spec = twin.stationSpec(BaseStationId.of(s.id()));
      assertThat(s.at().x()).isEqualTo(spec.position().x());
      assertThat(s.at().y()).isEqualTo(spec.position().y());
      double roof = roof(in.scene(), s.at().x(), s.at().y());
      assertThat(s.at().z()).isEqualTo(roof + 3 > spec.heightM() ? roof + 3 : spec.heightM());
    }
  }

  @Test
  void theSeedDrawsTheBuildingsAndTheUsers() {
    MilanFusion milan = new MilanFusion(settings(Map.of()));
    MilanFusion.Inputs a = milan.inputs(SEED);
    MilanFusion.Inputs again = new MilanFusion(settings(Map.of())).inputs(SEED);
    assertThat(again.users()).isEqualTo(a.users());
    assertThat(again.stations()).isEqualTo(a.stations());
    MilanFusion.Inputs b = milan.inputs(SEED + 1);
    assertThat(b.users()).isNotEqualTo(a.users());
    assertThat(b.scene().buildings().get(0).height())
        .isNotEqualTo(a.scene().buildings().get(0).height());
  }

  @Test
  void aFootprintsFileInWgs84IsProjectedOnTheMilanGrid() throws Exception {
    GeoBounds area = area(0);
    BaseStations.Station target =
        BaseStations.load(RadioLayer.LTE, MilanGrid.load()).stations().stream()
            .filter(x -> area.contains(x.position()))
            .findFirst()
            .orElseThrow();
    // a 20 m tall building of about 40 m x 40 m around the station, in longitude and latitude
    double dLon = 0.00026;
    double dLat = 0.00018;
    double lon = target.lon();
    double lat = target.lat();
    Path file = dir.resolve("one.geojson");
    Files.writeString(
        file,
        String.format(
            Locale.ROOT,
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"tower\","
                + "\"properties\":{\"height\":20,\"material\":\"concrete\"},\"geometry\":"
                + "{\"type\":\"Polygon\",\"coordinates\":[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],"
                + "[%.7f,%.7f],[%.7f,%.7f]]]}}]}",
            lon - dLon,
            lat - dLat,
            lon + dLon,
            lat - dLat,
            lon + dLon,
            lat + dLat,
            lon - dLon,
            lat + dLat,
            lon - dLon,
            lat - dLat));
    FusionSettings s = settings(Map.of("scene", file.toString(), "marginM", 0));
    MilanFusion.Inputs in = new MilanFusion(s).inputs(SEED);
    assertThat(in.scene().buildings()).hasSize(1);
    assertThat(in.raisedStations()).isEqualTo(1);
    MilanFusion.Site onRoof =
        in.stations().stream().filter(x -> x.id() == target.id().value()).findFirst().orElseThrow();
    assertThat(onRoof.at().z()).isEqualTo(23.0);
    // one building of 40 m x 40 m in 1.4 km^2 covers few of the 300 users
    assertThat(in.users().size()).isBetween(290, 300);
    // the same file every seed
    assertThat(new MilanFusion(s).inputs(SEED + 1).scene().buildings())
        .extracting(Building::id)
        .containsExactly("tower");
  }

  @Test
  void aMalformedFootprintsFileIsRefusedWhenTheStudyIsMade() throws Exception {
    Path file = dir.resolve("bad.geojson");
    Files.writeString(
        file, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\"}]}");
    FusionSettings s = settings(Map.of("scene", file.toString()));
    assertThatThrownBy(() -> new FusionStudy(s))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bad.geojson");
  }

  @Test
  void aSmallMilanReplicationGivesFiniteSinrForEveryKeptUserUnderEachModel() {
    FusionSettings s = settings(Map.of("users", 60, "marginM", 0, "stepM", 50.0));
    FusionStudy study = new FusionStudy(s);
    List<FusionStudy.Row> rows = study.replicate(new Replication(0, SEED, 1));
    MilanFusion.Inputs in = study.milanInputs().get(0);
    assertThat(rows).hasSize(3 * in.users().size());
    assertThat(rows).allMatch(r -> Double.isFinite(r.sinrDb()) && Double.isFinite(r.rsrpDbm()));
    Set<Integer> stations = new HashSet<>();
    in.stations().forEach(x -> stations.add(x.id()));
    assertThat(rows).allMatch(r -> stations.contains(r.serving()));
  }
}
