package dnt.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.DrawingSupplier;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRendererState;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Builds charts and writes them as PNG files, headless. Every chart uses the colour-blind-safe
 * Okabe-Ito palette without its yellow (Okabe and Ito, "Color Universal Design", 2008), shows a
 * legend, wraps category labels at spaces only, starts bar axes at zero, draws an error bar only
 * where there is an interval (never for one seed) and never below zero for a non-negative quantity,
 * and gives every line its own marker so that overlapping lines stay distinguishable.
 */
public final class Charts {
  /**
   * The palette: Okabe-Ito blue, vermillion, bluish green, reddish purple, orange, sky blue, black,
   * then a grey; the yellow (#F0E442) is left out because it vanishes on white.
   */
  public static final List<Color> PALETTE =
      List.of(
          new Color(0x0072B2),
          new Color(0xD55E00),
          new Color(0x009E73),
          new Color(0xCC79A7),
          new Color(0xE69F00),
          new Color(0x56B4E9),
          new Color(0x000000),
          new Color(0x999999));

  /** A ratio of largest to smallest value above which an {@link Scale#AUTO} axis is logarithmic. */
  static final double LOG_SPAN = 10;

  /** The width of every line. */
  private static final float LINE_WIDTH = 1.5f;

  /** The markers, one per series in turn (ten shapes; colours cycle with period eight). */
  private static final Shape[] MARKERS = DefaultDrawingSupplier.createStandardSeriesShapes();

  private Charts() {}

  /**
   * How a line chart's value axis is scaled. A logarithmic axis labels every power of ten with the
   * value itself and says "(log scale)" after its label.
   */
  public enum Scale {
    /** Linear, including zero. */
    LINEAR,
    /** Base-10 logarithmic. */
    LOG,
    /** Logarithmic when every value is positive and they span more than a factor of 10. */
    AUTO
  }

  /**
   * A horizontal reference line across the chart, dashed grey without markers (e.g. a result
   * without noise beside a curve of noisy ones).
   *
   * @param name the legend entry
   * @param y its value
   */
  public record Reference(String name, double y) {}

  /**
   * A bar with an error bar.
   *
   * @param series the legend entry (e.g. a metric)
   * @param category the x-axis category (e.g. a method)
   * @param mean the bar's height
   * @param halfWidth the half-width of the error bar (e.g. a 95% confidence interval); NaN for no
   *     error bar (one seed)
   */
  public record Bar(String series, String category, double mean, double halfWidth) {}

  /**
   * A grouped bar chart with error bars; a quantity whose bars are all non-negative (errors,
   * seconds, counts, rates) is taken to be non-negative and its error bars stop at zero.
   *
   * @param title the title
   * @param yLabel the value axis label
   * @param bars the bars
   * @return the chart
   */
  public static JFreeChart bars(String title, String yLabel, List<Bar> bars) {
    return bars(title, yLabel, bars, bars.stream().allMatch(b -> !(b.mean() < 0)));
  }

