package dnt.experiments.privacy;

import dnt.core.util.Progress;
import dnt.data.milan.BundledData;
import dnt.data.milan.MilanSubset;
import dnt.experiments.harness.Replications;
import dnt.experiments.report.ResultsRun;
import java.util.List;

/**
 * The privacy study as one run: the settings and the input, the replications of {@link
 * PrivacyStudy} on the bundled Milan subset, and the tables, figures and report of {@link
 * PrivacyReport}, written to a {@code results/privacy/<run>/} folder.
 *
 * {@snippet lang="shell" :
 * dnt experiment privacy --seeds 5
 * dnt experiment privacy --quick
 * }
 */
public final class PrivacyExperiment {
  static final String NOTE =
      "the bundled Milan subset (measurements); the attacked updates and the protections' noise"
          + " are seeded; attacks from dnt.learn.privacy.inversion";

  private final PrivacyConfig config;
  private final Progress progress;
  private final PrivacyStudy study;

  /**
   * Creates the experiment on the bundled subset.
   *
   * @param config the settings
   * @param progress receives one update per finished replication
   */
  public PrivacyExperiment(PrivacyConfig config, Progress progress) {
    this.config = config;
    this.progress = progress;
    this.study = new PrivacyStudy(config, MilanSubset.load());
  }

  /**
   * Runs the study and writes its settings, tables, figures and report into the run's folder.
   *
   * @param run the results folder (started and finished by the caller)
   * @return the replications, in seed order
   */
  public List<PrivacyStudy.Result> run(ResultsRun run) {
    run.settings(config.tree(), PrivacyConfig.comments()).note(NOTE);
    run.input(BundledData.file(BundledData.SUBSET_SERIES));
    List<PrivacyStudy.Result> reps =
        Replications.run(study, config.seed(), config.seeds(), progress);
    PrivacyReport.write(run, reps, config, study);
    return reps;
  }
}
