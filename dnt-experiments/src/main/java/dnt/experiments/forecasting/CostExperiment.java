package dnt.experiments.forecasting;

import dnt.experiments.report.ResultsRun;

/**
 * {@code dnt experiment forecasting-cost} as one run: the settings, the forecasting run it prices
 * (its {@code config.yaml}, {@code metrics.csv} and {@code timing.csv} are the run's inputs, with
 * their checksums in the manifest), and the files of {@link CostReport}.
 */
public final class CostExperiment {
  private final CostSettings settings;
  private final CostStudy study;

  /**
   * Reads the forecasting run the settings name.
   *
   * @param settings the settings
   * @throws dnt.core.InvalidInputException if the run is missing or incomplete
   */
  public CostExperiment(CostSettings settings) {
    this.settings = settings;
    this.study = new CostStudy(settings);
  }

  /**
   * The study behind the run.
   *
   * @return the study
   */
  public CostStudy study() {
    return study;
  }

  /**
   * The forecasting run's base seed (the folder name's seed).
   *
   * @return the seed
   */
  public long seed() {
    return study.forecast().run().seed();
  }

  /**
   * The forecasting run's seed count.
   *
   * @return the count
   */
  public int seeds() {
    return study.seeds().size();
  }

  /**
   * Writes the settings, the inputs and the files of the run.
   *
   * @param run the results folder (started and finished by the caller)
   */
  public void run(ResultsRun run) {
    run.settings(settings.tree(), CostSettings.comments())
        .note(
            "analytic cost of the forecasting run's methods; training seconds are the run's"
                + " measured thread CPU time");
    for (String f : new String[] {"config.yaml", "metrics.csv", "timing.csv"}) {
      run.input(study.runDir().resolve(f));
    }
    CostReport.write(run, settings, study);
  }
}
