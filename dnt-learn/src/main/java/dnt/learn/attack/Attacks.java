package dnt.learn.attack;

import dnt.core.InvalidInputException;
import dnt.core.Registry;
import dnt.learn.fl.Adversary;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The attacks by lowercase hyphenated name: a table on {@link Registry}, whose names are matched
 * without regard to letter case. Each factory makes a fresh attack (some keep state across rounds)
 * from a {@link Context}: the share, the attack's strength and noise (its defaults where not
 * given), a seed, and the attacker's own initial model for the attacks that pull towards one (MPAF,
 * TPI).
 *
 * <pre>{@code
 * Adversary mpaf =
 *     Attacks.REGISTRY.factory("mpaf").apply(Context.share(0.2).withAttackerModel(w0));
 * }</pre>
 */
public final class Attacks {
  /**
   * What an attack is made from.
   *
   * @param share the fake share (fake-client attacks) or the compromised fraction (the others), in
   *     [0, 1)
   * @param strength the attack's scale: MPAF's and PoisonedFL's lambda, TPI's eta, LIE's z, Fang's
   *     spread b against the trimmed mean, IPM's epsilon, the sign flip's factor, the Gaussian
   *     attack's standard deviation; NaN for the attack's default (ignored by attacks without one)
   * @param noise TPI's relative noise sigma; NaN for its default 0.1 (ignored by the others)
   * @param seed the seed of attacks that draw fixed randomness (random bases, sign vectors)
   * @param attackerModel the attacker's own initial model, the base MPAF and TPI pull towards
   *     instead of the global {@code w_0}; null for none (ignored by the other attacks)
   */
  public record Context(
      double share, double strength, double noise, long seed, double @Nullable [] attackerModel) {
    /** Checks the values and copies the model. */
    public Context {
      if (!(share >= 0 && share < 1)) {
        throw new IllegalArgumentException("attack share must be in [0, 1), got " + share);
      }
      if (!(Double.isNaN(strength) || (strength > 0 && Double.isFinite(strength)))) {
        throw new IllegalArgumentException(
            "attack strength must be positive and finite (or NaN for the default), got "
                + strength);
      }
      if (!(Double.isNaN(noise) || (noise >= 0 && Double.isFinite(noise)))) {
        throw new IllegalArgumentException(
            "attack noise must be finite and >= 0 (or NaN for the default), got " + noise);
      }
      attackerModel = attackerModel == null ? null : attackerModel.clone();
    }

    /**
     * A share with every other value at its default: default strength and noise, seed 0, no
     * attacker model.
     *
     * @param share the share
     * @return the context
     */
    public static Context share(double share) {
      return new Context(share, Double.NaN, Double.NaN, 0, null);
    }

    /**
     * This context with another strength.
     *
     * @param strength the strength, positive
     * @return a new context
     */
    public Context withStrength(double strength) {
      return new Context(share, strength, noise, seed, attackerModel);
    }

    /**
     * This context with another noise.
     *
     * @param noise TPI's sigma, non-negative
     * @return a new context
     */
    public Context withNoise(double noise) {
      return new Context(share, strength, noise, seed, attackerModel);
    }

    /**
     * This context with another seed.
     *
     * @param seed the seed
     * @return a new context
     */
    public Context withSeed(long seed) {
      return new Context(share, strength, noise, seed, attackerModel);
    }

    /**
     * This context with the attacker's own initial model.
     *
     * @param model the model (copied)
     * @return a new context
     */
    public Context withAttackerModel(double[] model) {
      return new Context(share, strength, noise, seed, Objects.requireNonNull(model, "model"));
    }

    /**
     * A copy of the attacker's own initial model.
     *
     * @return the model, or null when there is none
     */
    @Override
    public double @Nullable [] attackerModel() {
      return attackerModel == null ? null : attackerModel.clone();
    }

    /**
     * Whether the attacker brings its own initial model.
     *
     * @return true if {@link #attackerModel()} is not null
     */
    public boolean hasAttackerModel() {
      return attackerModel != null;
    }

    /**
     * The strength, or a default where none was given.
     *
     * @param fallback the attack's default
     * @return the strength
     */
    public double strengthOr(double fallback) {
      return Double.isNaN(strength) ? fallback : strength;
    }

    /**
     * The noise, or a default where none was given.
     *
     * @param fallback the attack's default
     * @return the noise
     */
    public double noiseOr(double fallback) {
      return Double.isNaN(noise) ? fallback : noise;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Context c
          && Double.compare(share, c.share) == 0
          && Double.compare(strength, c.strength) == 0
          && Double.compare(noise, c.noise) == 0
          && seed == c.seed
          && Arrays.equals(attackerModel, c.attackerModel);
    }

    @Override
    public int hashCode() {
      return Objects.hash(share, strength, noise, seed, Arrays.hashCode(attackerModel));
    }

    @Override
    public String toString() {
      return "Context[share="
          + share
          + ", strength="
          + strength
          + ", noise="
          + noise
          + ", seed="
          + seed
          + ", attackerModel="
          + (attackerModel == null ? "none" : attackerModel.length + " values")
          + "]";
    }
  }

