package dnt.experiments.caching;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.experiments.report.Stats;
import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.junit.jupiter.api.Test;

/** The Fig. 4 and 5 plots: bars from zero, no negative counts, legends, no yellow, full labels. */
final class CachingPlotsTest {
  private static final List<String> SYSTEMS =
      List.of("RL", "RL w/ DNT", "Reliable RL", "Reliable RL w/ DNT", "LRU", "Clairvoyant");

  /** Five replications; Reliable RL vetoes 0, 0, 0, 2, 78 times: its interval reaches below 0. */
  private static Map<String, CachingReport.Summary> summary() {
    List<CachingStudy.Row> rows = new ArrayList<>();
    long[] vetoes = {0, 0, 0, 2, 78};
    for (int rep = 0; rep < 5; rep++) {
      for (String regime : List.of("common", "rare")) {
        for (String system : SYSTEMS) {
          long v = system.equals("Reliable RL") ? vetoes[rep] : 0;
          double jain = 0.95 + 0.01 * rep;
          rows.add(
              new CachingStudy.Row(
                  rep, rep, regime, system, "rl", 0.3 + 0.01 * rep, v, v, 0, 1.2, jain, 1.3));
        }
      }
    }
    return CachingReport.summarise(rows);
  }

  private static boolean yellowish(Paint p) {
    return p instanceof Color c && c.getRed() > 200 && c.getGreen() > 200 && c.getBlue() < 150;
  }

  @Test
  void barsStartAtZeroWithinTheMetricsRangeWithLegendsAndVisibleColours() {
    Map<String, CachingReport.Summary> s = summary();
    Stats.MeanCi vetoes = s.get("rare|Reliable RL|interventions").value();
    assertThat(vetoes.low()).as("the example's interval crosses zero").isNegative();
    List<JFreeChart> panels = CachingReport.figure4(s, SYSTEMS, 5);
    assertThat(panels).hasSize(3);
    for (JFreeChart chart : panels) {
      ValueAxis axis = chart.getCategoryPlot().getRangeAxis();
      // the axis starts at zero, so the interval of a count is cut there, never drawn below it
      assertThat(axis.getLowerBound()).as(chart.getTitle().getText()).isZero();
      assertThat(chart.getLegend()).isNotNull();
      int series = chart.getCategoryPlot().getDataset().getRowCount();
      for (int i = 0; i < series; i++) {
        assertThat(yellowish(chart.getCategoryPlot().getRenderer().getSeriesPaint(i)))
            .as("series %d of %s", i, chart.getTitle().getText())
            .isFalse();
      }
    }
    // hit rate and Jain's index never exceed 1: neither does the axis
    assertThat(panels.get(0).getCategoryPlot().getRangeAxis().getUpperBound())
        .isLessThanOrEqualTo(1);
    assertThat(panels.get(2).getCategoryPlot().getRangeAxis().getUpperBound()).isEqualTo(1);
    // 14 systems in 700 pixels: tilted labels are never wrapped, so never broken inside a word
    assertThat(panels.get(0).getCategoryPlot().getDomainAxis().getCategoryLabelPositions())
        .isEqualTo(CategoryLabelPositions.UP_45);
  }

  @Test
  void stationLinesHaveALegendDistinctMarkersAndNoYellow() {
    long[][] load = {{1, 2, 3}, {3, 2, 1}, {2, 2, 2}, {0, 1, 0}, {1, 1, 1}};
    CachingStudy.Result rep = new CachingStudy.Result(List.of(), Map.of("RL", load), Map.of());
    JFreeChart chart = CachingReport.figure5(rep).get(0);
    assertThat(chart.getLegend()).isNotNull();
    XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
    for (int i = 0; i < load.length; i++) {
      assertThat(r.getItemShapeVisible(i, 0)).isTrue();
      assertThat(yellowish(r.getSeriesPaint(i))).as("BS %d", i).isFalse();
    }
  }
}
