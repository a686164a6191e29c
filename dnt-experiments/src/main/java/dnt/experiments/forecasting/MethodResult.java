package dnt.experiments.forecasting;

import dnt.learn.fl.CostLedger.CostSummary;
import java.util.List;
import java.util.Objects;

/**
 * One method's outcome for one seed.
 *
 * @param method the method
 * @param seed the seed
 * @param scores the test errors
 * @param creation the cost of building the twin (history)
 * @param ongoing the cost of keeping it up to date over the test period
 * @param wallSeconds the method's wall-clock time on this machine
 * @param clientRounds local trainings run (for seconds per client-round)
 * @param curve per-round evaluation MSE of the synchronous phase (may be empty)
 */
public record MethodResult(
    Method method,
    long seed,
    Scores scores,
    CostSummary creation,
    CostSummary ongoing,
    double wallSeconds,
    long clientRounds,
    List<double[]> curve) {
  /** Checks the fields. */
  public MethodResult {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(creation, "creation");
    Objects.requireNonNull(ongoing, "ongoing");
    curve = List.copyOf(curve);
  }

  /**
   * Creation plus ongoing cost.
   *
   * @return the total
   */
  public CostSummary total() {
    return creation.plus(ongoing);
  }

  /** A zero cost. */
  static final CostSummary NO_COST = new CostSummary(0, 0, 0, 0, 0, 0);
}
