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

  @Test
  void aBatchOfChangesKeepsExactlyThePathsOfTheReceiversItDoesNotAffect() {
    RayTracer before = city(true);
    List<Point3> rx = receivers(before.scene(), 300);
    List<List<TracedPath>> paths = before.traceAll(TX, rx);
    Building kiosk =
        new Building(
            "kiosk",
            new double[] {60, 66, 66, 60},
            new double[] {3, 3, 9, 9},
            15,
            Material.named("metal"));
    IncrementalRetrace.Change c =
        IncrementalRetrace.change(before, TX, rx, List.of("b1", "b5"), List.of(kiosk));
    List<String> ids = c.tracer().scene().buildings().stream().map(Building::id).toList();
    assertThat(ids).doesNotContain("b1", "b5").endsWith("kiosk");
    assertThat(ids).hasSize(before.scene().buildings().size() - 1);
    List<List<TracedPath>> full = c.tracer().traceAll(TX, rx);
    int changed = 0;
    for (int i = 0; i < rx.size(); i++) {
      if (!c.affected().contains(i)) {
        assertThat(full.get(i)).as("receiver %d", i).isEqualTo(paths.get(i));
      }
      changed += full.get(i).equals(paths.get(i)) ? 0 : 1;
    }
    // the change matters somewhere, and fewer receivers are traced again than there are
    assertThat(changed).isPositive();
    assertThat(c.affected().size()).isBetween(changed, rx.size() - 1);
    // each step's own test agrees: the union of the single changes
    assertThat(c.affected())
        .containsAll(IncrementalRetrace.remove(before, TX, rx, paths, "b1").retraced());
  }

  @Test
  void aBatchRefusesUnknownRepeatedAndExistingIds() {
    RayTracer before = city(false);
    List<Point3> rx = receivers(before.scene(), 5);
    assertThatThrownBy(() -> IncrementalRetrace.change(before, TX, rx, List.of("nope"), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the scene has no building 'nope'");
    assertThatThrownBy(
            () -> IncrementalRetrace.change(before, TX, rx, List.of("b1", "b1"), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("building 'b1' is removed twice");
    Building b2 = before.scene().buildings().get(1);
    assertThatThrownBy(() -> IncrementalRetrace.change(before, TX, rx, List.of(), List.of(b2)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the scene already has a building '" + b2.id() + "'");
    // removing and adding back the same building changes nothing
    assertThat(
            IncrementalRetrace.change(before, TX, rx, List.of(b2.id()), List.of(b2))
                .tracer()
                .traceAll(TX, rx))
        .isEqualTo(before.traceAll(TX, rx));
  }
}
