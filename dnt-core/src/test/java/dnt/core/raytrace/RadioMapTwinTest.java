package dnt.core.raytrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.PathGainMap;
import dnt.core.radio.PropagationModel;
import dnt.core.radio.RadioMapModels;
import dnt.core.radio.UrbanMicro;
import dnt.core.twin.InterferenceFloor;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.NetworkTwinBuilder;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A ray-traced radio map as the network twin's propagation model, with TR 38.901 outside it. */
final class RadioMapTwinTest {
  private static final double EIRP = 30;

  /**
   * rsrp = EIRP - loss goes through exp(-ln10/10 loss) and back to dBm: relative rounding of a few
   * ulps of a linear power, a few 1e-14 dB; 1e-9 dB bounds it.
   */
  private static final double DB = 1e-9;

  private record Fixture(PathGainMap map, RadioMaps.Grid grid) {}

  /**
   * A 300 m city traced on a 20 m grid from a 25 m mast in the street at (6, 6), with rooftop
   * diffraction so that every outdoor point has a path.
   */
  private static Fixture fixture() {
    Scene scene =
        new Scene(
            new SyntheticCity(300, 300).generate(new SplittableRandom(7)),
            Material.named("medium-dry-ground"));
    RayTracer tracer = new RayTracer(scene, new TraceSettings(3.5, 2, true, true));
    RadioMaps.Grid grid = new RadioMaps.Grid(0, 0, 20, 16, 16, 1.5);
    return new Fixture(RadioMaps.trace(tracer, 1, new Point3(6, 6, 25), grid), grid);
  }

  private static NetworkTwin twin(String model, PathGainMap map, List<double[]> users) {
    PropagationModel m =
        RadioMapModels.MODELS.factory(model).make(new UrbanMicro(3.5), List.of(map));
    TwinConfig config =
        TwinConfig.defaults(new GeoBounds(0, 0, 800, 800))
            .withLinks(new LinkBudget(m, LosMode.NEVER, false, 1))
            .withFloor(InterferenceFloor.defaults());
    NetworkTwinBuilder b = NetworkTwin.builder(config);
    b.station(new StationSpec(BaseStationId.of(1), new Position(6, 6), 25, EIRP, 0, 100));
    for (int u = 0; u < users.size(); u++) {
      b.user(u, users.get(u)[0], users.get(u)[1], 1.5, 1);
    }
    return b.build();
  }

  private static double nlos(double x, double y) {
    return new UrbanMicro(3.5).pathLossDb(Math.hypot(x - 6, y - 6), 25, 1.5, false);
  }

  @Test
  void theTwinTakesTheMapsGainsOnTheGridAndTr38901OutsideIt() {
    Fixture f = fixture();
    PathGainMap map = f.map;
    List<double[]> users = new ArrayList<>();
    int finite = 0;
    int none = 0;
    for (int j = 0; j < map.rows(); j++) {
      for (int i = 0; i < map.columns(); i++) {
        users.add(new double[] {map.x(i), map.y(j)});
        if (Double.isNaN(map.gainDb(i, j))) {
          none++;
        } else {
          finite++;
        }
      }
    }
    int outsideFrom = users.size();
    for (double[] p : new double[][] {{400, 100}, {650, 650}, {100, 500}, {301, 301}}) {
      users.add(p);
    }
    NetworkTwin twin = twin("raymap", map, users);
    assertThat(finite).isGreaterThan(60);
    assertThat(none).isGreaterThan(10); // points inside buildings: they fall back as well
    for (int u = 0; u < users.size(); u++) {
      double x = users.get(u)[0];
      double y = users.get(u)[1];
      double rsrp = twin.user(UserId.of(u)).rsrpDbm();
      double expected;
      if (u < outsideFrom) {
        int i = u % map.columns();
        int j = u / map.columns();
        double g = map.gainDb(i, j);
        expected = Double.isNaN(g) ? EIRP - nlos(x, y) : EIRP + g;
      } else {
        expected = EIRP - nlos(x, y);
      }
      assertThat(rsrp).as("user %d at (%s, %s)", u, x, y).isCloseTo(expected, within(DB));
    }
  }

  @Test
  void betweenGridPointsTheGainIsBilinearInDb() {
    PathGainMap map = fixture().map;
    for (int j = 0; j + 1 < map.rows(); j++) {
      for (int i = 0; i + 1 < map.columns(); i++) {
        double a = map.gainDb(i, j);
        double b = map.gainDb(i + 1, j);
        double c = map.gainDb(i, j + 1);
        double d = map.gainDb(i + 1, j + 1);
        double cx = map.x(i) + 10;
        double cy = map.y(j) + 10;
        if (Double.isNaN(a + b + c + d)) {
          assertThat(map.gainDbAt(cx, cy)).isNaN();
          continue;
        }
        // At the centre every corner weighs 1/4; a quarter of the way along x, 3/4 and 1/4.
        assertThat(map.gainDbAt(cx, cy)).isCloseTo((a + b + c + d) / 4, within(1e-12));
        assertThat(map.gainDbAt(map.x(i) + 5, map.y(j)))
            .isCloseTo(0.75 * a + 0.25 * b, within(1e-12));
      }
    }
  }

  @Test
  void theRangeBoundIsBelowEveryLossTheMapGives() {
    PathGainMap map = fixture().map;
    SplittableRandom r = new SplittableRandom(3);
    for (int k = 0; k < 2000; k++) {
      double x = r.nextDouble(0, 300);
      double y = r.nextDouble(0, 300);
      double g = map.gainDbAt(x, y);
      if (!Double.isNaN(g)) {
        assertThat(-g).isGreaterThanOrEqualTo(map.minLossDb(Math.hypot(x - 6, y - 6)));
      }
    }
  }

  @Test
  void theFusedModelKeepsReliablePointsAndTakesTheNlosLossElsewhere() {
    PathGainMap map = fixture().map;
    List<double[]> users = new ArrayList<>();
    for (int j = 0; j < map.rows(); j++) {
      for (int i = 0; i < map.columns(); i++) {
        users.add(new double[] {map.x(i), map.y(j)});
      }
    }
    NetworkTwin twin = twin("fused", map, users);
    int reliable = 0;
    int unreliable = 0;
    for (int u = 0; u < users.size(); u++) {
      double x = users.get(u)[0];
      double y = users.get(u)[1];
      double g = map.gainDb(u % map.columns(), u / map.columns());
      double rsrp = twin.user(UserId.of(u)).rsrpDbm();
      if (!Double.isNaN(g) && map.reliableAt(x, y)) {
        reliable++;
        assertThat(rsrp).isCloseTo(EIRP + g, within(DB));
      } else {
        unreliable += Double.isNaN(g) ? 0 : 1;
        assertThat(rsrp).isCloseTo(EIRP - nlos(x, y), within(DB));
      }
    }
    assertThat(reliable).isGreaterThan(20);
    assertThat(unreliable).isGreaterThan(20);
  }
}
