package dnt.cli.demo;

import dnt.experiments.forecasting.ForecastingExperiment;

/**
 * A short run of the paper's first case study (Sec. IV-A): vertical (synchronous, clustered) and
 * horizontal (asynchronous) federated twinning against a centralized twin and the baselines, on a
 * few cells of the bundled subset. The full study is {@code dnt experiment forecasting}.
 */
final class ForecastingSection implements DemoSection {
  @Override
  public String title() {
    return "Federated traffic twins (V-twin / H-twin, a short run)";
  }

  @Override
  public void run(DemoContext context) {
    ForecastingExperiment.demo().lines().forEach(context.out()::println);
    context
        .out()
        .println(
            "(one seed, a small model and 6 cells; the full study with all seven methods on 25"
                + " cells and 95% intervals over seeds: ./dnt experiment forecasting --seeds 3;"
                + " details in docs/forecasting.md)");
  }
}
