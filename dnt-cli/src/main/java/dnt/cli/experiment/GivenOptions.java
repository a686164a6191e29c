package dnt.cli.experiment;

import dnt.core.InvalidInputException;
import dnt.experiments.settings.SettingsYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ParseResult;

/**
 * The options a user gave on an experiment's command line, as settings key paths and values: the
 * top layer over the defaults and the {@code --config} file. Only options that were matched are
 * recorded, so an option's default never hides a value of the file.
 */
final class GivenOptions {
  private final ParseResult parsed;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, String> setBy = new LinkedHashMap<>();

  GivenOptions(ParseResult parsed) {
    this.parsed = parsed;
  }

  /** Whether the user gave the option. */
  boolean has(String option) {
    return parsed.hasMatchedOption(option);
  }

  /** Records {@code key = value} if the user gave the option. */
  GivenOptions put(String option, String key, @Nullable Object value) {
    if (has(option)) {
      // picocli sets the field of an option the user gave
      record(option, key, Objects.requireNonNull(value, option));
    }
    return this;
  }

  /**
   * Records the {@code --set key.path=value} assignments, each value read as YAML; a key set twice
   * (by two assignments, or by an assignment and an option) is refused.
   *
   * @param assignments the texts after {@code --set}, in order
   * @return this
   */
  GivenOptions set(List<String> assignments) {
    for (String a : assignments) {
      Map.Entry<String, Object> e = SettingsYaml.assignment(a, "--set");
      if (e.getKey().equals("experiment")) {
        throw new InvalidInputException("--set '" + a + "': the experiment cannot be changed");
      }
      record("--set " + a, e.getKey(), e.getValue());
    }
    return this;
  }

  private void record(String option, String key, Object value) {
    String earlier = setBy.putIfAbsent(key, option);
    if (earlier != null) {
      throw new InvalidInputException(
          "'" + key + "' is given twice on the command line: by " + earlier + " and by " + option);
    }
    values.put(key, value);
  }

  /**
   * Records {@code key = value} if the user gave the option, refusing a value below {@code min}.
   */
  GivenOptions putAtLeast(String option, String key, int value, int min) {
    if (has(option)) {
      if (value < min) {
        throw new InvalidInputException(option + " must be at least " + min + ", got " + value);
      }
      record(option, key, value);
    }
    return this;
  }

  /** The recorded values, by key path. */
  Map<String, Object> values() {
    return values;
  }
}
