package dnt.cli.experiment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dnt experiment}: the paper's case studies as seeded, reproducible runs. */
@Command(
    name = "experiment",
    mixinStandardHelpOptions = true,
    description = "Run the paper's case studies (results under results/<experiment>/<run>/).",
    subcommands = {
      ForecastingExperimentCommand.class,
      ForecastingCostExperimentCommand.class,
      CachingExperimentCommand.class,
      PoisoningExperimentCommand.class,
      IntegrityExperimentCommand.class,
      PrivacyExperimentCommand.class,
      DeploymentExperimentCommand.class,
      ChangeDetectionExperimentCommand.class,
      FusionExperimentCommand.class
    })
public final class ExperimentCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing an experiment; see dnt experiment --help.");
  }
}
