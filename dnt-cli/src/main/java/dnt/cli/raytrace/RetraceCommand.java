package dnt.cli.raytrace;

import dnt.cli.twin.OutputTarget;
import dnt.core.InvalidInputException;
import dnt.core.raytrace.Building;
import dnt.core.raytrace.IncrementalRetrace;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.RayTracer;
import dnt.core.raytrace.Scene;
import dnt.core.raytrace.TraceSettings;
import dnt.core.raytrace.TracedPath;
import dnt.data.scene.ReceiversCsv;
import dnt.data.scene.SceneFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt raytrace retrace}: the paths of {@code dnt raytrace} after buildings are added to or
 * removed from its scene, re-tracing only the receivers a change can affect ({@link
 * IncrementalRetrace#change}) and keeping the other receivers' rows of the previous output as they
 * are. The output equals, byte for byte, what {@code dnt raytrace} writes for the changed scene.
 */
@Command(
    name = "retrace",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Incremental re-trace: after removing and adding buildings, trace again only the receivers",
      "a change can affect and keep the others' rows of a previous dnt raytrace output (--paths,",
      "made from the same --scene, --tx, --rx and trace options). Writes the paths CSV of the",
      "changed scene, the same bytes as a full dnt raytrace of it, and prints how many receivers",
      "were re-traced. Removals come first, then additions (remove an id and add it back to",
      "replace a building)."
    })
public final class RetraceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--scene", required = true, description = "The scene before the change.")
  Path scene;

  @Option(
      names = "--tx",
      required = true,
      paramLabel = "X,Y,Z",
      description = "Transmitter, metres.")
  String tx;

  @Option(names = "--rx", required = true, description = "Receivers CSV: id,x,y,z.")
  Path rx;

  @Mixin TraceOptions trace;

  @Option(
      names = "--paths",
      required = true,
      paramLabel = "FILE",
      description = "The paths CSV dnt raytrace wrote for the scene before the change.")
  Path paths;

  @Option(
      names = "--add-buildings",
      paramLabel = "FILE",
      description =
          "GeoJSON of buildings to add, in the scene's frame (local metres, or WGS84 projected as"
              + " the scene is); ids new to the scene.")
  @Nullable Path add;

  @Option(
      names = "--remove-buildings",
      split = ",",
      paramLabel = "ID",
      description = "Ids of the scene's buildings to remove, comma-separated.")
  List<String> remove = new ArrayList<>();

  @Option(
      names = "--out",
      required = true,
      description = "Paths CSV of the changed scene; refused if it exists unless --overwrite.")
  Path out;

  @Option(
      names = "--scene-out",
      paramLabel = "FILE",
      description = "Also write the changed scene (local frame) for a later re-trace.")
  @Nullable Path sceneOut;

  @Option(names = "--overwrite", description = "Replace existing output files.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    if (add == null && remove.isEmpty()) {
      throw new InvalidInputException(
          "give --add-buildings FILE or --remove-buildings ID,... (or both); see dnt raytrace"
              + " retrace --help");
    }
    Point3 transmitter = TraceOptions.point("--tx", tx);
    TraceSettings settings = trace.settings();
    OutputTarget.checkFile("--out", out, overwrite);
    if (sceneOut != null) {
      OutputTarget.checkFile("--scene-out", sceneOut, overwrite);
    }
    SceneFile file = SceneFile.read(scene);
    Scene world = file.scene();
    world.checkOutside("--tx", transmitter);
    List<ReceiversCsv.Receiver> receivers = ReceiversCsv.read(rx);
    for (ReceiversCsv.Receiver r : receivers) {
      world.checkOutside(rx + ": receiver '" + r.id() + "'", r.position());
    }
    List<Point3> points = receivers.stream().map(ReceiversCsv.Receiver::position).toList();
    Map<String, List<String>> previous = readPaths(paths, receivers);
    List<Building> added = List.of();
    if (add != null) {
      Path addFile = add;
      added = SceneFile.readInto(addFile, file).scene().buildings();
      if (added.isEmpty()) {
        throw new InvalidInputException("--add-buildings " + addFile + " has no building");
      }
      Scene addedOnly = new Scene(added, world.ground());
      addedOnly.checkOutside("--add-buildings " + addFile + ": the transmitter", transmitter);
      for (ReceiversCsv.Receiver r : receivers) {
        addedOnly.checkOutside(
            "--add-buildings " + addFile + ": receiver '" + r.id() + "'", r.position());
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    RaytraceCommand.warnOutsideRange(world, settings.carrierGhz(), err);
    long start = System.nanoTime();
    RayTracer before = new RayTracer(world, settings);
    IncrementalRetrace.Change change;
    try {
      change = IncrementalRetrace.change(before, transmitter, points, remove, added);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--remove-buildings/--add-buildings: " + e.getMessage(), e);
    }
    checkPrevious(before, transmitter, receivers, previous, change.affected());
    List<Integer> affected = change.affected();
    List<List<TracedPath>> fresh =
        change.tracer().traceAll(transmitter, affected.stream().map(points::get).toList());
    Map<Integer, List<TracedPath>> byReceiver = new HashMap<>();
    for (int k = 0; k < affected.size(); k++) {
      byReceiver.put(affected.get(k), fresh.get(k));
    }
    RaytraceCommand.write(
        out,
        w -> {
          w.write(RaytraceCommand.PATHS_HEADER + "\n");
          for (int i = 0; i < receivers.size(); i++) {
            String id = receivers.get(i).id();
            List<TracedPath> traced = byReceiver.get(i);
            if (traced == null) {
              for (String line : previous.getOrDefault(id, List.of())) {
                w.write(line + "\n");
              }
            } else {
              int n = 1;
              for (TracedPath p : traced) {
                w.write(RaytraceCommand.pathRow(id, n++, p));
              }
            }
          }
        });
    if (sceneOut != null) {
      SceneFile.writeLocal(change.tracer().scene().buildings(), world.ground(), sceneOut);
    }
    err.printf(
        Locale.ROOT,
        "dnt: re-traced %d of %d receivers (%d buildings removed, %d added) in %.1f s; wrote %s%n",
        affected.size(),
        receivers.size(),
        remove.size(),
        added.size(),
        (System.nanoTime() - start) / 1e9,
        out);
    err.flush();
    return 0;
  }

  /**
   * The rows of a previous paths CSV by receiver id, each receiver's rows together and the
   * receivers in the order of the receivers file (a receiver without paths has no row).
   */
  static Map<String, List<String>> readPaths(Path file, List<ReceiversCsv.Receiver> receivers)
      throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("--paths " + file + " does not exist", e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(RaytraceCommand.PATHS_HEADER)) {
      throw new InvalidInputException(
          "--paths "
              + file
              + " is not a dnt raytrace paths CSV: its header must be "
              + "'"
              + RaytraceCommand.PATHS_HEADER
              + "'");
    }
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < receivers.size(); i++) {
      order.put(receivers.get(i).id(), i);
    }
    Map<String, List<String>> out = new HashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    String current = null;
    int last = -1;
    for (int n = 1; n < lines.size(); n++) {
      String line = lines.get(n);
      int comma = line.indexOf(',');
      String id = comma < 0 ? line : line.substring(0, comma);
      Integer index = order.get(id);
      if (index == null) {
        throw new InvalidInputException(
            "--paths " + file + " line " + (n + 1) + ": receiver '" + id + "' is not in --rx");
      }
      if (!id.equals(current)) {
        if (seen.contains(id) || index < last) {
          throw new InvalidInputException(
              "--paths "
                  + file
                  + " line "
                  + (n + 1)
                  + ": receiver '"
                  + id
                  + "' is out of the order of --rx; give the file dnt raytrace wrote");
        }
        seen.add(id);
        current = id;
        last = index;
      }
      out.computeIfAbsent(id, k -> new ArrayList<>()).add(line);
    }
    return out;
  }

  /**
   * Checks that the previous paths belong to these inputs: up to three receivers that keep their
   * rows (the first, the middle and the last of them) are traced again in the scene before and must
   * give the same rows, so a paths file from another scene, transmitter or trace options is refused
   * instead of copied into the output.
   */
  private void checkPrevious(
      RayTracer before,
      Point3 transmitter,
      List<ReceiversCsv.Receiver> receivers,
      Map<String, List<String>> previous,
      List<Integer> affected) {
    Set<Integer> retraced = Set.copyOf(affected);
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < receivers.size(); i++) {
      if (!retraced.contains(i)) {
        kept.add(i);
      }
    }
    if (kept.isEmpty()) {
      return;
    }
    Set<Integer> sample =
        new LinkedHashSet<>(
            List.of(kept.get(0), kept.get(kept.size() / 2), kept.get(kept.size() - 1)));
    for (int i : sample) {
      ReceiversCsv.Receiver r = receivers.get(i);
      List<String> rows = new ArrayList<>();
      int n = 1;
      for (TracedPath p : before.trace(transmitter, r.position())) {
        String row = RaytraceCommand.pathRow(r.id(), n++, p);
        rows.add(row.substring(0, row.length() - 1));
      }
      if (!rows.equals(previous.getOrDefault(r.id(), List.of()))) {
        throw new InvalidInputException(
            "--paths "
                + paths
                + " does not match --scene, --tx and the trace options: receiver '"
                + r.id()
                + "' has other paths; give the paths dnt raytrace wrote for these inputs");
      }
    }
  }
}
