package dnt.learn.privacy.inversion;

import dnt.core.Registry;
import dnt.learn.forecast.WindowSpec;
import java.util.Objects;
import java.util.function.Function;

/**
 * The gradient-inversion attacks by lowercase hyphenated name: a table on {@link Registry}, matched
 * without regard to letter case. All three attack the MLP forecaster ({@link
 * dnt.learn.forecast.Mlp}).
 *
 * <pre>{@code
 * InversionAttack dlg = InversionAttacks.REGISTRY.factory("dlg").apply(Options.defaults(spec));
 * Reconstruction guess = dlg.reconstruct(observation, Seeds.generator(7));
 * }</pre>
 */
public final class InversionAttacks {
  private InversionAttacks() {}

  /**
   * What an attack may be configured with.
   *
   * @param windows the windows the attacked network reads (for the total-variation prior)
   * @param iterations Adam steps of the optimisation-based attacks, at least 1
   * @param stepSize Adam's step size, positive
   * @param tvWeight the weight of the cosine attack's total-variation prior, at least 0
   */
  public record Options(WindowSpec windows, int iterations, double stepSize, double tvWeight) {
    /** Checks the values. */
    public Options {
      Objects.requireNonNull(windows, "windows");
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
      }
      if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
        throw new IllegalArgumentException("stepSize must be positive, got " + stepSize);
      }
      if (!(tvWeight >= 0) || Double.isInfinite(tvWeight)) {
        throw new IllegalArgumentException("tvWeight must be >= 0, got " + tvWeight);
      }
    }

    /**
     * The defaults: 300 iterations, step size 0.05, total-variation weight 0.001.
     *
     * @param windows the attacked network's windows
     * @return the defaults
     */
    public static Options defaults(WindowSpec windows) {
      return new Options(windows, 300, 0.05, 1e-3);
    }
  }

  /** The table, in the order help texts list it. */
  public static final Registry<Function<Options, InversionAttack>> REGISTRY =
      Registry.<Function<Options, InversionAttack>>of("inversion attack")
          .add(
              "dlg",
              "Deep Leakage from Gradients: L2 gradient matching (Zhu et al. 2019)",
              o -> new Dlg(o.iterations(), o.stepSize()))
          .add(
              "cosine",
              "cosine gradient matching with a total-variation prior (Geiping et al. 2020)",
              o -> new CosineMatching(o.iterations(), o.stepSize(), o.tvWeight(), o.windows()))
          .add(
              "analytic",
              "closed-form inversion of the MLP's first dense layer (Phong et al. 2018)",
              o -> new AnalyticInversion())
          .build();
}
