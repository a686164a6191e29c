package dnt.caching.policy;

import dnt.core.InvalidInputException;
import dnt.core.Registry;
import dnt.core.util.Seeds;
import java.util.List;

/**
 * The classic policies by name, as the Caffeine simulator's registry maps names to policies: one
 * table on {@link Registry}. Names are case-insensitive; {@code w-tinylfu} is an alias of {@code
 * wtinylfu}.
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
   * What the table registers for one policy: its factory and whether it is offline.
   *
   * @param offline whether it needs the future (next-use positions)
   * @param factory the factory
   */
  public record Maker(boolean offline, Factory factory) {
    static Maker online(Factory factory) {
      return new Maker(false, factory);
    }

    static Maker offline(Factory factory) {
      return new Maker(true, factory);
    }
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

  /** The cache policies. */
  public static final Registry<Maker> POLICIES =
      Registry.<Maker>of("cache policy")
          .add("lru", "least recently used", Maker.online((c, s) -> new Lru(c)))
          .add(
              "lfu",
              "least frequently used, ties by least recent",
              Maker.online((c, s) -> new Lfu(c)))
          .add("fifo", "first in, first out", Maker.online((c, s) -> new Fifo(c)))
          .add(
              "random",
              "uniformly random eviction (seeded)",
              Maker.online((c, s) -> new RandomEviction(c, Seeds.generator(s))))
          .add(
              "arc",
              "adaptive replacement cache (Megiddo & Modha 2003)",
              Maker.online((c, s) -> new Arc(c)))
          .add(
              "wtinylfu",
              "window TinyLFU (Einziger et al. 2017)",
              Maker.online((c, s) -> new WTinyLfu(c)))
          .alias("w-tinylfu", "wtinylfu")
          .add(
              "belady",
              "offline MIN (Belady 1966): a bound for one cache that admits every miss; over a"
                  + " network, a clairvoyant reference",
              Maker.offline((c, s) -> new Belady(c)))
          .build();

  private PolicyRegistry() {}

  /**
   * The registered names, in registration order.
   *
   * @return the names
   */
  public static List<String> names() {
    return POLICIES.names();
  }

  /**
   * Looks a policy up by name.
   *
   * @param name the name or alias, in any letter case
   * @return its spec
   * @throws InvalidInputException naming the known policies when there is none by that name
   */
  public static Spec spec(String name) {
    Registry.Entry<Maker> e = POLICIES.entry(name);
    return new Spec(e.name(), e.description(), e.factory().offline(), e.factory().factory());
  }
}
