package dnt.experiments.integrity;

import dnt.core.util.Progress;
import dnt.data.milan.BundledData;
import dnt.data.milan.MilanSubset;
import dnt.experiments.harness.Replications;
import dnt.experiments.report.ResultsRun;
import java.util.List;

/**
 * The synchronization-integrity study as one run: the settings and the input, the replications of
 * {@link IntegrityStudy} on the bundled Milan subset, and the tables, figures and report of {@link
 * IntegrityReport}, all written to a {@code results/integrity/<run>/} folder.
 *
 * {@snippet lang="shell" :
 * dnt experiment integrity --seeds 5
 * dnt experiment integrity --set faults.kinds=[drift] --set faults.share=1
 * }
 */
public final class IntegrityExperiment {
  /** What the run's manifest says about its inputs. */
  static final String NOTE =
      "the bundled Milan subset (measurements) with seeded synthetic faults injected into some"
          + " streams; the detector is the live twin's (dnt.data.integrity)";

  private final IntegrityRunSettings settings;
  private final Progress progress;
  private final IntegrityStudy study;

  /**
   * Creates the experiment on the bundled subset, checking that the faults fit in it (before a
   * caller starts a results folder).
   *
   * @param settings the complete settings
   * @param progress receives one update per finished replication
   * @throws dnt.core.InvalidInputException when the faults do not fit in the data
   */
  public IntegrityExperiment(IntegrityRunSettings settings, Progress progress) {
    this.settings = settings;
    this.progress = progress;
    this.study = new IntegrityStudy(settings, MilanSubset.load());
  }

  /**
   * Runs the study on the bundled subset and writes its settings, tables, figures and report into
   * the run's folder.
   *
   * @param run the results folder (started and finished by the caller)
   * @return the replications, in seed order
   */
  public List<IntegrityStudy.Result> run(ResultsRun run) {
    run.settings(settings.tree(), IntegrityRunSettings.comments()).note(NOTE);
    run.input(BundledData.file(BundledData.SUBSET_SERIES));
    List<IntegrityStudy.Result> reps =
        Replications.run(study, settings.seed(), settings.seeds(), progress);
    IntegrityReport.write(run, reps, settings, study.cells().size());
    return reps;
  }
}
