package dnt.cli.raytrace;

import dnt.cli.twin.OutputTarget;
import dnt.core.InvalidInputException;
import dnt.core.raytrace.Building;
import dnt.core.raytrace.Material;
import dnt.core.raytrace.SyntheticCity;
import dnt.data.scene.SceneFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dnt raytrace city}: a seeded synthetic city of blocks as a local-frame scene. */
@Command(
    name = "city",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {
      "Write a seeded synthetic city (street grid, blocks of 60-120 m, streets of 12-24 m,",
      "buildings of 12-30 m of concrete, brick or glass) as a local-frame scene GeoJSON."
    })
public final class CityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--width", defaultValue = "1000", description = "Extent along x, m: 100..20000.")
  double width;

  @Option(names = "--depth", defaultValue = "1000", description = "Extent along y, m: 100..20000.")
  double depth;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of every draw.")
  long seed;

  @Option(
      names = "--ground",
      defaultValue = SceneFile.DEFAULT_GROUND,
      description = "Ground material.")
  String ground;

  @Option(names = "--out", required = true, description = "Scene GeoJSON to write.")
  Path out;

  @Option(names = "--overwrite", description = "Replace an existing --out file.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    if (!(width >= 100 && width <= 20_000 && depth >= 100 && depth <= 20_000)) {
      throw new InvalidInputException(
          "--width and --depth must be in 100..20000 m, got " + width + " and " + depth);
    }
    OutputTarget.checkFile("--out", out, overwrite);
    Material groundMaterial = Material.named(ground);
    List<Building> buildings = new SyntheticCity(width, depth).generate(new SplittableRandom(seed));
    SceneFile.writeLocal(buildings, groundMaterial, out);
    spec.commandLine().getErr().printf("dnt: wrote %d buildings to %s%n", buildings.size(), out);
    return 0;
  }
}
