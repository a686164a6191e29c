package dnt.learn.attack;

import dnt.core.InvalidInputException;
import dnt.learn.fl.Adversary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The registry of attacks by lowercase hyphenated name (matched without regard to letter case),
 * each with its default parameters and a configurable share (fake share for fake-client attacks,
 * compromised fraction for the others).
 */
public final class Attacks {
  /**
   * What an attack is configured with.
   *
   * @param share the fake share (fake-client attacks) or compromised fraction (the others)
   * @param lambda MPAF's and PoisonedFL's scaling factor
   * @param seed the seed of attacks that draw fixed randomness (random bases, sign vectors)
   */
  public record Options(double share, double lambda, long seed) {
    /** Checks the values. */
    public Options {
      if (!(share >= 0 && share < 1)) {
        throw new IllegalArgumentException("attack share must be in [0, 1), got " + share);
      }
      if (!(lambda > 0)) {
        throw new IllegalArgumentException("attack lambda must be positive, got " + lambda);
      }
    }

    /**
     * A share with the default lambda (MPAF's 1e5) and seed 0.
     *
     * @param share the share
     * @return the options
     */
    public static Options share(double share) {
      return new Options(share, Mpaf.DEFAULT_LAMBDA, 0);
    }
  }

  private record Entry(String description, Function<Options, Adversary> factory) {}

  private static final Map<String, Entry> ATTACKS = new LinkedHashMap<>();

  static {
    add("none", "no attack", o -> Adversary.NONE);
    add(
        "mpaf",
        "fake clients send lambda * (w0 - wt) (Cao and Gong 2022)",
        o -> new Mpaf(o.lambda(), o.share()));
    add(
        "tpi",
        "Traffic Poisoning Injection, fake clients (paper Sec. IV-C; reconstructed)",
        o -> new Tpi(o.share()));
    add(
        "poisonedfl",
        "fake clients push a fixed random sign vector (Xie et al. 2025; simplified)",
        o -> new PoisonedFl(10, o.share(), 50, o.seed()));
    add("lie", "A Little Is Enough (Baruch et al. 2019)", o -> new Lie(o.share(), Double.NaN));
    add("fang-krum", "Fang et al. 2020 against Krum", o -> new FangKrum(o.share()));
    add(
        "fang-trimmed",
        "Fang et al. 2020 against trimmed mean and median",
        o -> new FangTrimmedMean(o.share(), 2));
    add(
        "min-max",
        "Min-Max (Shejwalkar and Houmansadr 2021)",
        o -> new MinMax(o.share(), false, MinMax.Perturbation.STD));
    add(
        "min-sum",
        "Min-Sum (Shejwalkar and Houmansadr 2021)",
        o -> new MinMax(o.share(), true, MinMax.Perturbation.STD));
    add(
        "ipm",
        "inner-product manipulation, eps = 2 (Xie et al. 2020)",
        o -> SimpleAttacks.ipm(o.share(), 2));
    add(
        "sign-flip",
        "malicious clients send minus their update",
        o -> SimpleAttacks.signFlip(o.share(), 1));
    add(
        "gaussian",
        "malicious clients send N(0, 1) noise",
        o -> SimpleAttacks.gaussian(o.share(), 1));
    add(
        "mimic",
        "malicious clients copy one honest client (Karimireddy et al. 2022)",
        o -> SimpleAttacks.mimic(o.share()));
  }

  private Attacks() {}

  private static void add(String name, String description, Function<Options, Adversary> f) {
    ATTACKS.put(name, new Entry(description, f));
  }

  /**
   * Every registered name.
   *
   * @return the names, in registry order
   */
  public static List<String> names() {
    return List.copyOf(ATTACKS.keySet());
  }

  /**
   * Names and one-line descriptions.
   *
   * @return name to description
   */
  public static Map<String, String> descriptions() {
    Map<String, String> out = new LinkedHashMap<>();
    ATTACKS.forEach((k, v) -> out.put(k, v.description()));
    return Collections.unmodifiableMap(out);
  }

  /**
   * The registered spelling of an attack's name, matched without regard to letter case ({@code
   * "MPAF"} is {@code "mpaf"}).
   *
   * @param name the name as a user wrote it
   * @return the registry name
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public static String canonicalName(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (!ATTACKS.containsKey(key)) {
      throw new InvalidInputException(
          "unknown attack '" + name + "'; known attacks: " + String.join(", ", names()));
    }
    return key;
  }

  /**
   * Creates a fresh attack (some keep state across rounds).
   *
   * @param name the registry name, in any letter case
   * @param options share, lambda and seed
   * @return the adversary
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public static Adversary create(String name, Options options) {
    return Objects.requireNonNull(ATTACKS.get(canonicalName(name))).factory().apply(options);
  }
}
