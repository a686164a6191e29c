package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateValidator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a rule so that it never returns a NaN or infinite aggregate: updates are screened by the
 * federated engine's {@link UpdateValidator} first (wrong dimension, NaN, infinities; counted per
 * client); if none survives, or if the rule's output is not finite (e.g. an overflow of the mean
 * under a huge-norm attack), the round's update is zero (the global model is kept) and the event is
 * counted. The engine validates updates itself; the guard makes any rule safe to use outside it and
 * turns an overflowing aggregate into a skipped round instead of a failed run.
 */
public final class GuardedAggregation implements AggregationRule {
  private final AggregationRule rule;
  private final UpdateValidator validator;
  private final int dimension;
  private final AtomicInteger skippedRounds = new AtomicInteger();

  /**
   * Creates the guard.
   *
   * @param rule the rule to protect
   * @param dimension the model's dimension d
   */
  public GuardedAggregation(AggregationRule rule, int dimension) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.dimension = dimension;
    this.validator = new UpdateValidator(dimension);
  }

  @Override
  public String name() {
    return rule.name();
  }

  /**
   * The wrapped rule.
   *
   * @return the rule
   */
  public AggregationRule rule() {
    return rule;
  }

  /**
   * The validator, with its per-client rejection counts ({@link UpdateValidator#rejected()}).
   *
   * @return the validator
   */
  public UpdateValidator validator() {
    return validator;
  }

  /**
   * Rounds whose update was replaced by zero (no valid update, or a non-finite result).
   *
   * @return the count
   */
  public int skippedRounds() {
    return skippedRounds.get();
  }

  @Override
  public synchronized double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    List<ClientUpdate> accepted = validator.filter(updates);
    double[] zero = new double[dimension];
    if (accepted.isEmpty()) {
      skippedRounds.incrementAndGet();
      return zero;
    }
    double[] out = rule.aggregate(accepted, context);
    if (out.length != dimension) {
      throw new IllegalStateException(
          rule.name() + " returned " + out.length + " coordinates for " + dimension);
    }
    double[] global = context.globalModel();
    boolean checkModel = global.length == out.length;
    for (int j = 0; j < out.length; j++) {
      double v = out[j];
      // non-finite, or a global model that would overflow the engine's float parameters
      if (!Double.isFinite(v) || (checkModel && Math.abs(global[j] + v) > Float.MAX_VALUE)) {
        skippedRounds.incrementAndGet();
        return zero;
      }
    }
    return out;
  }
}