  /**
   * The table: every attack's name, one-line description and factory of a fresh attack, in the
   * order help texts list them.
   */
  public static final Registry<Function<Context, Adversary>> REGISTRY =
      Registry.<Function<Context, Adversary>>of("attack")
          .add("none", "no attack", c -> Adversary.NONE)
          .add(
              "mpaf",
              "fake clients send lambda * (w' - wt), lambda 1e5, w' the attacker's model or w0"
                  + " (Cao and Gong 2022)",
              Attacks::mpaf)
          .add(
              "tpi",
              "Traffic Poisoning Injection, fake clients, eta 2, sigma 0.1 (paper Sec. IV-C;"
                  + " reconstructed)",
              Attacks::tpi)
          .alias("tpi-bounded", "tpi")
          .add(
              "fti",
              "fake traffic injection, eta (w' - wt), eta 10, w' the attacker's model or w0"
                  + " (Zhang et al. 2024, Algorithm 1)",
              Attacks::fti)
          .add(
              "poisonedfl",
              "fake clients push a fixed random sign vector, lambda 10 (Xie et al. 2025;"
                  + " simplified)",
              c -> new PoisonedFl(c.strengthOr(10), c.share(), 50, c.seed()))
          .add(
              "lie",
              "A Little Is Enough, z from n and f unless given (Baruch et al. 2019)",
              c -> new Lie(c.share(), c.strengthOr(Double.NaN)))
          .add("fang-krum", "Fang et al. 2020 against Krum", c -> new FangKrum(c.share()))
          .add(
              "fang-trimmed",
              "Fang et al. 2020 against trimmed mean and median, spread b = 2",
              c -> new FangTrimmedMean(c.share(), c.strengthOr(2)))
          .add(
              "min-max",
              "Min-Max (Shejwalkar and Houmansadr 2021)",
              c -> new MinMax(c.share(), false, MinMax.Perturbation.STD))
          .add(
              "min-sum",
              "Min-Sum (Shejwalkar and Houmansadr 2021)",
              c -> new MinMax(c.share(), true, MinMax.Perturbation.STD))
          .add(
              "ipm",
              "inner-product manipulation, eps = 2 (Xie et al. 2020)",
              c -> SimpleAttacks.ipm(c.share(), c.strengthOr(2)))
          .add(
              "sign-flip",
              "malicious clients send minus their update",
              c -> SimpleAttacks.signFlip(c.share(), c.strengthOr(1)))
          .add(
              "gaussian",
              "malicious clients send N(0, 1) noise",
              c -> SimpleAttacks.gaussian(c.share(), c.strengthOr(1)))
          .add(
              "mimic",
              "malicious clients copy one honest client (Karimireddy et al. 2022)",
              c -> SimpleAttacks.mimic(c.share()))
          .build();

  private Attacks() {}

  private static Adversary mpaf(Context c) {
    double lambda = c.strengthOr(Mpaf.DEFAULT_LAMBDA);
    double[] own = c.attackerModel;
    return own != null ? new Mpaf(lambda, c.share(), own) : new Mpaf(lambda, c.share());
  }

  private static Adversary tpi(Context c) {
    double eta = c.strengthOr(Tpi.DEFAULT_ETA);
    double sigma = c.noiseOr(Tpi.DEFAULT_SIGMA);
    double[] own = c.attackerModel;
    return own != null ? new Tpi(eta, sigma, c.share(), own) : new Tpi(eta, sigma, c.share());
  }

  private static Adversary fti(Context c) {
    return new Fti(
        c.strengthOr(Fti.DEFAULT_ETA), c.noiseOr(Fti.DEFAULT_SIGMA), c.share(), c.attackerModel);
  }

  /**
   * Every registered name.
   *
   * @return the names, in registry order
   */
  public static List<String> names() {
    return REGISTRY.names();
  }

  /**
   * Names and one-line descriptions.
   *
   * @return name to description
   */
  public static Map<String, String> descriptions() {
    return REGISTRY.descriptions();
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
    return REGISTRY.canonicalName(name);
  }

  /**
   * Creates a fresh attack (some keep state across rounds).
   *
   * @param name the registry name, in any letter case
   * @param context share, strength, noise, seed and the attacker's model
   * @return the adversary
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public static Adversary create(String name, Context context) {
    return REGISTRY.factory(name).apply(context);
  }
}
