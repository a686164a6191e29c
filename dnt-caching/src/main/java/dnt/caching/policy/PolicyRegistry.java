package dnt.caching.policy;

import dnt.core.InvalidInputException;
import dnt.core.util.Seeds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The classic policies by name, as the Caffeine simulator's registry maps names to policies. Names
 * are case-insensitive; {@code w-tinylfu} is an alias of {@code wtinylfu}.
 */
public final class PolicyRegistry {
  /** Creates one cache. */
  @FunctionalInterface
  public interface Factory {
    /**
     * A new, empty cache.
     *
     * @param capacity the number of slots
     * @param seed the seed for randomised policies
     * @return the cache
     */
    CachePolicy create(int capacity, long seed);
  }

  /**
   * A registered policy.
   *
   * @param name the registry name
   * @param description one line for help texts
   * @param offline whether it needs the future (next-use positions)
   * @param factory the factory
   */
  public record Spec(String name, String description, boolean offline, Factory factory) {}

  private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

  static {
    register(new Spec("lru", "least recently used", false, (c, s) -> new Lru(c)));
    register(
        new Spec(
            "lfu", "least frequently used, ties by least recent", false, (c, s) -> new Lfu(c)));
    register(new Spec("fifo", "first in, first out", false, (c, s) -> new Fifo(c)));
    register(
        new Spec(
            "random",
            "uniformly random eviction (seeded)",
            false,
            (c, s) -> new RandomEviction(c, Seeds.generator(s))));
    register(
        new Spec(
            "arc",
            "adaptive replacement cache (Megiddo & Modha 2003)",
            false,
            (c, s) -> new Arc(c)));
    register(
        new Spec(
            "wtinylfu", "window TinyLFU (Einziger et al. 2017)", false, (c, s) -> new WTinyLfu(c)));
    register(
        new Spec(
            "belady",
            "offline MIN (Belady 1966): a bound for one cache that admits every miss; over a"
                + " network, a clairvoyant reference",
            true,
            (c, s) -> new Belady(c)));
  }

  private PolicyRegistry() {}

  private static void register(Spec spec) {
    SPECS.put(spec.name(), spec);
  }

  /**
   * The registered names, in registration order.
   *
   * @return the names
   */
  public static List<String> names() {
    return List.copyOf(SPECS.keySet());
  }

  /**
   * Looks a policy up by name.
   *
   * @param name the name (case-insensitive)
   * @return its spec
   * @throws InvalidInputException naming the known policies when there is none by that name
   */
  public static Spec spec(String name) {
    String key = name.toLowerCase(Locale.ROOT).replace("-", "");
    Spec spec = SPECS.get(key);
    if (spec == null) {
      throw new InvalidInputException(
          "unknown cache policy '" + name + "'; known: " + String.join(", ", names()));
    }
    return spec;
  }
}
