package dnt.experiments.changedetection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.experiments.settings.SettingsYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the change-detection study, as written to a run's {@code config.yaml}; the
 * defaults are the commented resource {@code defaults.yaml} beside this class.
 *
 * @param seed the base seed; replication i uses {@code seed + i}
 * @param seeds replications, at least 1
 * @param windowHours hours a snapshot describes
 * @param baselineDays days of the unchanged period
 * @param neighbours edges per station (nearest active stations)
 * @param distanceScaleM distance scale of the edge weights, metres
 * @param scenariosPerKind injected changes of each kind per seed
 * @param minGapHours the least time between the baseline's end and a change
 * @param horizonHours the longest delay that counts as a detection
 * @param shiftHours the delay of a similarity shift's traffic
 * @param hidden GCN embedding width
 * @param epochs autoencoder Adam steps
 * @param learningRate Adam's step size
 * @param k the threshold's robust standard deviations
 * @param persist consecutive snapshots over the threshold before an alarm
 * @param floor smallest robust scale of a coordinate
 */
public record ChangeDetectionConfig(
    long seed,
    int seeds,
    int windowHours,
    int baselineDays,
    int neighbours,
    double distanceScaleM,
    int scenariosPerKind,
    int minGapHours,
    int horizonHours,
    int shiftHours,
    int hidden,
    int epochs,
    double learningRate,
    double k,
    int persist,
    double floor) {
  /** The experiment's name in {@code config.yaml} and the results folder. */
  public static final String EXPERIMENT = "change-detection";

  /** Checks the values. */
  public ChangeDetectionConfig {
    if (seeds < 1
        || windowHours < 2
        || baselineDays < 1
        || neighbours < 1
        || scenariosPerKind < 1
        || minGapHours < 0
        || horizonHours < 1
        || shiftHours < 1
        || hidden < 1
        || epochs < 0
        || persist < 1) {
      throw new IllegalArgumentException(
          "seeds, baselineDays, neighbours, scenariosPerKind, horizonHours, shiftHours, hidden"
              + " and persist must be at least 1, windowHours at least 2, minGapHours and epochs"
              + " at least 0");
    }
    if (!(distanceScaleM > 0) || !(learningRate > 0) || !(floor > 0) || !(k >= 0)) {
      throw new IllegalArgumentException(
          "distanceScaleM, learningRate and floor must be positive and k at least 0");
    }
  }

  private static final ChangeDetectionConfig RESOURCE_DEFAULTS =
      SettingsYaml.readResource(
          ChangeDetectionConfig.class, "defaults.yaml", ChangeDetectionConfig.class);

  /**
   * The defaults ({@code defaults.yaml}).
   *
   * @return the defaults
   */
  public static ChangeDetectionConfig defaults() {
    return RESOURCE_DEFAULTS;
  }

  /**
   * The quick preset ({@code --quick}).
   *
   * @return the preset
   */
  public static ChangeDetectionConfig quick() {
    return SettingsYaml.withPreset(
        defaults(), ChangeDetectionConfig.class, "presets/quick.yaml", ChangeDetectionConfig.class);
  }

  /**
   * The settings of a run: the defaults (or the quick preset), then the file, then the keys given
   * on the command line.
   *
   * @param file a settings file
   * @param quick start from {@link #quick}
   * @param given dotted keys from the command line
   * @return the settings
   */
  public static ChangeDetectionConfig resolve(
      Optional<Path> file, boolean quick, Map<String, Object> given) {
    return SettingsYaml.resolve(
        quick ? quick() : defaults(), file, given, EXPERIMENT, ChangeDetectionConfig.class);
  }

  /**
   * These settings as the tree of {@code config.yaml}.
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
