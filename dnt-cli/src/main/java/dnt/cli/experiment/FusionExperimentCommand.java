package dnt.cli.experiment;

import dnt.experiments.fusion.FusionExperiment;
import dnt.experiments.fusion.FusionSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt experiment fusion} (alias {@code raytrace-fusion}; also {@code dnt raytrace fusion},
 * the study's first home): how the downlink SINR distribution of a small-cell twin over a synthetic
 * city changes when its path loss comes from ray-traced radio maps, from their fusion with TR
 * 38.901, or from TR 38.901 UMi alone (paper Sec. III-A2 b; docs/raytrace.md).
 *
 * {@snippet lang="shell" :
 * dnt experiment fusion --seeds 5
 * dnt experiment fusion --config docs/results/raytrace/fusion-20seeds-20261204/config.yaml
 * dnt raytrace fusion --seeds 5 --out fusion-run/
 * }
 */
@Command(
    name = "fusion",
    aliases = FusionSettings.EXPERIMENT,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Radio-map twins: per seed a synthetic city, small cells and users in its streets, one"
          + " ray-traced path-gain map per cell (second-order reflections, ground, rooftop"
          + " diffraction), and three twins that differ only in path loss: umi (TR 38.901 UMi,"
          + " random LOS, no shadowing), raymap, fused.",
      "Writes results/raytrace-fusion/<run>/ (or --out DIR): metrics.csv"
          + " (seed,model,user,x,y,serving,rsrp_dbm,sinr_db), summary.csv, report.md,"
          + " config.yaml, manifest.json."
    })
public final class FusionExperimentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SetOption set;

  @Mixin RunOptions runOptions;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Settings file: a config.yaml that a run wrote (reproduces it) or any subset of its"
              + " keys (seed, seeds, citySizeM, stations, users, stepM, carrierGhz,"
              + " stationHeightM, txPowerDbm). Options given on the command line override it.")
  @Nullable Path config;

  @Option(
      names = "--seeds",
      defaultValue = "5",
      description = "Replications seed, seed+1, ..., 1 to 50 (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(
      names = "--city-size",
      defaultValue = "400",
      description = "City side, m, 200 to 2000 (default: ${DEFAULT-VALUE}).")
  double citySize;

  @Option(
      names = "--stations",
      defaultValue = "4",
      description = "Small cells, 1 to 20 (default: ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--users",
      defaultValue = "400",
      description = "Users, 1 to 20000 (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(
      names = "--step",
      defaultValue = "10",
      description = "Map grid spacing, m, 2 to 50 (default: ${DEFAULT-VALUE}).")
  double step;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Write the run into this new folder instead of one under --results-dir.")
  @Nullable Path out;

  @Override
  public Integer call() {
    GivenOptions given =
        new GivenOptions(spec.commandLine().getParseResult())
            .set(set.assignments)
            .put("--seed", "seed", runOptions.seed)
            .put("--seeds", "seeds", seeds)
            .put("--city-size", "citySizeM", citySize)
            .put("--stations", "stations", stations)
            .put("--users", "users", users)
            .put("--step", "stepM", step);
    FusionSettings settings = FusionSettings.resolve(Optional.ofNullable(config), given.values());
    PrintWriter err = spec.commandLine().getErr();
    FusionExperiment experiment =
        new FusionExperiment(
            settings, (done, total, message) -> err.println("dnt: fusion " + message));
    return runOptions.run(
        spec, FusionSettings.EXPERIMENT, settings.seed(), settings.seeds(), out, experiment::run);
  }
}
