package dnt.experiments.integrity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.data.integrity.IntegrityParams;
import dnt.experiments.settings.SettingsYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The complete settings of an integrity run, as written to its {@code config.yaml}: the seeds, the
 * streams used, the detector (the live twin's {@link IntegrityParams}) and the faults.
 *
 * @param seed the base seed; replication i uses seed + i
 * @param seeds replications, at least 1
 * @param cells use only the first n cells of the bundled subset (0: all 25)
 * @param detector the integrity monitor's parameters
 * @param faults which streams get which faults
 */
public record IntegrityRunSettings(
    long seed, int seeds, int cells, Detector detector, FaultSettings faults) {
  /** The experiment's name in {@code config.yaml} and the results folder. */
  public static final String EXPERIMENT = "integrity";

  /** Checks the fields. */
  public IntegrityRunSettings {
    Objects.requireNonNull(detector, "detector is missing");
    Objects.requireNonNull(faults, "faults is missing");
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
    }
    if (cells < 0) {
      throw new IllegalArgumentException("cells must be >= 0, got " + cells);
    }
  }

  /**
   * The integrity monitor's parameters (the live twin's {@code IntegritySettings}, always on here).
   *
   * @param window residuals kept in the sliding window
   * @param warmup residuals needed before observations are judged
   * @param threshold robust z-score above which a slot is an outlier
   * @param consecutive outliers in a row that flag a stream, inliers in a row that clear it
   */
  public record Detector(int window, int warmup, double threshold, int consecutive) {
    /** Checks the ranges (those of {@link IntegrityParams}). */
    public Detector {
      IntegrityParams checked = new IntegrityParams(window, warmup, threshold, consecutive, true);
      assert checked.enabled();
    }

    /**
     * The live twin's defaults ({@link IntegrityParams#defaults()}).
     *
     * @return the defaults
     */
    public static Detector defaults() {
      IntegrityParams d = IntegrityParams.defaults();
      return new Detector(d.window(), d.warmup(), d.threshold(), d.consecutive());
    }

    /**
     * The monitor's parameters, enabled.
     *
     * @return the parameters
     */
    public IntegrityParams params() {
      return new IntegrityParams(window, warmup, threshold, consecutive, true);
    }
  }

  /**
   * The defaults: seed 42, 5 seeds, all 25 cells, the live twin's detector, {@link
   * FaultSettings#defaults()}.
   *
   * @return the defaults
   */
  public static IntegrityRunSettings defaults() {
    return new IntegrityRunSettings(42, 5, 0, Detector.defaults(), FaultSettings.defaults());
  }

  /**
   * The settings of a run: the defaults, then the file, then the keys given on the command line,
   * each layer replacing the one below.
   *
   * @param file a settings file (a {@code config.yaml} a run wrote, or any subset of its keys)
   * @param given dotted keys from the command line (e.g. {@code seeds}, {@code faults.share})
   * @return the settings
   * @throws dnt.core.InvalidInputException naming the file (or the command line) and the key path
   */
  public static IntegrityRunSettings resolve(Optional<Path> file, Map<String, Object> given) {
    return SettingsYaml.resolve(defaults(), file, given, EXPERIMENT, IntegrityRunSettings.class);
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
    return List.of(
        "dnt experiment integrity: the complete effective configuration of this run.",
        "Rerun it with: dnt experiment integrity --config config.yaml",
        "(options given beside --config override this file)");
  }
}
