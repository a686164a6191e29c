package dnt.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Builds charts and writes them as PNG files, headless. */
public final class Charts {
  private Charts() {}

  /**
   * A bar with an error bar.
   *
   * @param series the legend entry (e.g. a metric)
   * @param category the x-axis category (e.g. a method)
   * @param mean the bar's height
   * @param halfWidth the half-width of the error bar (e.g. a 95% confidence interval)
   */
  public record Bar(String series, String category, double mean, double halfWidth) {}

  /**
   * A grouped bar chart with error bars.
   *
   * @param title the title
   * @param yLabel the value axis label
   * @param bars the bars
   * @return the chart
   */
  public static JFreeChart bars(String title, String yLabel, List<Bar> bars) {
    DefaultStatisticalCategoryDataset ds = new DefaultStatisticalCategoryDataset();
    for (Bar b : bars) {
      ds.add(b.mean(), b.halfWidth(), b.series(), b.category());
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, null, yLabel, ds, PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    StatisticalBarRenderer r = new StatisticalBarRenderer();
    r.setErrorIndicatorPaint(Color.BLACK);
    r.setDrawBarOutline(false);
    plot.setRenderer(r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.getDomainAxis().setMaximumCategoryLabelLines(3);
    return chart;
  }

  /**
   * A line series.
   *
   * @param name the legend entry
   * @param x the x values
   * @param y the y values, as many as x
   */
  public record Line(String name, double[] x, double[] y) {}

  /**
   * A line chart.
   *
   * @param title the title
   * @param xLabel the x-axis label
   * @param yLabel the y-axis label
   * @param lines the series
   * @return the chart
   */
  public static JFreeChart lines(String title, String xLabel, String yLabel, List<Line> lines) {
    XYSeriesCollection ds = new XYSeriesCollection();
    for (Line l : lines) {
      XYSeries s = new XYSeries(l.name(), false, true);
      for (int i = 0; i < l.x().length; i++) {
        s.add(l.x()[i], l.y()[i]);
      }
      ds.addSeries(s);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, xLabel, yLabel, ds, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < lines.size(); i++) {
      r.setSeriesStroke(i, new BasicStroke(1.5f));
    }
    plot.setRenderer(r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    return chart;
  }

  /**
   * Writes charts side by side into one PNG.
   *
   * @param file the PNG file
   * @param panelWidth the width of each chart in pixels
   * @param height the height in pixels
   * @param charts the charts, left to right
   */
  public static void savePng(Path file, int panelWidth, int height, JFreeChart... charts) {
    BufferedImage img =
        new BufferedImage(panelWidth * charts.length, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      for (int i = 0; i < charts.length; i++) {
        charts[i].draw(g, new Rectangle2D.Double(i * panelWidth, 0, panelWidth, height));
      }
    } finally {
      g.dispose();
    }
    write(img, file);
  }

  /**
   * Draws a table as a heat map with the value printed in each cell; colour is the value's position
   * between the table's minimum and maximum on a log scale when {@code logScale}.
   *
   * @param file the PNG file
   * @param title the title
   * @param rows the row labels
   * @param columns the column labels
   * @param values values[row][column]
   * @param logScale colour by log10(1 + value)
   */
  public static void heatmapPng(
      Path file,
      String title,
      List<String> rows,
      List<String> columns,
      double[][] values,
      boolean logScale) {
    int cellW = 110;
    int cellH = 28;
    int left = 170;
    int top = 70;
    int w = left + cellW * columns.size() + 20;
    int h = top + cellH * rows.size() + 20;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : values) {
      for (double v : row) {
        double c = logScale ? Math.log10(1 + Math.max(0, v)) : v;
        if (Double.isFinite(c)) {
          min = Math.min(min, c);
          max = Math.max(max, c);
        }
      }
    }
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, 10, 22);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      for (int c = 0; c < columns.size(); c++) {
        g.drawString(columns.get(c), left + c * cellW + 6, top - 10);
      }
      for (int r = 0; r < rows.size(); r++) {
        g.setColor(Color.BLACK);
        g.drawString(rows.get(r), 10, top + r * cellH + 19);
        for (int c = 0; c < columns.size(); c++) {
          double v = values[r][c];
          double cv = logScale ? Math.log10(1 + Math.max(0, v)) : v;
          double t = max > min && Double.isFinite(cv) ? (cv - min) / (max - min) : 0;
          g.setColor(heat(t));
          g.fillRect(left + c * cellW, top + r * cellH, cellW - 2, cellH - 2);
          g.setColor(t > 0.6 ? Color.WHITE : Color.BLACK);
          g.drawString(
              String.format(Locale.ROOT, "%.4g", v), left + c * cellW + 8, top + r * cellH + 19);
        }
      }
    } finally {
      g.dispose();
    }
    write(img, file);
  }

  private static Color heat(double t) {
    double x = Math.max(0, Math.min(1, t));
    int red = (int) Math.round(255 * Math.min(1, 0.2 + 1.6 * x));
    int green = (int) Math.round(255 * (1 - 0.85 * x));
    int blue = (int) Math.round(255 * (0.9 - 0.8 * x));
    return new Color(red, green, Math.max(0, blue));
  }

  private static void write(BufferedImage img, Path file) {
    try {
      if (!ImageIO.write(img, "png", file.toFile())) {
        throw new IllegalStateException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
