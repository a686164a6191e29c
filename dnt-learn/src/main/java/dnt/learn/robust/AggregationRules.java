package dnt.learn.robust;

import dnt.core.InvalidInputException;
import dnt.core.Registry;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.FedAvg;
import dnt.learn.privacy.DpFedAvg;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The aggregation rules by lowercase hyphenated name: a table on {@link Registry} (after the
 * Caffeine simulator's policy registry), whose names are matched without regard to letter case.
 * Rules are created fresh per call because some keep per-run state. The static helpers delegate to
 * {@link #REGISTRY}.
 *
 * <pre>{@code
 * AggregationRule rule =
 *     AggregationRules.REGISTRY.factory("trimmed-mean").apply(new Options(0, 0.1));
 * }</pre>
 */
public final class AggregationRules {
  /**
   * What a rule may be configured with from a command line.
   *
   * @param f the number of Byzantine clients tolerated (Krum, Multi-Krum, Bulyan, DnC)
   * @param beta the trimming fraction per end (trimmed mean)
   */
  public record Options(int f, double beta) {
    /** Checks the values. */
    public Options {
      if (f < 0) {
        throw new IllegalArgumentException("f must be >= 0, got " + f);
      }
      if (!(beta >= 0 && beta < 0.5)) {
        throw new IllegalArgumentException("beta must be in [0, 0.5), got " + beta);
      }
    }

    /**
     * The defaults: {@code f = 0}, {@code beta = 0.1}.
     *
     * @return the defaults
     */
    public static Options defaults() {
      return new Options(0, TrimmedMean.DEFAULT_BETA);
    }
  }

  /**
   * The table: every rule's name, one-line description and factory of a fresh rule (some rules keep
   * per-run state), in the order help texts list them.
   */
  public static final Registry<Function<Options, AggregationRule>> REGISTRY =
      Registry.<Function<Options, AggregationRule>>of("aggregation rule")
          .add("mean", "FedAvg, the unweighted mean (McMahan et al. 2017)", o -> new FedAvg(false))
          .add("weighted-mean", "FedAvg weighted by sample counts", o -> new FedAvg(true))
          .add("median", "coordinate-wise median (Yin et al. 2018)", o -> new CoordinateMedian())
          .add(
              "trimmed-mean",
              "coordinate-wise trimmed mean, drops floor(beta*n) per end (Yin et al. 2018)",
              o -> new TrimmedMean(o.beta()))
          .add(
              "krum",
              "Krum, the most central update (Blanchard et al. 2017)",
              o -> Krum.krum(o.f()))
          .add(
              "multi-krum",
              "Multi-Krum, the mean of the n-f most central updates",
              o -> Krum.multiKrum(o.f()))
          .add("bulyan", "Bulyan (El Mhamdi et al. 2018)", o -> new Bulyan(o.f()))
          .add(
              "geomed",
              "geometric median, smoothed Weiszfeld (Pillutla et al. 2022)",
              o -> new GeometricMedian())
          .add(
              "centered-clipping",
              "centered clipping, tau = 100, L = 1 (Karimireddy et al. 2021)",
              o -> new CenteredClipping(100, 1))
          .add(
              "norm-bounding",
              "mean of updates clipped to the median norm (Sun et al. 2019)",
              o -> new NormBounding())
          .add(
              "fltrust",
              "FLTrust, needs a server reference update (Cao et al. 2021)",
              o -> new FlTrust())
          .add(
              "dnc",
              "Divide-and-Conquer (Shejwalkar and Houmansadr 2021)",
              o -> new DivideAndConquer(o.f()))
          .add(
              "flame",
              "FLAME, majority cosine cluster + clipping + noise (Nguyen et al. 2022)",
              o -> new Flame())
          .add(
              "tid",
              "Twin Inconsistency Defense, median +- 3 MAD band (paper Sec. IV-C; reconstructed)",
              o -> new TwinInconsistencyDefense())
          .add(
              "tid-percentile",
              "TID with the 10th-90th percentile band (reconstructed)",
              o ->
                  new TwinInconsistencyDefense(
                      TwinInconsistencyDefense.Settings.defaults().withBand(BandRule.PERCENTILE)))
          .add(
              "tid-iqr",
              "TID with Tukey's IQR fences (reconstructed)",
              o ->
                  new TwinInconsistencyDefense(
                      TwinInconsistencyDefense.Settings.defaults().withBand(BandRule.IQR)))
          .add(
              "tid-history",
              "TID plus the sign-agreement history check against TPI (reconstructed)",
              o ->
                  new TwinInconsistencyDefense(
                      TwinInconsistencyDefense.Settings.defaults().withHistory(true)))
          .add(
              "glid",
              "GLID, per-dimension 10th-90th percentile trimming, mean of the rest (Zhang et al."
                  + " 2024)",
              o -> new Glid(Glid.Method.PERCENTILE))
          .add(
              "glid-std",
              "GLID with the mean +- 2 std (z-score) band (Zhang et al. 2024)",
              o -> new Glid(Glid.Method.STD))
          .add(
              "glid-iqr",
              "GLID with Tukey's IQR fences (Zhang et al. 2024)",
              o -> new Glid(Glid.Method.IQR))
          .add(
              "dp-fedavg",
              "DP-FedAvg: clip to 1, Gaussian noise z = 1, divide by n (McMahan et al. 2018)",
              o -> DpFedAvg.fixed(1.0, 1.0, Double.NaN, 1.0))
          .build();

  private AggregationRules() {}

  /**
   * Every registered name, in registry order.
   *
   * @return the names
   */
  public static List<String> names() {
    return REGISTRY.names();
  }

  /**
   * Names and one-line descriptions.
   *
   * @return name to description, in registry order
   */
  public static Map<String, String> descriptions() {
    return REGISTRY.descriptions();
  }

  /**
   * Whether a name is registered, in any letter case.
   *
   * @param name the name
   * @return true if known
   */
  public static boolean contains(String name) {
    return REGISTRY.contains(name);
  }

  /**
   * The registered spelling of a rule's name, matched without regard to letter case ({@code
   * "MEDIAN"} and {@code "Median"} are {@code "median"}).
   *
   * @param name the name as a user wrote it
   * @return the registry name
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public static String canonicalName(String name) {
    return REGISTRY.canonicalName(name);
  }

  /**
   * Creates a fresh rule.
   *
   * @param name the registry name, in any letter case
   * @param options f and beta
   * @return the rule
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public static AggregationRule create(String name, Options options) {
    return REGISTRY.factory(name).apply(options);
  }
}
