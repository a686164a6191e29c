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
      if ((long) stations * clientsPerStation > MAX_CLIENTS) {
        throw new IllegalArgumentException(
            "stations x clientsPerStation must be at most "
                + MAX_CLIENTS
                + " clients, got "
                + stations
                + " x "
                + clientsPerStation);
      }
      if (!(overlap >= 0 && overlap <= 1)) {
        throw new IllegalArgumentException("overlap must be in [0, 1], got " + overlap);
      }
      if (!(interSiteM > 0 && Double.isFinite(interSiteM))
          || !(clientRadiusM > 0 && Double.isFinite(clientRadiusM))) {
        throw new IllegalArgumentException(
            "interSiteM and clientRadiusM must be positive metres, got "
                + interSiteM
                + " and "
                + clientRadiusM);
      }
      if (!Double.isFinite(coverageDbm) || !Double.isFinite(txPowerDbm)) {
        throw new IllegalArgumentException(
            "coverageDbm and txPowerDbm must be finite, got " + coverageDbm + " and " + txPowerDbm);
      }
      servingRule(serving);
    }

    /**
     * The most clients a network may have: ten times the scale study's 10,000 (issue 16), far above
     * what a replication can train on in a day, and a bound that keeps every count an int.
     */
    public static final int MAX_CLIENTS = 100_000;

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
      int shotLifetime) {
    /** Checks the fields. */
    public Requests {
      if (!(alpha > 0 && Double.isFinite(alpha))) {
        throw new IllegalArgumentException("alpha must be positive, got " + alpha);
      }
      if (!(locality >= 0 && locality <= 1) || !(shotShare >= 0 && shotShare <= 1)) {
        throw new IllegalArgumentException(
            "locality and shotShare must be in [0, 1], got " + locality + " and " + shotShare);
      }
      if (!(requestProbability > 0 && requestProbability <= 1)) {
        throw new IllegalArgumentException(
            "requestProbability must be in (0, 1], got " + requestProbability);
      }
      if (!(shotArrivals >= 0 && Double.isFinite(shotArrivals)) || shotLifetime < 1) {
        throw new IllegalArgumentException(
            "shotArrivals must be at least 0 and shotLifetime at least 1, got "
                + shotArrivals
                + " and "
                + shotLifetime);
      }
    }
  }

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
   * @param learnedSystems whether to train and evaluate the learned systems; {@code false} runs
   *     only the classic policies and the references (the scale runs, where training does not fit)
   */
  public record Episodes(
      int episodeSlots,
      int physicalEpisodes,
      int twinEpisodes,
      int testSlots,
      double surgeFactor,
      String twinEvents,
      boolean equalBudget,
      boolean learnedSystems) {
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
      if (!(surgeFactor >= 1 && Double.isFinite(surgeFactor))) {
        throw new IllegalArgumentException("surgeFactor must be at least 1, got " + surgeFactor);
      }
    }
  }

  /**
   * The load window and the overload threshold.
   *
   * @param loadWindow W, requests in the sliding load window
   * @param overloadFactor overload above this multiple of the fair share W / B
   */
  public record Load(int loadWindow, double overloadFactor) {
    /** Checks the fields. */
    public Load {
      if (loadWindow < 1 || !(overloadFactor > 0 && Double.isFinite(overloadFactor))) {
        throw new IllegalArgumentException(
            "loadWindow must be at least 1 and overloadFactor positive, got "
                + loadWindow
                + " and "
                + overloadFactor);
      }
    }
  }

  /**
   * The fewest slots of requests the load window must hold (issue 16). The generator lists a slot's
   * requests client by client and clients are numbered by home station, so a window of k slots
   * holds some stations' clients k + 1 times and others' k times: their windowed load reads up to
   * (k + 1) / k of their share, an error that must stay well below the overload margin (1.5 by
   * default). At 10 slots it is at most 10%. At 50 stations and 10,000 clients, a window of 4000
   * requests (0.8 slots) saw only about 40 stations' clients and recorded hundreds of overloads per
   * common stream, one of 5000 requests (one slot) even more, one of 20,000 or 100,000 none
   * (docs/caching.md). The default window (400 requests, 20 a slot) holds 20 slots.
   */
  public static final int MIN_WINDOW_SLOTS = 10;

  /**
   * The most requests a stream may be expected to hold: a test stream is held in memory (16 bytes a
   * request, two streams per replication, and as many replications as threads), so 100 million
   * takes 3.2 GB per replication; the scale study's 10-million-request streams fit ten times over.
   */
  public static final long MAX_STREAM_REQUESTS = 100_000_000L;

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
    double perSlot = network.clients() * requests.requestProbability();
    int longest = Math.max(episodes.testSlots(), episodes.episodeSlots());
    if (longest * perSlot > MAX_STREAM_REQUESTS) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "a stream of %d slots from %d clients at requestProbability %s holds about %.0f"
                  + " requests; at most %d fit (fewer testSlots, episodeSlots or clients)",
              longest,
              network.clients(),
              requests.requestProbability(),
              longest * perSlot,
              MAX_STREAM_REQUESTS));
    }
    if (load.loadWindow() < MIN_WINDOW_SLOTS * perSlot) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "loadWindow %d holds fewer than %d slots of requests (%d clients x"
                  + " requestProbability %s = %.0f a slot): a slot's requests come client by"
                  + " client, so a shorter window counts some stations' clients more often than"
                  + " others' and its overloads measure that order; set loadWindow to at least %.0f",
              load.loadWindow(),
              MIN_WINDOW_SLOTS,
              network.clients(),
              requests.requestProbability(),
              perSlot,
              Math.ceil(MIN_WINDOW_SLOTS * perSlot)));
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
