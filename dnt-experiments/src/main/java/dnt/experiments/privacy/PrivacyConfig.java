package dnt.experiments.privacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.experiments.settings.SettingsYaml;
import dnt.learn.privacy.inversion.InversionAttacks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the privacy study, as written to a run's {@code config.yaml}; the defaults are
 * the commented resource {@code defaults.yaml} beside this class.
 *
 * @param seed the base seed; replication i uses {@code seed + i}
 * @param seeds the number of replications, at least 1
 * @param attacks the inversion attacks (registry names)
 * @param batchSizes the attacked batch sizes, each 1 to 32
 * @param iterations Adam steps of the optimisation-based attacks
 * @param stepSize Adam's step size
 * @param tvWeight the cosine attack's total-variation weight
 * @param hidden the MLP's hidden width
 * @param attackLearningRate the attacked client's FedSGD step size
 * @param qsgdBits QSGD protections, bits a coordinate (2 to 16)
 * @param topkDensities top-k protections, kept shares in (0, 1]
 * @param dpEpsilons client-side DP protections, epsilons
 * @param dpDelta DP's delta in (0, 1)
 * @param attackClip the clipping norm of an attacked update
 * @param trainClip the clipping norm of a training update in the utility runs
 * @param combinedBits QSGD bits of the QSGD-plus-DP protection
 * @param combinedEpsilon DP epsilon of the QSGD-plus-DP protection
 * @param rounds federated rounds of a utility run, also the DP accountant's steps
 * @param threads client-training threads
 */
public record PrivacyConfig(
    long seed,
    int seeds,
    List<String> attacks,
    List<Integer> batchSizes,
    int iterations,
    double stepSize,
    double tvWeight,
    int hidden,
    double attackLearningRate,
    List<Integer> qsgdBits,
    List<Double> topkDensities,
    List<Double> dpEpsilons,
    double dpDelta,
    double attackClip,
    double trainClip,
    int combinedBits,
    double combinedEpsilon,
    int rounds,
    int threads) {
  /** The experiment's name in {@code config.yaml} and the results folder. */
  public static final String EXPERIMENT = "privacy";

  /** Checks the values. */
  public PrivacyConfig {
    attacks = List.copyOf(attacks);
    batchSizes = List.copyOf(batchSizes);
    qsgdBits = List.copyOf(qsgdBits);
    topkDensities = List.copyOf(topkDensities);
    dpEpsilons = List.copyOf(dpEpsilons);
    if (seeds < 1 || iterations < 1 || hidden < 1 || rounds < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "seeds, iterations, hidden, rounds and threads must be at least 1");
    }
    if (attacks.isEmpty() || batchSizes.isEmpty()) {
      throw new IllegalArgumentException("attacks and batchSizes must name at least one value");
    }
    for (String a : attacks) {
      if (!InversionAttacks.REGISTRY.contains(a)) {
        throw new IllegalArgumentException(
            "attacks: unknown inversion attack '"
                + a
                + "'; known: "
                + String.join(", ", InversionAttacks.REGISTRY.names()));
      }
    }
    for (int b : batchSizes) {
      if (b < 1 || b > 32) {
        throw new IllegalArgumentException("batchSizes must be 1 to 32, got " + b);
      }
    }
    for (int b : qsgdBits) {
      checkBits(b, "qsgdBits");
    }
    checkBits(combinedBits, "combinedBits");
    for (double d : topkDensities) {
      if (!(d > 0 && d <= 1)) {
        throw new IllegalArgumentException("topkDensities must be in (0, 1], got " + d);
      }
    }
    for (double e : dpEpsilons) {
      checkPositive(e, "dpEpsilons");
    }
    checkPositive(combinedEpsilon, "combinedEpsilon");
    checkPositive(stepSize, "stepSize");
    checkPositive(attackLearningRate, "attackLearningRate");
    checkPositive(attackClip, "attackClip");
    checkPositive(trainClip, "trainClip");
    if (!(tvWeight >= 0) || Double.isInfinite(tvWeight)) {
      throw new IllegalArgumentException("tvWeight must be >= 0, got " + tvWeight);
    }
    if (!(dpDelta > 0 && dpDelta < 1)) {
      throw new IllegalArgumentException("dpDelta must be in (0, 1), got " + dpDelta);
    }
  }

  private static void checkBits(int bits, String key) {
    if (bits < 2 || bits > 16) {
      throw new IllegalArgumentException(key + " must be 2 to 16, got " + bits);
    }
  }

  private static void checkPositive(double v, String key) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(key + " must be positive, got " + v);
    }
  }

  /** The commented resource {@code defaults.yaml} beside this class. */
  private static final PrivacyConfig RESOURCE_DEFAULTS =
      SettingsYaml.readResource(PrivacyConfig.class, "defaults.yaml", PrivacyConfig.class);

  /**
   * The defaults ({@code defaults.yaml}).
   *
   * @return the defaults
   */
  public static PrivacyConfig defaults() {
    return RESOURCE_DEFAULTS;
  }

  /**
   * The smoke-test preset ({@code --quick}, {@code presets/quick.yaml} over the defaults).
   *
   * @return the preset
   */
  public static PrivacyConfig quick() {
    return SettingsYaml.withPreset(
        defaults(), PrivacyConfig.class, "presets/quick.yaml", PrivacyConfig.class);
  }

  /**
   * The settings of a run: the defaults (or the quick preset), then the file, then the keys given
   * on the command line, each layer replacing the one below.
   *
   * @param file a settings file (a {@code config.yaml} a run wrote, or any subset of its keys)
   * @param quick start from {@link #quick} instead of {@link #defaults}
   * @param given dotted keys from the command line (e.g. {@code seeds})
   * @return the settings
   * @throws dnt.core.InvalidInputException naming the file (or the command line) and the key path
   */
  public static PrivacyConfig resolve(
      Optional<Path> file, boolean quick, Map<String, Object> given) {
    return SettingsYaml.resolve(
        quick ? quick() : defaults(), file, given, EXPERIMENT, PrivacyConfig.class);
  }

  /**
   * These settings as the tree of {@code config.yaml}, with the {@code experiment} key first.
   *
   * @return the tree
   */
  public ObjectNode tree() {
    return SettingsYaml.treeOf(EXPERIMENT, this);
  }

  /**
   * The comment lines above {@code config.yaml}.
   *
   * @return the lines
   */
  public static List<String> comments() {
    return SettingsYaml.comments(EXPERIMENT);
  }
}
