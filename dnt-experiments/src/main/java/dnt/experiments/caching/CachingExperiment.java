package dnt.experiments.caching;

import dnt.core.util.Progress;
import dnt.experiments.report.ResultsRun;
import java.io.IOException;
import java.util.List;

/**
 * The reliable edge-caching study of the paper's case study IV-B (Figs. 4 and 5) as one run: the
 * settings and the provenance note, the replications of {@link CachingStudy}, and the tables,
 * figures and report of {@link CachingReport}, all written to a {@code results/caching/<run>/}
 * folder. A command line only resolves the settings, starts and finishes the run and prints.
 */
public final class CachingExperiment {
  /** What the run's manifest says about where its inputs come from. */
  static final String NOTE =
      "synthetic request streams (Zipf/IRM + shot noise, seeded); environment and agent are"
          + " reconstructions of the paper's case study IV-B";

  private final CachingRunSettings settings;
  private final Progress progress;

  /**
   * Creates the experiment.
   *
   * @param settings the complete settings (seeds, agent, study)
   * @param progress receives one update per finished replication
   */
  public CachingExperiment(CachingRunSettings settings, Progress progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Runs the study and writes its settings, tables, figures and report into the run's folder.
   *
   * @param run the results folder (started by the caller, finished by the caller)
   * @return the replications, in seed order
   * @throws IOException when writing fails
   * @throws InterruptedException when interrupted
   */
  public List<CachingStudy.Result> run(ResultsRun run) throws IOException, InterruptedException {
    run.settings(settings.tree(), CachingRunSettings.comments()).note(NOTE);
    List<CachingStudy.Result> reps =
        new CachingStudy(settings.study(), settings.agent())
            .run(settings.seed(), settings.seeds(), progress);
    CachingReport.write(run, reps, settings.study());
    return reps;
  }
}
