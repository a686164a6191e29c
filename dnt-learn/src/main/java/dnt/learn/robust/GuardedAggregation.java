package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a rule so that a federated run never produces a NaN or infinite global model: updates are
 * screened by an {@link UpdateValidator} first; if none survives, or if the rule's output is not
 * finite (e.g. an overflow under a huge-norm attack on the mean), the round's update is zero (the
 * global model is kept) and the event is counted.
 */
public final class GuardedAggregation implements AggregationRule {
  private final AggregationRule rule;
  private final UpdateValidator validator;
  private final AtomicInteger skippedRounds = new AtomicInteger();

  /**
   * Creates the guard.
   *
   * @param rule the rule to protect
   * @param validator the validator (its dimension is the model's)
   */
  public GuardedAggregation(AggregationRule rule, UpdateValidator validator) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.validator = Objects.requireNonNull(validator, "validator");
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
   * The validator, with its per-client rejection counts.
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
  public double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateValidator.Result screened = validator.validate(updates);
    double[] zero = new double[validator.dimension()];
    if (screened.accepted().isEmpty()) {
      skippedRounds.incrementAndGet();
      return zero;
    }
    double[] out = rule.aggregate(screened.accepted(), context);
    if (out.length != validator.dimension()) {
      throw new IllegalStateException(
          rule.name() + " returned " + out.length + " coordinates for " + validator.dimension());
    }
    for (double v : out) {
      if (v - v != 0) {
        skippedRounds.incrementAndGet();
        return zero;
      }
    }
    return out;
  }
}
