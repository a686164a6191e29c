package dnt.experiments.poisoning;

import dnt.experiments.plot.Charts;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;

/**
 * The poisoning study's figures: the Table II heat maps, the sweeps and the DP-FedAvg curve, all
 * drawn by {@link Charts} (the one plotting facade): each rule keeps one colour and one marker in
 * every panel, so overlapping lines stay distinguishable and the legend reads the same everywhere;
 * axes that span more than a factor of 10 are logarithmic and label the values themselves, the
 * others start at zero.
 */
final class PoisoningPlots {
  private PoisoningPlots() {}

  /**
   * One rule's values along a sweep.
   *
   * @param rule the rule's registry name (the legend entry)
   * @param x the swept values
   * @param y the test MAE at each
   */
  record Curve(String rule, double[] x, double[] y) {}

  /**
   * A Table II heat map: the value printed in every cell, the colour on a log scale from the
   * table's smallest (dark) to its largest (yellow-green) value, with a colour bar.
   *
   * @param file the PNG
   * @param metric "mae" or "mse"
   * @param rules the row labels
   * @param columns the column labels
   * @param values values[rule][column]
   */
  static void heatmap(
      Path file, String metric, List<String> rules, List<String> columns, double[][] values) {
    Charts.heatmapPng(
        file,
        "Table II: test "
            + metric.toUpperCase(Locale.ROOT)
            + ", normalised, capped at 100 (colour: log scale, see the bar)",
        rules,
        columns,
        values,
        true);
  }

  /**
   * The sweeps, four panels side by side: the fake share under MPAF and under TPI, MPAF's lambda
   * and TPI's eta, every rule in its own colour and marker.
   *
   * @param file the PNG
   * @param rules the rules, in legend order
   * @param shareMpaf MAE against the fake share (in percent) under MPAF
   * @param shareTpi MAE against the fake share (in percent) under TPI
   * @param lambda MAE against MPAF's lambda
   * @param eta MAE against TPI's eta
   * @param fakeShare the fake share of the lambda and eta sweeps
   */
  static void sweeps(
      Path file,
      List<String> rules,
      List<Curve> shareMpaf,
      List<Curve> shareTpi,
      List<Curve> lambda,
      List<Curve> eta,
      double fakeShare) {
    String share = String.format(Locale.ROOT, "%.0f%% fakes", 100 * fakeShare);
    Charts.savePng(
        file,
        440,
        420,
        panel("Fake share, MPAF (V-twin)", "fake share (%)", false, rules, shareMpaf),
        panel("Fake share, TPI (V-twin)", "fake share (%)", false, rules, shareTpi),
        panel("MPAF lambda (" + share + ")", "lambda", true, rules, lambda),
        panel("TPI eta (" + share + ")", "eta", true, rules, eta));
  }

  /**
   * DP-FedAvg's test MAE against epsilon, with the noiseless run as a dashed reference line.
   *
   * @param file the PNG
   * @param subtitle the setting (clipping norm, sampling rate, delta)
   * @param epsilon the epsilons of the noisy runs
   * @param mae their test MAE
   * @param noiseless the test MAE without noise (epsilon infinite), NaN if not run
   */
  static void privacy(
      Path file, String subtitle, double[] epsilon, double[] mae, double noiseless) {
    String name = "DP-FedAvg";
    JFreeChart chart =
        Charts.lines(
            "DP-FedAvg: test MAE vs epsilon",
            "epsilon",
            Charts.Scale.LOG,
            "test MAE",
            Charts.Scale.LINEAR,
            List.of(name),
            List.of(new Charts.Line(name, epsilon, mae)),
            Double.isNaN(noiseless)
                ? List.of()
                : List.of(new Charts.Reference("no noise (epsilon infinite)", noiseless)));
    Charts.savePng(file, 560, 400, Charts.subtitled(chart, subtitle));
  }

  /**
   * One sweep panel: every rule in its own colour and marker (fixed by its place in {@code rules}),
   * the test MAE on a log axis when it spans more than a factor of 10.
   *
   * @param title the title
   * @param xLabel the x-axis label
   * @param logX whether the swept values are shown on a log scale
   * @param rules the rules, in legend order (they fix each rule's colour and marker)
   * @param curves the curves
   * @return the chart
   */
  static JFreeChart panel(
      String title, String xLabel, boolean logX, List<String> rules, List<Curve> curves) {
    return Charts.lines(
        title,
        xLabel,
        logX ? Charts.Scale.LOG : Charts.Scale.LINEAR,
        "test MAE, capped at 100",
        Charts.Scale.AUTO,
        rules,
        curves.stream().map(c -> new Charts.Line(c.rule(), c.x(), c.y())).toList(),
        List.of());
  }
}
