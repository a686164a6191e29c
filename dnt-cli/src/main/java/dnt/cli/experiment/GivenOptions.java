package dnt.cli.experiment;

import dnt.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * The options a user gave on an experiment's command line, as settings key paths and values: the
 * top layer over the defaults and the {@code --config} file. Only options that were matched are
 * recorded, so an option's default never hides a value of the file.
 */
final class GivenOptions {
  private final ParseResult parsed;
  private final Map<String, Object> values = new LinkedHashMap<>();

  GivenOptions(ParseResult parsed) {
    this.parsed = parsed;
  }

  /** Whether the user gave the option. */
  boolean has(String option) {
    return parsed.hasMatchedOption(option);
  }

  /** Records {@code key = value} if the user gave the option. */
  GivenOptions put(String option, String key, Object value) {
    if (has(option)) {
      values.put(key, value);
    }
    return this;
  }

  /**
   * Records {@code key = value} if the user gave the option, refusing a value below {@code min}.
   */
  GivenOptions putAtLeast(String option, String key, int value, int min) {
    if (has(option)) {
      if (value < min) {
        throw new InvalidInputException(option + " must be at least " + min + ", got " + value);
      }
      values.put(key, value);
    }
    return this;
  }

  /** The recorded values, by key path. */
  Map<String, Object> values() {
    return values;
  }
}
