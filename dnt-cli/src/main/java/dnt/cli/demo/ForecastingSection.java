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
    ForecastingExperiment.demo().forEach(context.out()::println);
    context
        .out()
        .println("(full study: ./dnt experiment forecasting; details in docs/forecasting.md)");
  }
}
