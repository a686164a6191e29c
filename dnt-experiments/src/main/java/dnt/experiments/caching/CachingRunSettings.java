package dnt.experiments.caching;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.caching.rl.Agents;
import dnt.experiments.settings.SettingsYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The complete settings of a caching run, as written to its {@code config.yaml}: the seeds, the
 * agent family and every setting of the study (a preset such as {@code --quick} expanded).
 *
 * @param seed the base seed; replication i uses seed + i
 * @param seeds replications, at least 1
 * @param agentKind the agent of the four RL systems: ddqn or ppo-lagrangian
 * @param study the study's settings
 */
public record CachingRunSettings(long seed, int seeds, String agentKind, CachingStudyConfig study) {
  /** The experiment's name in {@code config.yaml}. */
  public static final String EXPERIMENT = "caching";

  /** Checks the fields. */
  public CachingRunSettings {
    Objects.requireNonNull(agentKind, "agentKind is missing");
    Objects.requireNonNull(study, "study is missing");
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
    }
    Agents.canonicalName(agentKind);
  }

  /**
   * The agent of the four RL systems.
   *
   * @return its registry name
   */
  public String agent() {
    return Agents.canonicalName(agentKind);
  }

  /**
   * The settings of a run: the defaults (or the quick preset), then the file, then the keys given
   * on the command line, each layer replacing the one below.
   *
   * @param file a settings file (a {@code config.yaml} a run wrote, or any subset of its keys)
   * @param quick start from {@link CachingStudyConfig#quick()} instead of the defaults
   * @param given dotted keys from the command line (e.g. {@code seeds}, {@code study.threads})
   * @return the settings
   * @throws dnt.core.InvalidInputException naming the file (or the command line) and the key path
   */
  public static CachingRunSettings resolve(
      Optional<Path> file, boolean quick, Map<String, Object> given) {
    CachingStudyConfig base = quick ? CachingStudyConfig.quick() : CachingStudyConfig.DEFAULTS;
    return SettingsYaml.resolve(
        new CachingRunSettings(42, 5, "ddqn", base),
        file,
        given,
        EXPERIMENT,
        CachingRunSettings.class);
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
