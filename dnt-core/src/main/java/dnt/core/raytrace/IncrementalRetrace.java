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

  /**
   * The outcome of a batch of changes before any tracing: the tracer over the changed scene and the
   * receivers that must be traced again in it; every other receiver keeps its paths.
   *
   * @param tracer the tracer over the changed scene
   * @param affected the receivers any change can affect, in increasing order
   */
  public record Change(RayTracer tracer, List<Integer> affected) {
    /** Copies the list. */
    public Change {
      affected = List.copyOf(affected);
    }
  }

  /**
   * Removes buildings by id, then adds buildings, one at a time, and collects the receivers that
   * any step can affect ({@link RayTracer}'s test, in the scene that holds that step's building). A
   * receiver no step affects has the same paths in every intermediate scene, so the same paths
   * before and after; tracing the affected ones in the changed scene, and keeping the others'
   * paths, equals a full re-trace. Used where the paths before are not at hand as objects (the
   * command line keeps the unaffected receivers' rows of a previous output).
   *
   * @param before the tracer over the scene before
   * @param tx the transmitter
   * @param receivers the receivers
   * @param removed the ids of buildings to remove, each in the scene, none twice
   * @param added buildings to add (appended in order), ids new to the scene and to each other
   * @return the changed scene's tracer and the receivers to trace again
   * @throws InvalidInputException naming an unknown, repeated or existing building id
   */
  public static Change change(
      RayTracer before,
      Point3 tx,
      List<Point3> receivers,
      List<String> removed,
      List<Building> added) {
    boolean[] affected = new boolean[receivers.size()];
    RayTracer tracer = before;
    for (int k = 0; k < removed.size(); k++) {
      String id = removed.get(k);
      List<Building> buildings = new ArrayList<>(tracer.scene().buildings());
      int index = -1;
      for (int b = 0; b < buildings.size(); b++) {
        if (buildings.get(b).id().equals(id)) {
          index = b;
        }
      }
      if (index < 0) {
        throw new InvalidInputException(
            removed.subList(0, k).contains(id)
                ? "building '" + id + "' is removed twice"
                : "the scene has no building '" + id + "'");
      }
      or(affected, tracer.affectedBy(tx, receivers, index));
      buildings.remove(index);
      tracer = new RayTracer(new Scene(buildings, tracer.scene().ground()), tracer.settings());
    }
    for (Building b : added) {
      for (Building old : tracer.scene().buildings()) {
        if (old.id().equals(b.id())) {
          throw new InvalidInputException("the scene already has a building '" + b.id() + "'");
        }
      }
      List<Building> buildings = new ArrayList<>(tracer.scene().buildings());
      buildings.add(b);
      tracer = new RayTracer(new Scene(buildings, tracer.scene().ground()), tracer.settings());
      or(affected, tracer.affectedBy(tx, receivers, buildings.size() - 1));
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < affected.length; i++) {
      if (affected[i]) {
        out.add(i);
      }
    }
    return new Change(tracer, out);
  }

  private static void or(boolean[] into, boolean[] more) {
    for (int i = 0; i < into.length; i++) {
      into[i] |= more[i];
    }
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
