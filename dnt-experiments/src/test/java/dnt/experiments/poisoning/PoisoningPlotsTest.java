package dnt.experiments.poisoning;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poisoning study's figures, drawn from made-up numbers: one legend entry per rule with the
 * same colour and marker in every panel, no yellow, log axes only where values span more than a
 * factor of 10 and linear axes from zero otherwise.
 */
final class PoisoningPlotsTest {
  @TempDir Path dir;

  private static final List<String> RULES = PoisoningExperiment.SWEEP_RULES;

  private static List<PoisoningPlots.Curve> curves(double[] x, double blowUp) {
    List<PoisoningPlots.Curve> out = new ArrayList<>();
    for (int k = 0; k < RULES.size(); k++) {
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = 0.4 + 0.01 * k + (k == 0 && i > 0 ? blowUp : 0);
      }
      out.add(new PoisoningPlots.Curve(RULES.get(k), x, y));
    }
    return out;
  }

  @Test
  void everyRuleHasOneColourAndMarkerInEveryPanelAndALegendEntry() {
    double[] shares = {0, 5, 10, 20, 30};
    JFreeChart mpaf = PoisoningPlots.panel("a", "x", false, RULES, curves(shares, 99.6));
    JFreeChart tpi = PoisoningPlots.panel("b", "x", false, RULES, curves(shares, 0));
    for (JFreeChart chart : List.of(mpaf, tpi)) {
      XYPlot plot = chart.getXYPlot();
      List<String> legend = new ArrayList<>();
      List<Color> colours = new ArrayList<>();
      for (int i = 0; i < plot.getLegendItems().getItemCount(); i++) {
        LegendItem item = plot.getLegendItems().get(i);
        legend.add(item.getLabel());
        colours.add((Color) item.getLinePaint());
        assertThat(item.isShapeVisible()).as(item.getLabel()).isTrue();
      }
      assertThat(legend).containsExactlyElementsOf(RULES);
      assertThat(colours).doesNotHaveDuplicates().allSatisfy(c -> assertThat(yellow(c)).isFalse());
      assertThat(chart.getLegend()).isNotNull();
    }
    XYLineAndShapeRenderer a = (XYLineAndShapeRenderer) mpaf.getXYPlot().getRenderer();
    XYLineAndShapeRenderer b = (XYLineAndShapeRenderer) tpi.getXYPlot().getRenderer();
    for (int i = 0; i < RULES.size(); i++) {
      assertThat(a.getSeriesPaint(i)).isEqualTo(b.getSeriesPaint(i));
      assertThat(a.getSeriesShape(i)).isEqualTo(b.getSeriesShape(i));
    }
    // 0.4 to 100: a log axis; 0.4 to 0.43: a linear axis from zero
    assertThat(mpaf.getXYPlot().getRangeAxis()).isInstanceOf(LogAxis.class);
    assertThat(tpi.getXYPlot().getRangeAxis()).isInstanceOf(NumberAxis.class);
    assertThat(((NumberAxis) tpi.getXYPlot().getRangeAxis()).getAutoRangeIncludesZero()).isTrue();
    assertThat(tpi.getXYPlot().getRangeAxis().getLowerBound()).isEqualTo(0.0);
  }

  @Test
  void theWrittenFiguresHaveNoYellow() throws IOException {
    double[] shares = {0, 5, 10, 20, 30};
    Path sweeps = dir.resolve("sweeps.png");
    PoisoningPlots.sweeps(
        sweeps,
        RULES,
        curves(shares, 99.6),
        curves(shares, 0),
        curves(new double[] {1, 10, 1e3, 1e5}, 99.6),
        curves(new double[] {2, 20, 200, 2000}, 0.01),
        0.2);
    Path privacy = dir.resolve("privacy.png");
    PoisoningPlots.privacy(
        privacy,
        "t",
        new double[] {1.05, 2.6, 6.8, 45},
        new double[] {2.4, 0.55, 0.38, 0.33},
        0.32);
    Path heat = dir.resolve("heat.png");
    PoisoningPlots.heatmap(
        heat,
        "mae",
        RULES,
        List.of("v-twin no attack", "v-twin MPAF"),
        new double[][] {{0.3, 100}, {0.31, 0.3}, {0.32, 0.33}, {0.3, 0.32}});
    // The heat map's viridis scale ends in yellow on purpose: its cells are filled areas with the
    // value printed on them, not thin lines on white, so only the line figures must avoid yellow.
    for (Path p : List.of(sweeps, privacy, heat)) {
      boolean lines = !p.equals(heat);
      BufferedImage img = ImageIO.read(p.toFile());
      assertThat(img).as(p.toString()).isNotNull();
      int yellowPixels = 0;
      int colouredPixels = 0;
      for (int x = 0; x < img.getWidth(); x++) {
        for (int y = 0; y < img.getHeight(); y++) {
          Color c = new Color(img.getRGB(x, y));
          yellowPixels += yellow(c) ? 1 : 0;
          colouredPixels += saturated(c) ? 1 : 0;
        }
      }
      if (lines) {
        assertThat(yellowPixels).as("yellow pixels in %s", p.getFileName()).isZero();
      }
      assertThat(colouredPixels).as("coloured pixels in %s", p.getFileName()).isPositive();
    }
  }

  /** Light, saturated yellow: hard to see on white (red and green high, blue low). */
  private static boolean yellow(Color c) {
    return c.getRed() > 200 && c.getGreen() > 200 && c.getBlue() < 120;
  }

  private static boolean saturated(Color c) {
    int max = Math.max(c.getRed(), Math.max(c.getGreen(), c.getBlue()));
    int min = Math.min(c.getRed(), Math.min(c.getGreen(), c.getBlue()));
    return max - min > 80;
  }
}
