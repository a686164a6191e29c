package dnt.learn.fl;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a server-side aggregation rule may know in a round besides the updates.
 *
 * @param round the round number, from 0
 * @param globalModel the current global model w_t (flat); rules must not modify it
 * @param seed a seed for rules that randomise (derived per round by the caller)
 * @param referenceUpdate the server's own update computed on its clean root data (FLTrust);
 *     computed lazily, only when a rule asks for it
 */
public record AggregationContext(
    int round, double[] globalModel, long seed, Supplier<double[]> referenceUpdate) {
  /** Checks the fields. */
  public AggregationContext {
    Objects.requireNonNull(globalModel, "globalModel");
    Objects.requireNonNull(referenceUpdate, "referenceUpdate");
  }

  /**
   * A context without server root data; asking for the reference update fails clearly.
   *
   * @param round the round
   * @param globalModel the global model
   * @param seed the seed
   * @return the context
   */
  public static AggregationContext withoutReference(int round, double[] globalModel, long seed) {
    return new AggregationContext(
        round,
        globalModel,
        seed,
        () -> {
          throw new IllegalStateException(
              "this rule needs a server reference update (root data), and none was configured");
        });
  }
}
