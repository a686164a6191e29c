package dnt.core.whatif;

/**
 * One KPI of a what-if analysis, before and after the changes.
 *
 * @param kpi the KPI in words, with its unit ({@code "SINR mean, dB"})
 * @param baseline its value on the original twin
 * @param scenario its value on the changed fork
 */
public record KpiChange(String kpi, double baseline, double scenario) {
  /**
   * The change.
   *
   * @return {@code scenario - baseline}
   */
  public double change() {
    return scenario - baseline;
  }
}
