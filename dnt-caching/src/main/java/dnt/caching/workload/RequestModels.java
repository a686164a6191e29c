package dnt.caching.workload;

import dnt.core.InvalidInputException;
import dnt.core.Registry;

/**
 * The request models by name, one table on {@link Registry}: how {@code dnt cache generate} and the
 * caching study draw the item of each request from a per-station Zipf popularity. Names are
 * case-insensitive and {@code _} reads as {@code -} ({@code shot_noise} is {@code shot-noise}).
 */
public final class RequestModels {
  /**
   * The shot-noise parameters (see {@link ShotNoise}); the Zipf model ignores them.
   *
   * @param arrivalRate expected new contents per slot
   * @param meanVolume mean volume of a content
   * @param meanLifetime mean lifetime in slots
   * @param shotShare the fraction of requests that go to live shots, in [0, 1]
   */
  public record Shots(double arrivalRate, double meanVolume, int meanLifetime, double shotShare) {
    /** The parameters of {@code dnt cache generate --model shot_noise}. */
    public static final Shots DEFAULTS = new Shots(2.0, 60, 40, 0.2);
  }

  /** Creates the item sampler of one request model. */
  @FunctionalInterface
  public interface Factory {
    /**
     * A sampler on a popularity.
     *
     * @param popularity the per-station Zipf popularity (the background of shot noise)
     * @param catalogue its number of items; new contents take ids from here on
     * @param shots the shot-noise parameters
     * @return the sampler
     */
    ItemSampler create(ZipfPopularity popularity, int catalogue, Shots shots);
  }

  /** The request models. */
  public static final Registry<Factory> REGISTRY =
      Registry.<Factory>of("request model")
          .underscoresAsHyphens()
          .add("zipf", "Zipf/IRM with per-station popularity", (p, n, s) -> p)
          .add(
              "shot-noise",
              "Zipf/IRM plus shot noise, contents with a finite lifetime (Traverso et al. 2013)",
              (p, n, s) ->
                  new ShotNoise(
                      p, s.arrivalRate(), s.meanVolume(), s.meanLifetime(), s.shotShare(), n))
          .build();

  private RequestModels() {}

  /**
   * The entry of a model name, in any letter case, with {@code _} read as {@code -}.
   *
   * @param name the name as a user wrote it
   * @return its entry
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public static Registry.Entry<Factory> named(String name) {
    return REGISTRY.entry(name);
  }
}