  /**
   * A grouped bar chart with error bars, its value axis starting at zero (or below, for negative
   * bars).
   *
   * @param title the title
   * @param yLabel the value axis label
   * @param bars the bars
   * @param nonNegative the quantity cannot be negative: clamp error bars at zero
   * @return the chart
   */
  public static JFreeChart bars(String title, String yLabel, List<Bar> bars, boolean nonNegative) {
    DefaultStatisticalCategoryDataset ds = new DefaultStatisticalCategoryDataset();
    double low = 0;
    double high = 0;
    for (Bar b : bars) {
      boolean interval = Double.isFinite(b.halfWidth());
      Number mean = b.mean();
      Number hw = interval ? Double.valueOf(b.halfWidth()) : null;
      ds.add(mean, hw, b.series(), b.category());
      double[] range = interval ? errorRange(b.mean(), b.halfWidth(), nonNegative) : null;
      low = Math.min(low, range == null ? b.mean() : range[0]);
      high = Math.max(high, range == null ? b.mean() : range[1]);
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, null, yLabel, ds, PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setDrawingSupplier(drawingSupplier());
    ErrorBarRenderer r = new ErrorBarRenderer(nonNegative);
    r.setDrawBarOutline(false);
    r.setShadowVisible(false);
    r.setBarPainter(new StandardBarPainter());
    plot.setRenderer(r);
    WordWrapCategoryAxis axis = new WordWrapCategoryAxis();
    axis.setMaximumCategoryLabelLines(4);
    plot.setDomainAxis(axis);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    NumberAxis y = (NumberAxis) plot.getRangeAxis();
    if (high > low) {
      double pad = 0.05 * (high - low);
      y.setRange(low < 0 ? low - pad : 0, high + pad);
    }
    return chart;
  }

  /**
   * A grouped bar chart of a non-negative quantity with a known maximum (1 for a rate or Jain's
   * index, infinity for a count): the value axis runs from zero to at most that maximum, so an
   * interval reaching below zero or above the maximum is cut at the axis (a Student-t interval of a
   * bounded quantity may cross its bounds).
   *
   * @param title the title
   * @param yLabel the value axis label
   * @param bars the bars
   * @param max the quantity's largest possible value
   * @return the chart
   */
  public static JFreeChart bars(String title, String yLabel, List<Bar> bars, double max) {
    JFreeChart chart = bars(title, yLabel, bars, true);
    NumberAxis y = (NumberAxis) chart.getCategoryPlot().getRangeAxis();
    y.setRange(0, Math.min(max, y.getUpperBound()));
    return chart;
  }

  /**
   * Tilts a bar chart's category labels by 45 degrees, for many categories with long names: tilted
   * labels are never wrapped, so every name is shown in full and never broken inside a word.
   *
   * @param chart a bar chart from {@link #bars}
   * @return the chart
   */
  public static JFreeChart tiltedLabels(JFreeChart chart) {
    chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    return chart;
  }

  /**
   * The ends of an error bar.
   *
   * @param mean the bar's height
   * @param halfWidth the half-width
   * @param nonNegative clamp the lower end at zero
   * @return {low, high}
   */
  static double[] errorRange(double mean, double halfWidth, boolean nonNegative) {
    double lo = mean - halfWidth;
    return new double[] {nonNegative ? Math.max(0, lo) : lo, mean + halfWidth};
  }

  /** Draws the bars, then each error bar (if any) over its bar, clamped at zero if asked. */
  static final class ErrorBarRenderer extends BarRenderer {
    private static final long serialVersionUID = 1L;
    private final boolean nonNegative;

    ErrorBarRenderer(boolean nonNegative) {
      this.nonNegative = nonNegative;
    }

    @Override
    public void drawItem(
        Graphics2D g2,
        CategoryItemRendererState state,
        Rectangle2D dataArea,
        CategoryPlot plot,
        CategoryAxis domainAxis,
        ValueAxis rangeAxis,
        CategoryDataset dataset,
        int row,
        int column,
        int pass) {
      super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
      int visibleRow = state.getVisibleSeriesIndex(row);
      if (visibleRow < 0 || !(dataset instanceof StatisticalCategoryDataset sd)) {
        return;
      }
      Number mean = sd.getMeanValue(row, column);
      Number hw = sd.getStdDevValue(row, column);
      if (mean == null || hw == null || !Double.isFinite(hw.doubleValue())) {
        return;
      }
      double[] range = errorRange(mean.doubleValue(), hw.doubleValue(), nonNegative);
      double w0 =
          calculateBarW0(
              plot, plot.getOrientation(), dataArea, domainAxis, state, visibleRow, column);
      double x = w0 + state.getBarWidth() / 2;
      double cap = state.getBarWidth() / 4;
      double yLo = rangeAxis.valueToJava2D(range[0], dataArea, plot.getRangeAxisEdge());
      double yHi = rangeAxis.valueToJava2D(range[1], dataArea, plot.getRangeAxisEdge());
      g2.setPaint(Color.BLACK);
      g2.setStroke(new BasicStroke(1.0f));
      g2.draw(new Line2D.Double(x, yLo, x, yHi));
      g2.draw(new Line2D.Double(x - cap, yHi, x + cap, yHi));
      g2.draw(new Line2D.Double(x - cap, yLo, x + cap, yLo));
    }
  }

  /** A category axis whose labels wrap at spaces only, never inside a word. */
  static final class WordWrapCategoryAxis extends CategoryAxis {
    private static final long serialVersionUID = 1L;

    @Override
    @SuppressWarnings("rawtypes") // the overridden signature of JFreeChart's CategoryAxis
    protected TextBlock createLabel(
        Comparable category, float width, RectangleEdge edge, Graphics2D g2) {
      Font font = getTickLabelFont(category);
      FontMetrics fm = g2.getFontMetrics(font);
      double longest = 0;
      for (String word : category.toString().trim().split(" +", -1)) {
        longest = Math.max(longest, fm.stringWidth(word));
      }
      if (longest > width && width > 0) {
        // a word wider than its category: a smaller font (not below 7 pt) rather than overlap
        float size = (float) Math.max(7, font.getSize2D() * width / longest);
        font = font.deriveFont(size);
        fm = g2.getFontMetrics(font);
      }
      TextBlock block = new TextBlock();
      for (String line : wrap(category.toString(), width, fm::stringWidth)) {
        block.addLine(line, font, getTickLabelPaint(category));
      }
      return block;
    }
  }

  /**
   * Wraps text at spaces into lines no wider than {@code width} where possible; a word wider than
   * that gets a line of its own and is never broken.
   *
   * @param text the text
   * @param width the available width
   * @param measure the width of a string
   * @return the lines
   */
  static List<String> wrap(String text, double width, ToDoubleFunction<String> measure) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split(" +", -1)) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (line.length() > 0 && measure.applyAsDouble(candidate) > width) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static DrawingSupplier drawingSupplier() {
    return new DefaultDrawingSupplier(
        PALETTE.toArray(Paint[]::new),
        DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE,
        DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE,
        DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
        DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
        DefaultDrawingSupplier.createStandardSeriesShapes());
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
   * A line chart: palette colours, a distinct marker per series and a legend.
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
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < lines.size(); i++) {
      r.setSeriesStroke(i, new BasicStroke(LINE_WIDTH));
      r.setSeriesPaint(i, PALETTE.get(i % PALETTE.size()));
      // colour and shape cycle with periods 8 and 10: 40 distinct combinations
      r.setSeriesShape(i, MARKERS[i % MARKERS.length]);
    }
    plot.setRenderer(r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    return chart;
  }

