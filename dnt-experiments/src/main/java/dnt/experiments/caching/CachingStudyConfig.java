package dnt.experiments.caching;

import dnt.caching.rl.AgentSettings;
import dnt.experiments.settings.SettingsYaml;

/**
 * Settings of the caching study; every number is a parameter (the defaults follow the paper's Sec.
 * IV-B where it gives them: 5 stations, 150 slots, 8 clients per station, up to two stations per
 * client; the rest is reconstructed, see docs/caching.md).
 *
 * @param stations B
 * @param clientsPerStation home clients per station
 * @param overlap fraction of clients attached to a second station
 * @param capacity C, slots per station
 * @param catalogue items in the IRM catalogue
 * @param alpha the Zipf exponent
 * @param locality fraction of each station's ranks swapped (local popularity)
 * @param requestProbability q, requests per client per slot
 * @param shotShare fraction of requests going to shot-noise contents
 * @param shotArrivals new shot-noise contents per slot
 * @param shotLifetime mean shot lifetime in slots
 * @param episodeSlots slots per training episode
 * @param physicalEpisodes physical training episodes
 * @param twinEpisodes twin-generated training episodes (w/ DNT systems)
 * @param testSlots slots per test trace
 * @param surgeFactor rate multiplier of the rare regime's surge
 * @param loadWindow W, requests in the sliding load window
 * @param overloadFactor overload above this multiple of the fair share W / B
 * @param agent the DQN's hyper-parameters
 * @param threads worker threads (seeds run in parallel)
 */
public record CachingStudyConfig(
    int stations,
    int clientsPerStation,
    double overlap,
    int capacity,
    int catalogue,
    double alpha,
    double locality,
    double requestProbability,
    double shotShare,
    double shotArrivals,
    int shotLifetime,
    int episodeSlots,
    int physicalEpisodes,
    int twinEpisodes,
    int testSlots,
    double surgeFactor,
    int loadWindow,
    double overloadFactor,
    AgentSettings agent,
    int threads) {

  /**
   * The default study: the commented resource {@code defaults.yaml} beside this class (the paper's
   * numbers where it gives them, the rest reconstructed).
   */
  public static final CachingStudyConfig DEFAULTS =
      SettingsYaml.readResource(
          CachingStudyConfig.class, "defaults.yaml", CachingStudyConfig.class);

  /**
   * A small configuration for smoke tests (seconds): {@code --quick}, the defaults with the keys of
   * the commented resource {@code presets/quick.yaml} beside this class.
   *
   * @return the quick settings
   */
  public static CachingStudyConfig quick() {
    return SettingsYaml.withPreset(
        DEFAULTS, CachingStudyConfig.class, "presets/quick.yaml", CachingStudyConfig.class);
  }

  /** Validates the settings. */
  public CachingStudyConfig {
    if (stations < 1 || clientsPerStation < 1 || capacity < 1 || catalogue < capacity) {
      throw new IllegalArgumentException(
          "need stations, clients and capacity >= 1, catalogue >= C");
    }
    if (episodeSlots < 1 || physicalEpisodes < 1 || twinEpisodes < 0 || testSlots < 3) {
      throw new IllegalArgumentException(
          "need at least one slot, one episode and three test slots");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
  }

  /**
   * These settings on another number of worker threads (the results do not depend on it).
   *
   * @param workers the worker threads, at least 1
   * @return the changed copy
   */
  public CachingStudyConfig withThreads(int workers) {
    return new CachingStudyConfig(
        stations,
        clientsPerStation,
        overlap,
        capacity,
        catalogue,
        alpha,
        locality,
        requestProbability,
        shotShare,
        shotArrivals,
        shotLifetime,
        episodeSlots,
        physicalEpisodes,
        twinEpisodes,
        testSlots,
        surgeFactor,
        loadWindow,
        overloadFactor,
        agent,
        workers);
  }

  /**
   * The number of clients.
   *
   * @return B times the clients per station
   */
  public int clients() {
    return stations * clientsPerStation;
  }
}
