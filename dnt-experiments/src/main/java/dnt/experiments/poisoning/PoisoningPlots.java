package dnt.experiments.poisoning;

import dnt.experiments.plot.Charts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.util.ShapeUtils;

/**
 * The poisoning study's figures: the Table II heat maps, the sweeps and the DP-FedAvg curve. Each
 * rule keeps one colour (from {@link Charts#PALETTE}, the Okabe-Ito palette every study's plots
 * use) and one marker in every panel, so overlapping lines stay distinguishable and the legend
 * reads the same everywhere; axes that span more than a factor of 10 are logarithmic and label the
 * values themselves, the others start at zero.
 */
final class PoisoningPlots {
  private static final Shape[] MARKERS = {
    new Ellipse2D.Double(-4, -4, 8, 8),
    new Rectangle2D.Double(-3.5, -3.5, 7, 7),
    ShapeUtils.createUpTriangle(4.5f),
    ShapeUtils.createDiamond(4.5f),
    ShapeUtils.createDownTriangle(4.5f),
    new Ellipse2D.Double(-2.5, -2.5, 5, 5),
    new Rectangle2D.Double(-2, -2, 4, 4)
  };

  /** A ratio of largest to smallest value above which a value axis is logarithmic. */
  private static final double LOG_SPAN = 10;

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
        panel("MPAF lambda (" + share + ")", "lambda (log scale)", true, rules, lambda),
        panel("TPI eta (" + share + ")", "eta (log scale)", true, rules, eta));
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
    List<Charts.Line> lines =
        Double.isNaN(noiseless) || epsilon.length == 0
            ? List.of(new Charts.Line("DP-FedAvg", epsilon, mae))
            : List.of(
                new Charts.Line("DP-FedAvg", epsilon, mae),
                new Charts.Line(
                    "no noise (epsilon infinite)",
                    new double[] {min(epsilon), max(epsilon)},
                    new double[] {noiseless, noiseless}));
    JFreeChart chart =
        Charts.lines("DP-FedAvg: test MAE vs epsilon", "epsilon (log scale)", "test MAE", lines);
    chart.addSubtitle(new TextTitle(subtitle));
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, Charts.PALETTE.get(0));
    r.setSeriesShape(0, MARKERS[0]);
    r.setSeriesStroke(0, new BasicStroke(1.8f));
    r.setSeriesPaint(1, Color.DARK_GRAY);
    r.setSeriesShapesVisible(1, false);
    r.setSeriesStroke(
        1,
        new BasicStroke(
            1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    plot.setRenderer(r);
    if (epsilon.length > 0 && max(epsilon) > min(epsilon)) {
      replaceDomainAxis(plot, logAxis("epsilon (log scale)"));
    }
    NumberAxis y = new NumberAxis("test MAE");
    y.setAutoRangeIncludesZero(true);
    replaceRangeAxis(plot, y);
    Charts.savePng(file, 560, 400, chart);
  }

  /**
   * One sweep panel.
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
    List<Charts.Line> lines =
        curves.stream().map(c -> new Charts.Line(c.rule(), c.x(), c.y())).toList();
    JFreeChart chart = Charts.lines(title, xLabel, "test MAE", lines);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (int i = 0; i < curves.size(); i++) {
      int k = Math.max(0, rules.indexOf(curves.get(i).rule()));
      r.setSeriesPaint(i, Charts.PALETTE.get(k % Charts.PALETTE.size()));
      r.setSeriesShape(i, MARKERS[k % MARKERS.length]);
      r.setSeriesStroke(i, new BasicStroke(1.8f));
      lo = Math.min(lo, min(curves.get(i).y()));
      hi = Math.max(hi, max(curves.get(i).y()));
    }
    plot.setRenderer(r);
    if (logX) {
      replaceDomainAxis(plot, logAxis(xLabel));
    }
    ValueAxis y;
    if (lo > 0 && hi / lo > LOG_SPAN) {
      y = logAxis("test MAE (log scale, capped at 100)");
    } else {
      NumberAxis linear = new NumberAxis("test MAE");
      linear.setAutoRangeIncludesZero(true);
      y = linear;
    }
    replaceRangeAxis(plot, y);
    return chart;
  }

  /** A base-10 log axis with a labelled tick at every power of ten and minor ticks between. */
  private static LogAxis logAxis(String label) {
    LogAxis axis = new LogAxis(label);
    axis.setTickUnit(new NumberTickUnit(1), false, false);
    axis.setAutoTickUnitSelection(false);
    axis.setMinorTickMarksVisible(true);
    axis.setMinorTickCount(9);
    axis.setNumberFormatOverride(
        new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    return axis;
  }

  /** Puts an axis in the domain axis's place, keeping the chart theme's fonts. */
  private static void replaceDomainAxis(XYPlot plot, ValueAxis axis) {
    copyFonts(plot.getDomainAxis(), axis);
    plot.setDomainAxis(axis);
  }

  /** Puts an axis in the range axis's place, keeping the chart theme's fonts. */
  private static void replaceRangeAxis(XYPlot plot, ValueAxis axis) {
    copyFonts(plot.getRangeAxis(), axis);
    plot.setRangeAxis(axis);
  }

  private static void copyFonts(ValueAxis from, ValueAxis to) {
    to.setLabelFont(from.getLabelFont());
    to.setLabelPaint(from.getLabelPaint());
    to.setTickLabelFont(from.getTickLabelFont());
    to.setTickLabelPaint(from.getTickLabelPaint());
  }

  private static double min(double[] x) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : x) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static double max(double[] x) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      m = Math.max(m, v);
    }
    return m;
  }
}
