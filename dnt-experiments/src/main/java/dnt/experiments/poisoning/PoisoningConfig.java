package dnt.experiments.poisoning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dnt.core.InvalidInputException;
import dnt.experiments.settings.SettingsYaml;
import dnt.learn.attack.Attacks;
import dnt.learn.robust.AggregationRules;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of the poisoning study. The defaults keep a run to a few minutes on two cores: a
 * small MLP, few rounds, one seed.
 *
 * @param seed the base seed; replication i uses {@code seed + i}
 * @param seeds the number of replications
 * @param phases the phases to run
 * @param rules the aggregation rules (registry names), Mean, Median, FLTrust and TID first
 * @param attacks the table's attack columns (attack registry names, matched without regard to
 *     letter case and kept in their registry spelling); {@code none} is the clean column
 * @param vRounds V-twin synchronous rounds
 * @param hDays H-twin streamed days (one asynchronous server step per day)
 * @param fakeShare the fake share of the table's attack columns
 * @param mpafLambda MPAF's scaling factor
 * @param tpiEta TPI's step multiple
 * @param tpiSigma TPI's relative noise
 * @param ftiEta FTI's scaling factor eta
 * @param hidden the MLP's hidden width
 * @param threads client-training threads
 * @param sweeps run the fake-share and lambda sweeps
 * @param privacy run the DP-FedAvg accuracy-versus-epsilon curve
 * @param validate make the {@code select} choices on the validation week before the table (when
 *     false, each family's first candidate stands for it)
 * @param grids the values the sweeps and the DP curve run over
 * @param select the hyperparameter choices made on the validation week, family name to its
 *     candidate rules (registry names): before the table, each candidate runs under every attack
 *     column in every phase on the validation split ({@link PoisoningStudy.Split#VALIDATION}), and
 *     the family's member with the least worst-case mean validation MAE is the one the report's
 *     claims use; empty for no selection
 */
public record PoisoningConfig(
    long seed,
    int seeds,
    Set<Phase> phases,
    List<String> rules,
    List<String> attacks,
    int vRounds,
    int hDays,
    double fakeShare,
    double mpafLambda,
    double tpiEta,
    double tpiSigma,
    double ftiEta,
    int hidden,
    int threads,
    boolean sweeps,
    boolean privacy,
    boolean validate,
    Grids grids,
    Map<String, List<String>> select) {
  /**
   * The grids of the sweeps and of the DP curve.
   *
   * @param fakeShares fake-station shares of the share sweep, each in [0, 0.5)
   * @param mpafLambdas MPAF scaling factors of the lambda sweep, each > 0
   * @param tpiEtas TPI step multiples of the eta sweep, each > 0
   * @param ftiEtas FTI scaling factors of the FTI eta sweep, each > 0
   * @param dpNoises DP-FedAvg noise multipliers z of the privacy curve, each >= 0 (0: no noise)
   */
  public record Grids(
      List<Double> fakeShares,
      List<Double> mpafLambdas,
      List<Double> tpiEtas,
      List<Double> ftiEtas,
      List<Double> dpNoises) {
    /** Checks the values. */
    public Grids {
      fakeShares = checked("fakeShares", fakeShares, v -> v >= 0 && v < 0.5, "in [0, 0.5)");
      mpafLambdas = checked("mpafLambdas", mpafLambdas, v -> v > 0, "> 0");
      tpiEtas = checked("tpiEtas", tpiEtas, v -> v > 0, "> 0");
      ftiEtas = checked("ftiEtas", ftiEtas, v -> v > 0, "> 0");
      dpNoises = checked("dpNoises", dpNoises, v -> v >= 0, ">= 0");
    }

    private static List<Double> checked(
        String name, List<Double> values, java.util.function.DoublePredicate ok, String range) {
      Objects.requireNonNull(values, name + " is missing");
      if (values.isEmpty()) {
        throw new IllegalArgumentException(name + " names no value");
      }
      for (Double v : values) {
        if (v == null || !Double.isFinite(v) || !ok.test(v)) {
          throw new IllegalArgumentException(name + " values must be " + range + ", got " + v);
        }
      }
      return List.copyOf(values);
    }

    /**
     * A grid as an array.
     *
     * @param values the grid
     * @return its values in order
     */
    public static double[] array(List<Double> values) {
      return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  /** Checks the values. */
  public PoisoningConfig {
    Objects.requireNonNull(phases, "phases is missing");
    Objects.requireNonNull(rules, "rules is missing");
    Objects.requireNonNull(grids, "grids is missing");
    Objects.requireNonNull(attacks, "attacks is missing");
    Objects.requireNonNull(select, "select is missing");
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("phases names no phase (use v-twin, h-twin or both)");
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("rules names no rule");
    }
    phases = Collections.unmodifiableSet(EnumSet.copyOf(phases));
    rules = List.copyOf(rules);
    attacks = canonicalAttacks(attacks);
    select = canonicalSelection(select);
    if (seeds < 1 || vRounds < 1 || hDays < 1 || hDays > 7 || hidden < 1 || threads < 1) {
      throw new IllegalArgumentException(
          "need seeds, rounds, hidden and threads >= 1 and 1 to 7 H-twin days");
    }
    if (!(fakeShare > 0 && fakeShare < 0.5)) {
      throw new IllegalArgumentException("fake share must be in (0, 0.5), got " + fakeShare);
    }
    if (!(ftiEta > 0 && Double.isFinite(ftiEta))) {
      throw new IllegalArgumentException("ftiEta must be positive and finite, got " + ftiEta);
    }
  }

  /**
   * The attack columns in their registry spelling, each once.
   *
   * @throws InvalidInputException naming the key {@code attacks} and listing the known attacks
   */
  private static List<String> canonicalAttacks(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("attacks names no attack (use none, mpaf, fti, tpi, ...)");
    }
    Set<String> out = new LinkedHashSet<>();
    for (String name : names) {
      try {
        out.add(Attacks.canonicalName(Objects.requireNonNull(name, "attacks holds a null")));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("poisoning study setting 'attacks': " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The selection families with their candidates in registry spelling.
   *
   * @throws InvalidInputException naming the key path {@code select.FAMILY} of an unknown rule
   */
  private static Map<String, List<String>> canonicalSelection(Map<String, List<String>> select) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : select.entrySet()) {
      String key = "select." + e.getKey();
      List<String> candidates = e.getValue();
      if (candidates == null || candidates.isEmpty()) {
        throw new IllegalArgumentException(
            "poisoning study setting '" + key + "' names no candidate rule");
      }
      Set<String> names = new LinkedHashSet<>();
      for (String name : candidates) {
        try {
          names.add(AggregationRules.REGISTRY.canonicalName(Objects.requireNonNull(name, key)));
        } catch (InvalidInputException x) {
          throw new InvalidInputException(
              "poisoning study setting '" + key + "': " + x.getMessage(), x);
        }
      }
      out.put(e.getKey(), List.copyOf(names));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The configured strength of an attack column: MPAF's lambda, TPI's eta, FTI's eta; NaN (the
   * registry's default) for the other attacks.
   *
   * @param attack an attack name in registry spelling
   * @return the strength
   */
  public double strength(String attack) {
    return switch (attack) {
      case "mpaf" -> mpafLambda;
      case "tpi" -> tpiEta;
      case "fti" -> ftiEta;
      default -> Double.NaN;
    };
  }

  /**
   * The default study for a seed: the commented resource {@code defaults.yaml} beside this class,
   * with the given seeds and phases.
   *
   * @param seed the base seed
   * @param seeds replications
   * @param phases the phases
   * @return the configuration
   */
  public static PoisoningConfig defaults(long seed, int seeds, Set<Phase> phases) {
    return SettingsYaml.with(
        RESOURCE_DEFAULTS,
        Map.of("seed", seed, "seeds", seeds, "phases", phases),
        PoisoningConfig.class,
        "the default study's seeds and phases");
  }

  /** The commented resource {@code defaults.yaml} beside this class. */
  private static final PoisoningConfig RESOURCE_DEFAULTS =
      SettingsYaml.readResource(PoisoningConfig.class, "defaults.yaml", PoisoningConfig.class);

  /**
   * The smoke-test preset ({@code --quick}, the commented resource {@code presets/quick.yaml}
   * beside this class, over the defaults): Mean, Median, FLTrust and TID, 2 rounds, 2 H-twin days,
   * no sweeps or DP curve.
   *
   * @param seed the base seed
   * @param seeds replications
   * @param phases the phases
   * @return the configuration
   */
  public static PoisoningConfig quick(long seed, int seeds, Set<Phase> phases) {
    return SettingsYaml.withPreset(
        defaults(seed, seeds, phases),
        PoisoningConfig.class,
        "presets/quick.yaml",
        PoisoningConfig.class);
  }

  /** The experiment's name in {@code config.yaml}. */
  public static final String EXPERIMENT = "poisoning";

  /**
   * The settings of a run: the defaults (or the quick preset), then the file, then the keys given
   * on the command line, each layer replacing the one below.
   *
   * @param file a settings file (a {@code config.yaml} a run wrote, or any subset of its keys)
   * @param quick start from {@link #quick} instead of {@link #defaults}
   * @param given keys from the command line (e.g. {@code seeds}, {@code phases})
   * @return the settings
   * @throws dnt.core.InvalidInputException naming the file (or the command line) and the key path
   */
  public static PoisoningConfig resolve(
      Optional<Path> file, boolean quick, Map<String, Object> given) {
    Set<Phase> all = EnumSet.allOf(Phase.class);
    return SettingsYaml.resolve(
        quick ? quick(42, 1, all) : defaults(42, 1, all),
        file,
        given,
        EXPERIMENT,
        PoisoningConfig.class);
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
