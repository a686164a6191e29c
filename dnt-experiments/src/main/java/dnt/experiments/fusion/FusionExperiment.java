package dnt.experiments.fusion;

import dnt.core.util.Progress;
import dnt.experiments.harness.Replications;
import dnt.experiments.report.ResultsRun;
import java.util.List;

/**
 * The fusion study as one run: the settings, the replications of {@link FusionStudy} (replication i
 * on seed {@code seed + i}), and the tables and report of {@link FusionReport}, written to a run's
 * folder.
 *
 * {@snippet lang="shell" :
 * dnt experiment fusion --seeds 5
 * dnt experiment fusion --config docs/results/raytrace/fusion-20seeds-20261204/config.yaml
 * }
 */
public final class FusionExperiment {
  /** What the run's manifest says about its inputs. */
  static final String NOTE =
      "synthetic: a seeded city (dnt raytrace city's generator), cells and users drawn in its"
          + " streets; no measurements";

  private final FusionSettings settings;
  private final Progress progress;

  /**
   * Creates the experiment.
   *
   * @param settings the settings
   * @param progress receives one update per finished replication
   */
  public FusionExperiment(FusionSettings settings, Progress progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Runs the study and writes its settings, tables and report into the run's folder.
   *
   * @param run the results folder (started and finished by the caller)
   * @return the replications' rows, in seed order
   */
  public List<List<FusionStudy.Row>> run(ResultsRun run) {
    run.settings(settings.tree(), FusionSettings.comments()).note(NOTE);
    List<List<FusionStudy.Row>> reps =
        Replications.run(new FusionStudy(settings), settings.seed(), settings.seeds(), progress);
    FusionReport.write(run, reps, settings);
    return reps;
  }
}
