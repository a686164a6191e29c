package dnt.experiments.forecasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.core.InvalidInputException;
import dnt.experiments.settings.SettingsYaml;
import dnt.learn.fl.FlConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The complete settings of a forecasting run, as written to its {@code config.yaml}: the {@code
 * run:} section ({@link RunSettings}: data, methods, seeds) and, beside it at the top level, the
 * sections of the model and federation configuration ({@link FlConfig}: {@code model}, {@code
 * windows}, {@code training}, {@code sync}, {@code clustering}, {@code async}, {@code centralized},
 * {@code cost}, {@code codec}, {@code threads}). The defaults are the commented resource {@code
 * defaults.yaml} beside this class; the presets are the commented resources {@code
 * presets/NAME.yaml}. Everything is read by {@link SettingsYaml}, and every error names the file
 * (or "command line") and the key path.
 *
 * @param run the run section
 * @param fl the model and federation sections
 */
public record ForecastingSettings(RunSettings run, FlConfig fl) {
  /** The experiment's name in {@code config.yaml} and the results folder. */
  public static final String EXPERIMENT = "forecasting";

  /** The names of the presets shipped as YAML resources ({@code presets/NAME.yaml}). */
  static final List<String> PRESETS = List.of("fedda", "demo");

  /** The commented resource {@code defaults.yaml} beside this class. */
  private static final ForecastingSettings DEFAULTS = readDefaults();

  /** Checks the fields. */
  public ForecastingSettings {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(fl, "fl");
  }

  /**
   * The defaults ({@code defaults.yaml}).
   *
   * @return the defaults
   */
  public static ForecastingSettings defaults() {
    return DEFAULTS;
  }

  /**
   * A preset's keys as dotted-path overrides, read from its commented YAML resource.
   *
   * @param name the preset's name, in any letter case
   * @return the overrides, e.g. {@code sync.rounds -> 100}
   * @throws InvalidInputException for an unknown preset, naming the known ones
   */
  public static Map<String, Object> preset(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    if (!PRESETS.contains(key)) {
      throw new InvalidInputException(
          "unknown --preset '" + name + "'; known presets: " + String.join(", ", PRESETS));
    }
    return SettingsYaml.presetOverrides(ForecastingSettings.class, "presets/" + key + ".yaml");
  }

  /**
   * The settings of a run, in layers, each replacing what is below it: the defaults, then the keys
   * of a settings file (which must be a forecasting file), then a preset's keys, then the keys
   * given on the command line. The file's layer is bound and checked on its own, so that its errors
   * name the file.
   *
   * @param file a settings file (a {@code config.yaml} a run wrote, or any subset of its keys)
   * @param preset a preset's name ({@code fedda}, {@code demo}), applied over the file
   * @param given dotted key paths from the command line, e.g. {@code run.seeds}, {@code
   *     sync.rounds}
   * @return the settings
   * @throws InvalidInputException naming the file (or the command line) and the key path
   */
  public static ForecastingSettings resolve(
      Optional<Path> file, Optional<String> preset, Map<String, ?> given) {
    Map<String, Object> presetKeys = preset.map(ForecastingSettings::preset).orElse(Map.of());
    ObjectNode tree = defaults().sections();
    if (file.isPresent()) {
      String source = file.get().toString();
      ObjectNode user = SettingsYaml.read(file.get());
      SettingsYaml.expectExperiment(user, EXPERIMENT, source);
      runSection(user, source);
      SettingsYaml.merge(tree, user);
      bind(tree, source);
    }
    SettingsYaml.override(tree, presetKeys);
    SettingsYaml.override(tree, given);
    return bind(tree, "command line");
  }

  /**
   * These settings with some keys replaced by dotted path, for values the program chooses (tests,
   * benchmarks, the demo), not a user.
   *
   * @param overrides path to value, e.g. {@code sync.rounds -> 1}
   * @return the new settings
   * @throws IllegalStateException if the result does not bind
   */
  public ForecastingSettings with(Map<String, ?> overrides) {
    ObjectNode tree = sections();
    SettingsYaml.override(tree, overrides);
    try {
      return bind(tree, "overrides " + overrides.keySet());
    } catch (InvalidInputException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * These settings with a preset applied over them.
   *
   * @param name the preset's name
   * @return the new settings
   */
  public ForecastingSettings withPreset(String name) {
    return with(preset(name));
  }

  /**
   * These settings as the tree of {@code config.yaml}: {@code experiment}, the {@code run:}
   * section, then every section of the model configuration.
   *
   * @return the tree
   */
  public ObjectNode tree() {
    ObjectNode t = SettingsYaml.tree(Map.of("experiment", EXPERIMENT));
    SettingsYaml.merge(t, sections());
    return t;
  }

  /** The sections without the {@code experiment} key. */
  private ObjectNode sections() {
    ObjectNode t = SettingsYaml.tree(Map.of("run", run));
    SettingsYaml.merge(t, SettingsYaml.tree(fl));
    return t;
  }

  /** Binds a complete tree: its {@code run:} section and the model sections beside it. */
  private static ForecastingSettings bind(ObjectNode tree, String source) {
    ObjectNode sections = tree.deepCopy();
    ObjectNode run = runSection(sections, source);
    sections.remove("run");
    return new ForecastingSettings(
        SettingsYaml.bind(run, RunSettings.class, source, "run"),
        SettingsYaml.bind(sections, FlConfig.class, source));
  }

  /** The {@code run:} section of a tree, an empty one when absent. */
  private static ObjectNode runSection(ObjectNode tree, String source) {
    JsonNode run = tree.get("run");
    if (run == null) {
      return tree.objectNode();
    }
    if (!(run instanceof ObjectNode o)) {
      throw new InvalidInputException(source + ": key 'run' must be a mapping");
    }
    return o;
  }

  private static ForecastingSettings readDefaults() {
    // the resource's run section and model sections, bound like a user's file
    ObjectNode tree =
        SettingsYaml.readResource(ForecastingSettings.class, "defaults.yaml", ObjectNode.class);
    try {
      return bind(tree, "resource defaults.yaml");
    } catch (InvalidInputException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
