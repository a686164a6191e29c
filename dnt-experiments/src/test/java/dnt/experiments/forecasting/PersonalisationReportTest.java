package dnt.experiments.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's paired comparisons of the personalised methods, against hand-worked intervals. */
final class PersonalisationReportTest {
  private static MethodResult result(Method m, long seed, double mse) {
    return new MethodResult(
        m,
        seed,
        new Scores(mse, 0.3, 1, 1, 0.1),
        MethodResult.NO_COST,
        MethodResult.NO_COST,
        1,
        1,
        List.of());
  }

  @Test
  void thePairedDifferencesAgainstFedAvgAndTheTwinAreReported() {
    double[] fedAvg = {0.22, 0.23, 0.21};
    double[] personalised = {0.20, 0.21, 0.20};
    List<MethodResult> rs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rs.add(result(Method.V_TWIN_NO_CLUSTER, 42 + i, fedAvg[i]));
      rs.add(result(Method.V_TWIN_PERSONALISED, 42 + i, personalised[i]));
    }
    String md = ForecastingReport.markdown(rs, List.of("header"));
    // differences -0.02, -0.02, -0.01: mean -0.016667, sd 0.0057735, t(0.975, 2) = 4.3027,
    // half-width 4.3027 * 0.0057735 / sqrt(3) = 0.014342
    assertThat(md)
        .contains(
            "- V-twin personalised (0.2033) vs V-twin w/o cluster (0.2200): V-twin personalised"
                + " lower: holds (paired difference -0.0167 ± 0.0143, 95% CI below 0).");
    // pairs with a method that did not run are left out
    assertThat(md).doesNotContain("vs V-twin (");
  }

  @Test
  void withoutAPersonalisedMethodTheSectionIsAbsent() {
    List<MethodResult> rs =
        List.of(result(Method.V_TWIN_NO_CLUSTER, 42, 0.22), result(Method.V_TWIN, 42, 0.23));
    assertThat(ForecastingReport.markdown(rs, List.of("header")))
        .doesNotContain("Clustering and personalisation");
  }
}
