package dnt.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One family of interchangeable strategies by name: aggregation rules, attacks, cache policies,
 * request models, forecaster architectures, rate and propagation models, RL agents. Each family is
 * a short table built on this class, as the Caffeine simulator registers its policies: a name, a
 * one-line description and a factory of the family's own type (which says what a strategy is made
 * from: options, a seed, a context).
 *
 * <p>Names are lowercase words joined by hyphens ({@code trimmed-mean}); users may write them in
 * any letter case, and a family may register aliases ({@code w-tinylfu} for {@code wtinylfu}). An
 * unknown name is a user's mistake: {@link InvalidInputException} naming the family and listing the
 * known names.
 *
 * <pre>{@code
 * static final Registry<Function<Options, AggregationRule>> RULES =
 *     Registry.<Function<Options, AggregationRule>>of("aggregation rule")
 *         .add("mean", "FedAvg, the unweighted mean", o -> new FedAvg(false))
 *         .add("median", "coordinate-wise median", o -> new CoordinateMedian())
 *         .build();
 * AggregationRule rule = RULES.factory("Median").apply(options);
 * }</pre>
 *
 * @param <F> the family's factory type
 */
public final class Registry<F> {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /**
   * One registered strategy.
   *
   * @param name its registry name
   * @param description one line for help texts and reports
   * @param factory what makes it
   * @param <F> the family's factory type
   */
  public record Entry<F>(String name, String description, F factory) {
    /** Checks the values. */
    public Entry {
      checkName(name);
      Objects.requireNonNull(factory, "factory");
      if (description.isBlank()) {
        throw new IllegalArgumentException("a description is required for '" + name + "'");
      }
    }
  }

  private final String family;
  private final Map<String, Entry<F>> entries;
  private final Map<String, String> aliases;
  private final boolean underscoresAsHyphens;

  private Registry(
      String family,
      Map<String, Entry<F>> entries,
      Map<String, String> aliases,
      boolean underscoresAsHyphens) {
    this.family = family;
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    this.aliases = Map.copyOf(aliases);
    this.underscoresAsHyphens = underscoresAsHyphens;
  }

  /**
   * Starts a family.
   *
   * @param family what one member is called, singular, for messages ({@code "cache policy"})
   * @param <F> the family's factory type
   * @return a builder
   */
  public static <F> Builder<F> of(String family) {
    return new Builder<>(family);
  }

  /**
   * What one member of the family is called.
   *
   * @return the family's name, singular
   */
  public String family() {
    return family;
  }

  /**
   * Every registered name, in registration order (aliases excluded).
   *
   * @return the names
   */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /**
   * Every entry, in registration order.
   *
   * @return the entries
   */
  public List<Entry<F>> entries() {
    return List.copyOf(entries.values());
  }

  /**
   * Names and one-line descriptions.
   *
   * @return name to description, in registration order
   */
  public Map<String, String> descriptions() {
    Map<String, String> out = new LinkedHashMap<>();
    entries.forEach((k, v) -> out.put(k, v.description()));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Whether a name (or an alias) is registered, in any letter case.
   *
   * @param name the name
   * @return true if known
   */
  public boolean contains(String name) {
    return lookup(name) != null;
  }

  /**
   * The registered spelling of a name written in any letter case, or of an alias.
   *
   * @param name the name as a user wrote it
   * @return the registry name
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public String canonicalName(String name) {
    return entry(name).name();
  }

  /**
   * The entry of a name written in any letter case, or of an alias.
   *
   * @param name the name as a user wrote it
   * @return the entry
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public Entry<F> entry(String name) {
    Entry<F> e = lookup(name);
    if (e == null) {
      throw new InvalidInputException(
          "unknown " + family + " '" + name + "'; known: " + String.join(", ", names()));
    }
    return e;
  }

  /**
   * The factory of a name written in any letter case, or of an alias.
   *
   * @param name the name as a user wrote it
   * @return its factory
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public F factory(String name) {
    return entry(name).factory();
  }

  private @Nullable Entry<F> lookup(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    if (underscoresAsHyphens) {
      key = key.replace('_', '-');
    }
    Entry<F> e = entries.get(key);
    if (e == null && aliases.containsKey(key)) {
      e = entries.get(aliases.get(key));
    }
    return e;
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a registry name is lowercase words joined by hyphens, got '" + name + "'");
    }
  }

  /**
   * Builds a family's table; a name or alias given twice is a programming error.
   *
   * @param <F> the family's factory type
   */
  public static final class Builder<F> {
    private final String family;
    private final Map<String, Entry<F>> entries = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private boolean underscoresAsHyphens;

    private Builder(String family) {
      if (family.isBlank()) {
        throw new IllegalArgumentException("a family name is required");
      }
      this.family = family;
    }

    /**
     * Registers a strategy.
     *
     * @param name its name, lowercase words joined by hyphens
     * @param description one line for help texts
     * @param factory what makes it
     * @return this builder
     */
    public Builder<F> add(String name, String description, F factory) {
      claim(name);
      entries.put(name, new Entry<>(name, description, factory));
      return this;
    }

    /**
     * Registers another name for a registered strategy.
     *
     * @param alias the other name, lowercase words joined by hyphens
     * @param name the registered name
     * @return this builder
     */
    public Builder<F> alias(String alias, String name) {
      checkName(alias);
      if (!entries.containsKey(name)) {
        throw new IllegalArgumentException("alias '" + alias + "' of unknown name '" + name + "'");
      }
      claim(alias);
      aliases.put(alias, name);
      return this;
    }

    /**
     * Lets users write {@code _} for {@code -} in this family's names ({@code shot_noise}), for
     * names that were once spelled that way.
     *
     * @return this builder
     */
    public Builder<F> underscoresAsHyphens() {
      underscoresAsHyphens = true;
      return this;
    }

    private void claim(String name) {
      if (entries.containsKey(name) || aliases.containsKey(name)) {
        throw new IllegalArgumentException(family + " '" + name + "' is registered twice");
      }
    }

    /**
     * The finished family.
     *
     * @return the registry
     */
    public Registry<F> build() {
      if (entries.isEmpty()) {
        throw new IllegalArgumentException("the " + family + " family has no member");
      }
      return new Registry<>(family, entries, aliases, underscoresAsHyphens);
    }
  }
}
