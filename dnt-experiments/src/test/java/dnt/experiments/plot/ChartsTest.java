package dnt.experiments.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.text.TextLine;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.junit.jupiter.api.Test;

/** The shared chart helper: labels, legends, error bars, axes, markers and colours. */
final class ChartsTest {
  /** A fixed-width font: every character is 10 units wide. */
  private static double width(String s) {
    return 10.0 * s.length();
  }

  @Test
  void labelsWrapAtSpacesAndNeverInsideAWord() {
    // "Persistence" (110 units) does not fit in 60: it keeps a line of its own, unbroken
    assertThat(Charts.wrap("Persistence", 60, ChartsTest::width)).containsExactly("Persistence");
    assertThat(Charts.wrap("Reliable RL w/ DNT", 120, ChartsTest::width))
        .containsExactly("Reliable RL", "w/ DNT");
    assertThat(Charts.wrap("H-twin w/o cluster", 30, ChartsTest::width))
        .containsExactly("H-twin", "w/o", "cluster");
  }

  @Test
  void theCategoryAxisOfABarChartWrapsWholeWords() {
    JFreeChart chart =
        Charts.bars(
            "t",
            "y",
            List.of(
                new Charts.Bar("MSE", "Persistence", 1, Double.NaN),
                new Charts.Bar("MSE", "Reliable RL w/ DNT", 1, Double.NaN)));
    CategoryPlot plot = chart.getCategoryPlot();
    assertThat(plot.getDomainAxis()).isInstanceOf(Charts.WordWrapCategoryAxis.class);
    Graphics2D g = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      Charts.WordWrapCategoryAxis axis = (Charts.WordWrapCategoryAxis) plot.getDomainAxis();
      // 20 pixels is narrower than "Reliable" at the axis font
      TextBlock block = axis.createLabel("Reliable RL w/ DNT", 20f, RectangleEdge.BOTTOM, g);
      // and the font shrinks (to at least 7 pt) rather than let a long word overflow
      assertThat(((TextLine) block.getLines().get(0)).getFirstTextFragment().getFont().getSize2D())
          .isLessThan(axis.getTickLabelFont().getSize2D())
          .isGreaterThanOrEqualTo(7f);
      List<String> lines = new ArrayList<>();
      for (Object l : block.getLines()) { // a raw List in JFreeChart's API
        lines.add(((TextLine) l).getFirstTextFragment().getText());
      }
      // whole words only: the lines joined by spaces give the label back, and it does wrap
      assertThat(String.join(" ", lines)).isEqualTo("Reliable RL w/ DNT");
      assertThat(lines).hasSizeGreaterThan(1).contains("Reliable");
    } finally {
      g.dispose();
    }
    assertThat(chart.getLegend()).isNotNull();
  }

  @Test
  void oneSeedDrawsNoErrorBarAndBarsStartAtZero() {
    JFreeChart chart =
        Charts.bars("t", "y", List.of(new Charts.Bar("MSE", "V-twin", 5, Double.NaN)));
    StatisticalCategoryDataset ds =
        (StatisticalCategoryDataset) chart.getCategoryPlot().getDataset();
    assertThat(ds.getStdDevValue(0, 0)).isNull();
    assertThat(((NumberAxis) chart.getCategoryPlot().getRangeAxis()).getLowerBound()).isZero();
  }

  @Test
  void errorBarsOfANonNegativeQuantityStopAtZero() {
    assertThat(Charts.errorRange(1, 3, true)).containsExactly(0, 4);
    assertThat(Charts.errorRange(1, 3, false)).containsExactly(-2, 4);
    // counts with a wide interval: the axis still starts at zero, not at mean - halfWidth
    JFreeChart chart =
        Charts.bars(
            "t",
            "count",
            List.of(new Charts.Bar("vetoes", "A", 1, 3), new Charts.Bar("vetoes", "B", 2, 0.5)));
    NumberAxis y = (NumberAxis) chart.getCategoryPlot().getRangeAxis();
    assertThat(y.getLowerBound()).isZero();
    assertThat(y.getUpperBound()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void linesGetDistinctMarkersAndPaletteColours() {
    List<Charts.Line> lines = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      lines.add(new Charts.Line("s" + i, new double[] {0, 1}, new double[] {1, 1}));
    }
    JFreeChart chart = Charts.lines("t", "x", "y", lines);
    XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
    Set<String> shapes = new HashSet<>();
    Set<Object> paints = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      shapes.add(r.getSeriesShape(i).getBounds2D() + " " + r.getSeriesShape(i).getClass());
      paints.add(r.getSeriesPaint(i));
    }
    assertThat(r.getDefaultShapesVisible()).isTrue();
    assertThat(paints).hasSize(8);
    assertThat(shapes).hasSizeGreaterThan(4);
    assertThat(chart.getLegend()).isNotNull();
  }

  @Test
  void thePaletteHasNoColourThatVanishesOnWhite() {
    // WCAG relative luminance; yellow #F0E442 has 0.74 (contrast 1.3 on white); every colour of
    // the palette must stay at or below 0.5 (contrast at least 1.9 on white)
    for (Color c : Charts.PALETTE) {
      assertThat(luminance(c)).as("%s", c).isLessThanOrEqualTo(0.5);
    }
    assertThat(luminance(new Color(0xF0E442))).isGreaterThan(0.5);
  }

  private static double luminance(Color c) {
    return 0.2126 * lin(c.getRed()) + 0.7152 * lin(c.getGreen()) + 0.0722 * lin(c.getBlue());
  }

  @Test
  void keyedLinesKeepTheirColourAndMarkerInEveryPanel() {
    List<String> legend = List.of("mean", "median", "tid");
    double[] x = {1, 10, 100};
    // two panels holding different subsets of the legend, in different orders
    JFreeChart a =
        Charts.lines(
            "a",
            "x",
            Charts.Scale.LOG,
            "y",
            Charts.Scale.AUTO,
            legend,
            List.of(
                new Charts.Line("mean", x, new double[] {0.5, 5, 50}),
                new Charts.Line("tid", x, new double[] {0.4, 0.4, 0.4})),
            List.of());
    JFreeChart b =
        Charts.lines(
            "b",
            "x",
            Charts.Scale.LINEAR,
            "y",
            Charts.Scale.AUTO,
            legend,
            List.of(
                new Charts.Line("tid", x, new double[] {0.4, 0.5, 0.6}),
                new Charts.Line("median", x, new double[] {0.4, 0.4, 0.4})),
            List.of(new Charts.Reference("no noise", 0.3)));
    XYLineAndShapeRenderer ra = (XYLineAndShapeRenderer) a.getXYPlot().getRenderer();
    XYLineAndShapeRenderer rb = (XYLineAndShapeRenderer) b.getXYPlot().getRenderer();
    // "tid" is series 1 of a and series 0 of b: the same colour and marker, legend entry 2's
    assertThat(ra.getSeriesPaint(1))
        .isEqualTo(rb.getSeriesPaint(0))
        .isEqualTo(Charts.PALETTE.get(2));
    assertThat(ra.getSeriesShape(1)).isEqualTo(rb.getSeriesShape(0));
    assertThat(ra.getSeriesPaint(0)).isEqualTo(Charts.PALETTE.get(0));
    assertThat(rb.getSeriesPaint(1)).isEqualTo(Charts.PALETTE.get(1));
    // 0.4 to 50 spans more than 10x: log; 0.3 to 0.6 does not: linear from zero
    assertThat(a.getXYPlot().getRangeAxis()).isInstanceOf(LogAxis.class);
    assertThat(a.getXYPlot().getRangeAxis().getLabel()).isEqualTo("y (log scale)");
    assertThat(a.getXYPlot().getDomainAxis().getLabel()).isEqualTo("x (log scale)");
    assertThat(b.getXYPlot().getRangeAxis()).isInstanceOf(NumberAxis.class);
    assertThat(b.getXYPlot().getRangeAxis().getLabel()).isEqualTo("y");
    assertThat(b.getXYPlot().getRangeAxis().getLowerBound()).isEqualTo(0.0);
    // the reference is a third series across the x range, without markers, in the legend
    assertThat(b.getXYPlot().getDataset().getSeriesCount()).isEqualTo(3);
    assertThat(b.getXYPlot().getDataset().getXValue(2, 0)).isEqualTo(1.0);
    assertThat(b.getXYPlot().getDataset().getXValue(2, 1)).isEqualTo(100.0);
    assertThat(rb.getSeriesShapesVisible(2)).isFalse();
    assertThat(b.getXYPlot().getLegendItems().getItemCount()).isEqualTo(3);
  }

  @Test
  void barsOfABoundedQuantityStopAtItsMaximum() {
    // a rate of 0.95 with a half-width of 0.1: the interval crosses 1, the axis does not
    JFreeChart rate =
        Charts.bars("rate", "hit rate", List.of(new Charts.Bar("s", "a", 0.95, 0.1)), 1);
    assertThat(rate.getCategoryPlot().getRangeAxis().getLowerBound()).isEqualTo(0.0);
    assertThat(rate.getCategoryPlot().getRangeAxis().getUpperBound()).isEqualTo(1.0);
    JFreeChart count =
        Charts.bars(
            "count", "n", List.of(new Charts.Bar("s", "a", 10, 30)), Double.POSITIVE_INFINITY);
    assertThat(count.getCategoryPlot().getRangeAxis().getLowerBound()).isEqualTo(0.0);
    assertThat(count.getCategoryPlot().getRangeAxis().getUpperBound()).isGreaterThan(40.0);
    assertThat(
            Charts.tiltedLabels(rate).getCategoryPlot().getDomainAxis().getCategoryLabelPositions())
        .isEqualTo(CategoryLabelPositions.UP_45);
  }

  private static double lin(int v) {
    double s = v / 255.0;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  }
}
