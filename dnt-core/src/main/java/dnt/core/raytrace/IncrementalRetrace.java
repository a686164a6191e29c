package dnt.core.raytrace;

import dnt.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-traces only the receivers a changed building can affect, like the twin's incremental
 * propagation: when a building is added or removed, a receiver keeps its paths unless, in the scene
 * that holds the building, the line from the transmitter to it in plan meets the building's
 * bounding box, or one of its geometrically valid reflection paths (blocked or not) reflects on the
 * building or passes over that box ({@link RayTracer}'s test). Every path of either scene is such a
 * path of the scene with the building, so a receiver that passes the test has the same paths, made
 * by the same arithmetic, in both: the result equals a full re-trace exactly. The test enumerates
 * the image method's candidates without any blocking query, the expensive part of a trace.
 */
public final class IncrementalRetrace {
  private IncrementalRetrace() {}

  /**
   * The outcome of a change.
   *
   * @param tracer the tracer over the changed scene
   * @param paths each receiver's paths in the changed scene
   * @param retraced the receivers traced again, in increasing order
   */
  public record Result(RayTracer tracer, List<List<TracedPath>> paths, List<Integer> retraced) {
    /** Copies the lists. */
    public Result {
      paths = List.copyOf(paths);
      retraced = List.copyOf(retraced);
    }
  }

  /**
   * Adds a building.
   *
   * @param before the tracer over the scene before
   * @param tx the transmitter
   * @param receivers the receivers
   * @param pathsBefore their paths before, from {@code before}
   * @param added the new building (appended to the scene's buildings)
   * @return the paths after
   */
  public static Result add(
      RayTracer before,
      Point3 tx,
      List<Point3> receivers,
      List<List<TracedPath>> pathsBefore,
      Building added) {
    Scene old = before.scene();
    for (Building b : old.buildings()) {
      if (b.id().equals(added.id())) {
        throw new InvalidInputException("the scene already has a building '" + added.id() + "'");
      }
    }
    List<Building> buildings = new ArrayList<>(old.buildings());
    buildings.add(added);
    RayTracer after = new RayTracer(new Scene(buildings, old.ground()), before.settings());
    boolean[] affected = after.affectedBy(tx, receivers, buildings.size() - 1);
    return retrace(after, tx, receivers, pathsBefore, affected);
  }

  /**
   * Removes a building.
   *
   * @param before the tracer over the scene before
   * @param tx the transmitter
   * @param receivers the receivers
   * @param pathsBefore their paths before, from {@code before}
   * @param id the building's id
   * @return the paths after
   */
  public static Result remove(
      RayTracer before,
      Point3 tx,
      List<Point3> receivers,
      List<List<TracedPath>> pathsBefore,
      String id) {
    List<Building> buildings = new ArrayList<>(before.scene().buildings());
    int index = -1;
    for (int b = 0; b < buildings.size(); b++) {
      if (buildings.get(b).id().equals(id)) {
        index = b;
      }
    }
    if (index < 0) {
      throw new InvalidInputException("the scene has no building '" + id + "'");
    }
    boolean[] affected = before.affectedBy(tx, receivers, index);
    buildings.remove(index);
    RayTracer after =
        new RayTracer(new Scene(buildings, before.scene().ground()), before.settings());
    return retrace(after, tx, receivers, pathsBefore, affected);
  }

  private static Result retrace(
      RayTracer after,
      Point3 tx,
      List<Point3> receivers,
      List<List<TracedPath>> pathsBefore,
      boolean[] affected) {
    if (pathsBefore.size() != receivers.size()) {
      throw new IllegalArgumentException("one path list per receiver expected");
    }
    List<Integer> retraced = new ArrayList<>();
    List<Point3> points = new ArrayList<>();
    for (int i = 0; i < affected.length; i++) {
      if (affected[i]) {
        retraced.add(i);
        points.add(receivers.get(i));
      }
    }
    List<List<TracedPath>> fresh = after.traceAll(tx, points);
    List<List<TracedPath>> paths = new ArrayList<>(pathsBefore);
    for (int k = 0; k < retraced.size(); k++) {
      paths.set(retraced.get(k), fresh.get(k));
    }
    return new Result(after, paths, retraced);
  }
}
