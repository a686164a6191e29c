package dnt.experiments.changedetection;

import dnt.core.util.Progress;
import dnt.data.milan.BundledData;
import dnt.experiments.harness.Replications;
import dnt.experiments.report.ResultsRun;
import java.util.List;

/**
 * The change-detection study as one run: the settings and the input, the replications of {@link
 * ChangeDetectionStudy} on the bundled Milan data, and {@link ChangeDetectionReport}'s table and
 * report, written to a {@code results/change-detection/<run>/} folder.
 *
 * {@snippet lang="shell" :
 * dnt experiment change-detection --seeds 5
 * dnt experiment change-detection --quick
 * }
 */
public final class ChangeDetectionExperiment {
  static final String NOTE =
      "the bundled Milan subset (internet activity of 25 squares) on the bundled OpenCellID LTE"
          + " stations that serve them, with seeded changes injected; detectors from"
          + " dnt.learn.change";

  private final ChangeDetectionConfig config;
  private final Progress progress;
  private final StationTraffic traffic;
  private final ChangeDetectionStudy study;

  /**
   * Creates the experiment on the bundled data, checking that the periods fit in it (before a
   * caller starts a results folder).
   *
   * @param config the settings
   * @param progress receives one update per finished replication
   * @throws dnt.core.InvalidInputException when the periods do not fit in the data
   */
  public ChangeDetectionExperiment(ChangeDetectionConfig config, Progress progress) {
    this.config = config;
    this.progress = progress;
    this.traffic = StationTraffic.bundled();
    this.study = new ChangeDetectionStudy(config, traffic);
  }

  /**
   * Runs the study and writes its outputs into the run's folder.
   *
   * @param run the results folder (started and finished by the caller)
   * @return the replications' rows, in seed order
   */
  public List<List<ChangeDetectionStudy.Row>> run(ResultsRun run) {
    run.settings(config.tree(), ChangeDetectionConfig.comments()).note(NOTE);
    run.input(BundledData.file(BundledData.SUBSET_SERIES));
    List<List<ChangeDetectionStudy.Row>> reps =
        Replications.run(study, config.seed(), config.seeds(), progress);
    ChangeDetectionReport.write(run, reps, config, traffic.stations());
    return reps;
  }
}
