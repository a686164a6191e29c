package dnt.experiments.forecasting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code run:} section of a forecasting {@code config.yaml}: what data, which methods and
 * seeds. The model and federation settings sit beside it as the sections of {@code
 * dnt.learn.fl.FlConfig} ({@code model}, {@code windows}, {@code training}, {@code sync}, ...);
 * {@link ForecastingSettings} holds both, with the defaults of its {@code defaults.yaml}.
 *
 * @param data subset, synthetic, or a store (.duckdb) / export CSV path (absolute when written)
 * @param service internet, sms or call
 * @param resolution hour or 10min
 * @param seed the base seed
 * @param seeds replications, at least 1
 * @param split {@code test} (score the last 7 days) or {@code validation} (drop the last 7 days
 *     before anything reads them and score the 7 days before: the week on which hyperparameters are
 *     chosen; see {@link ForecastData#validation})
 * @param methods method ids, at least one
 * @param cells use only the first n cells (0: all)
 * @param syntheticCells cells generated for {@code data: synthetic}
 * @param timing time FedAvg over all sampled clients only
 */
public record RunSettings(
    String data,
    String service,
    String resolution,
    long seed,
    int seeds,
    String split,
    List<String> methods,
    int cells,
    int syntheticCells,
    boolean timing) {
  /** The split that scores the test week. */
  public static final String TEST = "test";

  /** The split that scores the week before the test week, never reading the test week. */
  public static final String VALIDATION = "validation";

  /** Checks the fields. */
  public RunSettings {
    Objects.requireNonNull(data, "data is missing");
    Objects.requireNonNull(service, "service is missing");
    Objects.requireNonNull(resolution, "resolution is missing");
    Objects.requireNonNull(split, "split is missing");
    Objects.requireNonNull(methods, "methods is missing");
    methods = List.copyOf(methods);
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
    }
    if (!split.equals(TEST) && !split.equals(VALIDATION)) {
      throw new IllegalArgumentException(
          "split must be " + TEST + " or " + VALIDATION + ", got '" + split + "'");
    }
    if (cells < 0) {
      throw new IllegalArgumentException("cells must be >= 0, got " + cells);
    }
    if (syntheticCells < 1) {
      throw new IllegalArgumentException(
          "syntheticCells must be at least 1, got " + syntheticCells);
    }
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("methods names no method");
    }
    for (String m : methods) {
      try {
        Method.parse(m);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown method '" + m + "' (use " + String.join(", ", ids()) + ")", e);
      }
    }
  }

  /**
   * These settings as a finished run writes them into its {@code config.yaml}: the methods that
   * ran, and a data path made absolute (so that the file reruns from any folder).
   *
   * @param ran the methods that ran
   * @return the settings
   */
  public RunSettings written(List<Method> ran) {
    String where =
        data.equals("subset") || data.equals("synthetic")
            ? data
            : Path.of(data).toAbsolutePath().normalize().toString();
    return new RunSettings(
        where,
        service,
        resolution,
        seed,
        seeds,
        split,
        ran.stream().map(Method::id).toList(),
        cells,
        syntheticCells,
        timing);
  }

  /**
   * Whether the run scores the validation week.
   *
   * @return true for {@code split: validation}
   */
  public boolean validation() {
    return split.equals(VALIDATION);
  }

  /**
   * Every method id, in the order of {@link Method}.
   *
   * @return the ids
   */
  public static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (Method m : Method.values()) {
      ids.add(m.id());
    }
    return ids;
  }

  /**
   * The methods, parsed.
   *
   * @return the methods in the order given
   */
  public List<Method> parsedMethods() {
    return methods.stream().map(Method::parse).toList();
  }
}
