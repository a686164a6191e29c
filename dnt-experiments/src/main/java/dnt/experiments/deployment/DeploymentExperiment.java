package dnt.experiments.deployment;

import dnt.core.util.Progress;
import dnt.experiments.harness.Replications;
import dnt.experiments.report.ResultsRun;
import java.util.List;

/**
 * The deployment study as one run: the settings, the replications of {@link DeploymentStudy}, and
 * the tables, figures and report of {@link DeploymentReport}, written to a {@code
 * results/deployment/<run>/} folder.
 *
 * {@snippet lang="shell" :
 * dnt experiment deployment --seeds 5
 * dnt experiment deployment --quick
 * }
 */
public final class DeploymentExperiment {
  static final String NOTE =
      "synthetic cities (SyntheticCity, uniform layout) seeded per replication; PPO's weights,"
          + " samples and the random baseline seeded from the replication's seed; the twin's radio"
          + " model from dnt.core.twin, the quality model TwinQuality.defaults()";

  private final DeploymentConfig config;
  private final Progress progress;

  /**
   * Creates the experiment.
   *
   * @param config the settings
   * @param progress receives one update per finished replication
   */
  public DeploymentExperiment(DeploymentConfig config, Progress progress) {
    this.config = config;
    this.progress = progress;
  }

  /**
   * Runs the study and writes its outputs into the run's folder.
   *
   * @param run the results folder (started and finished by the caller)
   * @return the replications, in seed order
   */
  public List<DeploymentStudy.Result> run(ResultsRun run) {
    run.settings(config.tree(), DeploymentConfig.comments()).note(NOTE);
    List<DeploymentStudy.Result> reps;
    try {
      reps =
          Replications.run(
              new DeploymentStudy(config),
              config.seed(),
              config.seeds(),
              config.threads(),
              progress);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the deployment study was interrupted", e);
    }
    DeploymentReport.write(run, reps, config);
    return reps;
  }
}
