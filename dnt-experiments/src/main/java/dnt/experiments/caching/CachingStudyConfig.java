package dnt.experiments.caching;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dnt.caching.rl.AgentSettings;
import dnt.experiments.settings.SettingsYaml;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the caching study, one record per section of {@code defaults.yaml} (the defaults
 * follow the paper's Sec. IV-B where it gives them: 5 stations, 150 slots, 8 clients per station,
 * up to two stations per client; the rest is reconstructed, see docs/caching.md). The sections are
 * unwrapped in YAML, so a run's {@code study:} keys stay flat ({@code study.stations}, {@code
 * study.loadWindow}); a new setting is one component of its section and one line of {@code
 * defaults.yaml}.
 *
 * @param network the network
 * @param requests the request streams
 * @param episodes the training and test streams
 * @param load the load window and the overload threshold
 * @param agent the agent's hyper-parameters
 * @param threads worker threads (replications run in parallel)
 */
public record CachingStudyConfig(
    @JsonUnwrapped Network network,
    @JsonUnwrapped Requests requests,
    @JsonUnwrapped Episodes episodes,
    @JsonUnwrapped Load load,
    AgentSettings agent,
    int threads) {

  /**
   * The network.
   *
   * @param stations B, caching base stations
   * @param clientsPerStation home clients per station
   * @param overlap fraction of clients attached to a second station (ring layout only)
   * @param capacity C, slots per station
   * @param layout {@code twin} (the small cells and clients of a {@link
   *     dnt.caching.network.SmallCellCluster} twin, coverage from received power) or {@code ring}
   *     (the first study's hand-made ring)
   * @param interSiteM twin layout: distance between adjacent stations, metres
   * @param clientRadiusM twin layout: clients are drawn within this distance of their home, metres
   * @param coverageDbm twin layout: a station covers a client received at or above this, dBm
   * @param txPowerDbm twin layout: every station's transmit power, dBm
   * @param serving the serving rule: {@code least-loaded} (issue 16) or {@code home-fetch} (the
   *     first study's)
   */
  public record Network(
      int stations,
      int clientsPerStation,
      double overlap,
      int capacity,
      String layout,
      double interSiteM,
      double clientRadiusM,
      double coverageDbm,
      double txPowerDbm,
      String serving) {
    /** The layouts. */
    public static final java.util.List<String> LAYOUTS = java.util.List.of("twin", "ring");

    /** Checks the fields. */
    public Network {
      if (stations < 1 || clientsPerStation < 1 || capacity < 1) {
        throw new IllegalArgumentException(
            "stations, clientsPerStation and capacity must be at least 1, got "
                + stations
                + ", "
                + clientsPerStation
                + " and "
                + capacity);
      }
      Objects.requireNonNull(layout, "layout is missing");
      Objects.requireNonNull(serving, "serving is missing");
      if (!LAYOUTS.contains(layout)) {
        throw new IllegalArgumentException(
            "layout must be one of " + LAYOUTS + ", got '" + layout + "'");
      }
      servingRule(serving);
    }

    /**
     * The serving rule named by {@link #serving()}.
     *
     * @return the rule
     */
    public dnt.caching.network.ServingRule servingRule() {
      return servingRule(serving);
    }

    private static dnt.caching.network.ServingRule servingRule(String name) {
      return switch (name) {
        case "least-loaded" -> dnt.caching.network.ServingRule.LEAST_LOADED;
        case "home-fetch" -> dnt.caching.network.ServingRule.HOME_FETCH;
        default ->
            throw new IllegalArgumentException(
                "serving must be least-loaded or home-fetch, got '" + name + "'");
      };
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

  /**
   * The request streams (Zipf popularity plus shot noise; every stream is synthetic and seeded).
   *
   * @param catalogue items in the IRM catalogue
   * @param alpha the Zipf exponent
   * @param locality fraction of each station's ranks swapped (local popularity)
   * @param requestProbability q, requests per client per slot
   * @param shotShare fraction of requests going to shot-noise contents
   * @param shotArrivals new shot-noise contents per slot
   * @param shotLifetime mean shot lifetime in slots
   */
  public record Requests(
      int catalogue,
      double alpha,
      double locality,
      double requestProbability,
      double shotShare,
      double shotArrivals,
      int shotLifetime) {}

  /**
   * The training and test streams.
   *
   * @param episodeSlots slots per training episode
   * @param physicalEpisodes physical training episodes
   * @param twinEpisodes twin-generated training episodes (w/ DNT systems)
   * @param testSlots slots per test trace
   * @param surgeFactor rate multiplier of the rare regime's surge
   * @param twinEvents the rare events of the twin's episodes: {@code model} (generated from the
   *     twin's model of the history, {@link dnt.caching.twin.TwinStress}; the test regime is then
   *     held out) or {@code copied} (the first study's: the test regime's kinds of event at random
   *     stations and times)
   * @param equalBudget whether to add the equal-budget arm: "RL" and "Reliable RL" trained on as
   *     many physical episodes as the w/ DNT systems get physical plus twin episodes
   */
  public record Episodes(
      int episodeSlots,
      int physicalEpisodes,
      int twinEpisodes,
      int testSlots,
      double surgeFactor,
      String twinEvents,
      boolean equalBudget) {
    /** Checks the fields. */
    public Episodes {
      if (episodeSlots < 1 || physicalEpisodes < 1 || twinEpisodes < 0 || testSlots < 3) {
        throw new IllegalArgumentException(
            "need at least one slot, one episode and three test slots");
      }
      Objects.requireNonNull(twinEvents, "twinEvents is missing");
      if (!twinEvents.equals("model") && !twinEvents.equals("copied")) {
        throw new IllegalArgumentException(
            "twinEvents must be model or copied, got '" + twinEvents + "'");
      }
    }
  }

  /**
   * The load window and the overload threshold.
   *
   * @param loadWindow W, requests in the sliding load window
   * @param overloadFactor overload above this multiple of the fair share W / B
   */
  public record Load(int loadWindow, double overloadFactor) {}

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

  /** Validates the settings across sections. */
  public CachingStudyConfig {
    Objects.requireNonNull(network, "the network settings are missing");
    Objects.requireNonNull(requests, "the request settings are missing");
    Objects.requireNonNull(episodes, "the episode settings are missing");
    Objects.requireNonNull(load, "the load settings are missing");
    Objects.requireNonNull(agent, "agent is missing");
    if (requests.catalogue() < network.capacity()) {
      throw new IllegalArgumentException(
          "catalogue must be at least the capacity C = "
              + network.capacity()
              + ", got "
              + requests.catalogue());
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
    return SettingsYaml.with(
        this, Map.of("threads", workers), CachingStudyConfig.class, "thread count");
  }

  /**
   * The number of clients.
   *
   * @return B times the clients per station
   */
  public int clients() {
    return network.clients();
  }
}
