package dnt.learn.deploy;

import dnt.core.Registry;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The deployment baselines by name (docs/deployment.md, "Baselines"). Each factory takes the
 * randomness a policy may use. The exhaustive search ({@link ExhaustivePolicy}) needs its action
 * levels and the learned agent its training, so neither is here.
 */
public final class DeploymentPolicies {
  private DeploymentPolicies() {}

  /** The baselines. */
  public static final Registry<Function<RandomGenerator, DeploymentPolicy>> REGISTRY =
      Registry.<Function<RandomGenerator, DeploymentPolicy>>of("deployment baseline")
          .add(
              "greedy",
              "per station, this period only: the better mapping alone, the lowest power that"
                  + " meets the deadline, an equal share",
              rng -> new GreedyPolicy())
          .add(
              "all-vertical",
              "raw and environment data from every station, equal shares, full power",
              rng -> new FixedMapping(Mapping.VERTICAL))
          .add(
              "all-horizontal",
              "a model update from every station, equal shares, full power",
              rng -> new FixedMapping(Mapping.HORIZONTAL))
          .add(
              "random",
              "uniform mapping, bandwidth weight and power level per station and period",
              RandomPolicy::new)
          .build();
}
