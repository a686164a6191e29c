package dnt.learn.fl;

import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.TrainingRecipe;
import java.util.List;
import java.util.function.Supplier;

/** The server side shared by the synchronous and asynchronous runners. */
final class Server {
  private Server() {}

  /**
   * Aggregates accepted updates with the hooks' rule against a base model, offering the root-data
   * reference update lazily, and checks the rule's output.
   */
  static double[] aggregate(
      FederationHooks hooks,
      Architecture architecture,
      TrainingRecipe recipe,
      List<ClientUpdate> updates,
      int step,
      float[] base,
      long contextSeed,
      long rootSeed,
      CostLedger ledger) {
    Supplier<double[]> reference = reference(hooks, architecture, recipe, base, rootSeed, ledger);
    double[] delta =
        hooks
            .rule()
            .aggregate(
                updates,
                new AggregationContext(step, Vectors.toDouble(base), contextSeed, reference));
    return checked(hooks.rule(), delta, base.length, step);
  }

  /** Returns a rule's output after checking its dimension and that every entry is finite. */
  static double[] checked(AggregationRule rule, double[] delta, int dimension, int step) {
    if (delta.length != dimension) {
      throw new IllegalStateException(
          "rule " + rule.name() + " returned a vector of the wrong dimension");
    }
    for (double v : delta) {
      if (!Double.isFinite(v)) {
        throw new IllegalStateException(
            "rule " + rule.name() + " returned a non-finite aggregate at step " + step);
      }
    }
    return delta;
  }

  private static Supplier<double[]> reference(
      FederationHooks hooks,
      Architecture architecture,
      TrainingRecipe recipe,
      float[] base,
      long seed,
      CostLedger ledger) {
    if (hooks.root().isEmpty()) {
      return AggregationContext.withoutReference(0, new double[0], 0).referenceUpdate();
    }
    ServerRoot root = hooks.root().get();
    double[][] memo = new double[1][];
    return () -> {
      if (memo[0] == null) {
        LocalTraining.Result r = LocalTraining.train(architecture, base, root.data(), recipe, seed);
        ledger.compute("server", r.report().cpuNanos());
        memo[0] = r.delta();
      }
      return memo[0].clone();
    };
  }
}