  /**
   * A line chart whose series keep one colour and marker across panels: each line's name is looked
   * up in {@code legend}, whose order fixes the colours and markers, so the same rule or method
   * looks the same in every panel of a figure; scales and reference lines as given.
   *
   * @param title the title
   * @param xLabel the x-axis label (a log axis appends "(log scale)")
   * @param xScale the x-axis scale
   * @param yLabel the y-axis label (a log axis appends "(log scale)")
   * @param yScale the y-axis scale
   * @param legend every series name that may appear in the figure, in legend order
   * @param lines the series
   * @param references horizontal reference lines, drawn after the series
   * @return the chart
   */
  public static JFreeChart lines(
      String title,
      String xLabel,
      Scale xScale,
      String yLabel,
      Scale yScale,
      List<String> legend,
      List<Line> lines,
      List<Reference> references) {
    double xLo = Double.POSITIVE_INFINITY;
    double xHi = Double.NEGATIVE_INFINITY;
    List<Line> all = new ArrayList<>(lines);
    for (Line l : lines) {
      for (double x : l.x()) {
        xLo = Math.min(xLo, x);
        xHi = Math.max(xHi, x);
      }
    }
    if (xLo <= xHi) {
      for (Reference ref : references) {
        all.add(new Line(ref.name(), new double[] {xLo, xHi}, new double[] {ref.y(), ref.y()}));
      }
    }
    JFreeChart chart = lines(title, xLabel, yLabel, all);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
    for (int i = 0; i < lines.size(); i++) {
      int k = Math.max(0, legend.indexOf(lines.get(i).name()));
      r.setSeriesPaint(i, PALETTE.get(k % PALETTE.size()));
      r.setSeriesShape(i, MARKERS[k % MARKERS.length]);
    }
    for (int i = lines.size(); i < all.size(); i++) {
      r.setSeriesPaint(i, Color.DARK_GRAY);
      r.setSeriesShapesVisible(i, false);
      r.setSeriesStroke(
          i,
          new BasicStroke(
              1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    }
    if (log(xScale, lines, Line::x) && xHi > xLo) {
      replaceAxis(plot.getDomainAxis(), logAxis(xLabel), plot::setDomainAxis);
    }
    ValueAxis y;
    if (log(yScale, lines, Line::y)) {
      y = logAxis(yLabel);
    } else {
      NumberAxis linear = new NumberAxis(yLabel);
      linear.setAutoRangeIncludesZero(true);
      y = linear;
    }
    replaceAxis(plot.getRangeAxis(), y, plot::setRangeAxis);
    return chart;
  }

  /**
   * Adds a line of text under a chart's title (the setting a figure was drawn for).
   *
   * @param chart the chart
   * @param text the subtitle
   * @return the chart
   */
  public static JFreeChart subtitled(JFreeChart chart, String text) {
    chart.addSubtitle(new TextTitle(text));
    return chart;
  }

  private static boolean log(
      Scale scale, List<Line> lines, java.util.function.Function<Line, double[]> values) {
    if (scale != Scale.AUTO) {
      return scale == Scale.LOG;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (Line l : lines) {
      for (double v : values.apply(l)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return lo > 0 && hi / lo > LOG_SPAN;
  }

  /** A base-10 log axis with a labelled tick at every power of ten and minor ticks between. */
  private static LogAxis logAxis(String label) {
    LogAxis axis = new LogAxis(label + " (log scale)");
    axis.setTickUnit(new NumberTickUnit(1), false, false);
    axis.setAutoTickUnitSelection(false);
    axis.setMinorTickMarksVisible(true);
    axis.setMinorTickCount(9);
    axis.setNumberFormatOverride(
        new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    return axis;
  }

  /** Puts an axis in another's place, keeping the chart theme's fonts. */
  private static void replaceAxis(
      ValueAxis from, ValueAxis to, java.util.function.Consumer<ValueAxis> set) {
    to.setLabelFont(from.getLabelFont());
    to.setLabelPaint(from.getLabelPaint());
    to.setTickLabelFont(from.getTickLabelFont());
    to.setTickLabelPaint(from.getTickLabelPaint());
    set.accept(to);
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
   * Draws a table as a heat map with the value printed in each cell; colour (a viridis-like map,
   * dark for low, yellow-green for high) is the value's position between the table's minimum and
   * maximum on a log scale when {@code logScale}, explained by a colour bar on the right.
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
    int barLeft = left + cellW * columns.size() + 20;
    int w = barLeft + 110;
    int h = Math.max(top + cellH * rows.size() + 20, top + 160);
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
          g.setColor(t < 0.5 ? Color.WHITE : Color.BLACK);
          g.drawString(
              String.format(Locale.ROOT, "%.4g", v), left + c * cellW + 8, top + r * cellH + 19);
        }
      }
      colourBar(g, barLeft, top, min, max, logScale);
    } finally {
      g.dispose();
    }
    write(img, file);
  }

  /** The legend of a heat map: the colour ramp from the table's minimum to its maximum. */
  private static void colourBar(
      Graphics2D g, int x, int top, double min, double max, boolean logScale) {
    int height = 120;
    for (int i = 0; i < height; i++) {
      g.setColor(heat(1 - i / (double) (height - 1)));
      g.fillRect(x, top + i, 18, 1);
    }
    g.setColor(Color.BLACK);
    g.drawRect(x, top, 18, height);
    double hi = logScale ? Math.pow(10, max) - 1 : max;
    double lo = logScale ? Math.pow(10, min) - 1 : min;
    g.drawString(String.format(Locale.ROOT, "%.3g", hi), x + 24, top + 10);
    g.drawString(String.format(Locale.ROOT, "%.3g", lo), x + 24, top + height);
    g.drawString(logScale ? "log colour" : "colour", x - 2, top - 10);
  }

  /** Anchors of the viridis colour map (matplotlib), at t = 0, 0.25, 0.5, 0.75, 1. */
  private static final int[] VIRIDIS = {0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725};

  /**
   * The viridis-like colour of t in [0, 1] (linear between five anchors): perceptually ordered and
   * readable by colour-blind viewers.
   *
   * @param t the position
   * @return the colour
   */
  static Color heat(double t) {
    double x = Double.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0;
    double pos = x * (VIRIDIS.length - 1);
    int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(pos));
    double f = pos - i;
    Color a = new Color(VIRIDIS[i]);
    Color b = new Color(VIRIDIS[i + 1]);
    return new Color(
        (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
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
