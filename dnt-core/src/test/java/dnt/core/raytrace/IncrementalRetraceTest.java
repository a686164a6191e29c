package dnt.core.raytrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Re-tracing only the receivers a changed building can affect equals a full re-trace. */
final class IncrementalRetraceTest {
  private static final Point3 TX = new Point3(6, 6, 25);

  private static RayTracer city(boolean diffraction) {
    Scene scene =
        new Scene(
            new SyntheticCity(400, 400).generate(new SplittableRandom(7)),
            Material.named("medium-dry-ground"));
    return new RayTracer(scene, new TraceSettings(3.5, 2, true, diffraction));
  }

  private static List<Point3> receivers(Scene scene, int n) {
    SplittableRandom r = new SplittableRandom(11);
    List<Point3> out = new ArrayList<>();
    while (out.size() < n) {
      Point3 p = new Point3(r.nextDouble(0, 400), r.nextDouble(0, 400), 1.5);
      boolean inside = false;
      for (Building b : scene.buildings()) {
        inside |= b.contains(p.x(), p.y());
      }
      if (!inside) {
        out.add(p);
      }
    }
    return out;
  }

  @Test
  void removingABuildingEqualsAFullRetraceAndRetracesFewer() {
    for (boolean diffraction : new boolean[] {false, true}) {
      RayTracer before = city(diffraction);
      List<Point3> rx = receivers(before.scene(), 400);
      List<List<TracedPath>> paths = before.traceAll(TX, rx);
      for (String id : List.of("b1", "b5", "b12")) {
        IncrementalRetrace.Result r = IncrementalRetrace.remove(before, TX, rx, paths, id);
        List<List<TracedPath>> full = r.tracer().traceAll(TX, rx);
        assertThat(r.paths()).as(id).isEqualTo(full);
        assertThat(r.tracer().scene().buildings()).hasSize(before.scene().buildings().size() - 1);
        assertThat(r.retraced().size()).as(id).isLessThan(rx.size());
        // The building must matter somewhere, or the test would prove nothing.
        boolean changed = false;
        for (int i = 0; i < rx.size(); i++) {
          changed |= !full.get(i).equals(paths.get(i));
        }
        assertThat(changed).as(id).isTrue();
      }
    }
  }

  @Test
  void addingABuildingEqualsAFullRetraceAndUndoingItRestoresThePaths() {
    RayTracer before = city(true);
    List<Point3> rx = receivers(before.scene(), 400);
    List<List<TracedPath>> paths = before.traceAll(TX, rx);
    // A 6 x 6 m, 15 m kiosk in the street that runs round the city's edge, 60 m along it.
    Building kiosk =
        new Building(
            "kiosk",
            new double[] {60, 66, 66, 60},
            new double[] {3, 3, 9, 9},
            15,
            Material.named("metal"));
    IncrementalRetrace.Result added = IncrementalRetrace.add(before, TX, rx, paths, kiosk);
    assertThat(added.paths()).isEqualTo(added.tracer().traceAll(TX, rx));
    assertThat(added.retraced()).isNotEmpty();
    assertThat(added.retraced().size()).isLessThan(rx.size());
    assertThat(added.paths()).isNotEqualTo(paths);
    IncrementalRetrace.Result removed =
        IncrementalRetrace.remove(added.tracer(), TX, rx, added.paths(), "kiosk");
    assertThat(removed.paths()).isEqualTo(paths);
    assertThat(removed.retraced()).isEqualTo(added.retraced());
  }

  @Test
  void refusesAnUnknownOrRepeatedBuilding() {
    RayTracer before = city(false);
    List<Point3> rx = List.of(new Point3(6, 100, 1.5));
    List<List<TracedPath>> paths = before.traceAll(TX, rx);
    assertThatThrownBy(() -> IncrementalRetrace.remove(before, TX, rx, paths, "nope"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the scene has no building 'nope'");
    Building b1 = before.scene().buildings().get(0);
    assertThatThrownBy(() -> IncrementalRetrace.add(before, TX, rx, paths, b1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the scene already has a building 'b1'");
  }
}
