package dnt.learn.fl;

import dnt.core.InvalidInputException;
import dnt.core.InvalidSettingException;
import dnt.learn.codec.UpdateCodec;
import dnt.learn.codec.UpdateCodecs;
import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.Architectures;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.WindowSpec;
import java.util.Locale;

/**
 * The configuration of federated traffic forecasting: validating records, one per section of the
 * forecasting study's settings ({@code model}, {@code windows}, {@code training}, ...), and the
 * learning settings derived from them. Every constructor checks its values and throws an {@link
 * IllegalArgumentException} (an {@link InvalidSettingException} naming the component when the
 * message is about one key) for an impossible one; reading them from YAML, with the commented
 * defaults, presets and {@code --set} overrides, is the experiments module's job ({@code
 * dnt.experiments.forecasting.ForecastingSettings}).
 *
 * @param model the network
 * @param windows the input windows
 * @param training the local training recipe
 * @param sync synchronous rounds (V-twin)
 * @param clustering cluster twins
 * @param async asynchronous streaming (H-twin)
 * @param centralized the centralized baseline
 * @param cost the cost model
 * @param codec how client updates are compressed on the uplink
 * @param personalisation how stations personalise their twin after the synchronous phase (used by
 *     the study's personalised methods only)
 * @param threads Java threads for parallel clients
 */
public record FlConfig(
    Model model,
    Windows windows,
    Training training,
    Sync sync,
    Clustering clustering,
    Async async,
    Centralized centralized,
    Cost cost,
    Codec codec,
    Personalise personalisation,
    int threads) {
  /** Checks the fields. */
  public FlConfig {
    require(model, "model");
    require(windows, "windows");
    require(training, "training");
    require(sync, "sync");
    require(clustering, "clustering");
    require(async, "async");
    require(centralized, "centralized");
    require(cost, "cost");
    require(codec, "codec");
    require(personalisation, "personalisation");
    check(threads >= 1, "threads must be at least 1, got " + threads);
  }

  /**
   * The network section.
   *
   * @param architecture a name of {@link Architectures#REGISTRY} (dual-lstm, lstm, gru, mlp,
   *     st-densenet, graph-gru), in any letter case (kept in its registry spelling)
   * @param hidden hidden units
   * @param layers stacked layers
   * @param dropout dropout rate in [0, 1)
   */
  public record Model(String architecture, int hidden, int layers, double dropout) {
    /** Checks the fields. */
    public Model {
      require(architecture, "architecture");
      try {
        architecture = Architectures.REGISTRY.canonicalName(architecture);
      } catch (InvalidInputException e) {
        throw new InvalidSettingException("architecture", String.valueOf(e.getMessage()));
      }
      check(hidden >= 1, "hidden must be at least 1, got " + hidden);
      check(layers >= 1, "layers must be at least 1, got " + layers);
      check(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
    }
  }

  /**
   * The windows section.
   *
   * @param closeness k
   * @param period p
   * @param newestFirst newest first
   * @param hourOfDay hour-of-day inputs
   * @param dayOfWeek day-of-week inputs
   * @param trend q, previous weeks at the same slot (read by the spatial architectures only)
   * @param neighbourhood m, the side of the patch of grid cells around a cell, odd (read by the
   *     spatial architectures only)
   */
  public record Windows(
      int closeness,
      int period,
      boolean newestFirst,
      boolean hourOfDay,
      boolean dayOfWeek,
      int trend,
      int neighbourhood) {
    /** Checks the fields. */
    public Windows {
      check(closeness >= 1, "closeness must be at least 1, got " + closeness);
      check(period >= 0, "period must be >= 0, got " + period);
      check(trend >= 0, "trend must be >= 0, got " + trend);
      check(
          neighbourhood >= 1 && neighbourhood % 2 == 1,
          "neighbourhood must be an odd number >= 1, got " + neighbourhood);
    }

    /**
     * The section with the spatial defaults (trend 1 week, 3 x 3 neighbourhood).
     *
     * @param closeness k
     * @param period p
     * @param newestFirst newest first
     * @param hourOfDay hour-of-day inputs
     * @param dayOfWeek day-of-week inputs
     */
    public Windows(
        int closeness, int period, boolean newestFirst, boolean hourOfDay, boolean dayOfWeek) {
      this(closeness, period, newestFirst, hourOfDay, dayOfWeek, 1, 3);
    }
  }

  /**
   * The training section.
   *
   * @param optimizer sgd or adam
   * @param learningRate the step size
   * @param momentum SGD momentum
   * @param batchSize samples per step
   * @param localEpochs epochs per local call
   * @param shuffle shuffle every epoch
   */
  public record Training(
      String optimizer,
      double learningRate,
      double momentum,
      int batchSize,
      int localEpochs,
      boolean shuffle) {
    /** Checks the fields. */
    public Training {
      require(optimizer, "optimizer");
      check(
          optimizer.equalsIgnoreCase("sgd") || optimizer.equalsIgnoreCase("adam"),
          "optimizer must be sgd or adam, got '" + optimizer + "'");
      check(
          learningRate > 0 && Double.isFinite(learningRate),
          "learningRate must be positive, got " + learningRate);
      check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
      check(batchSize >= 1, "batchSize must be at least 1, got " + batchSize);
      check(localEpochs >= 1, "localEpochs must be at least 1, got " + localEpochs);
    }
  }

  /**
   * The sync section.
   *
   * @param rounds rounds
   * @param clientFraction fraction sampled per round
   * @param weighted weighted FedAvg
   * @param evaluateEvery evaluation period in rounds (0: never)
   */
  public record Sync(int rounds, double clientFraction, boolean weighted, int evaluateEvery) {
    /** Checks the fields. */
    public Sync {
      check(rounds >= 1, "rounds must be at least 1, got " + rounds);
      check(
          clientFraction > 0 && clientFraction <= 1,
          "clientFraction must be in (0, 1], got " + clientFraction);
      check(evaluateEvery >= 0, "evaluateEvery must be >= 0, got " + evaluateEvery);
    }
  }

  /**
   * The clustering section.
   *
   * @param clusters k
   * @param reclusterEvery R
   * @param locationWeight location weight
   * @param mixing pull towards the global model
   */
  public record Clustering(int clusters, int reclusterEvery, double locationWeight, double mixing) {
    /** Checks the fields. */
    public Clustering {
      check(clusters >= 1, "clusters must be at least 1, got " + clusters);
      check(reclusterEvery >= 1, "reclusterEvery must be at least 1, got " + reclusterEvery);
      check(
          locationWeight >= 0 && Double.isFinite(locationWeight),
          "locationWeight must be finite and >= 0, got " + locationWeight);
      check(mixing >= 0 && mixing <= 1, "mixing must be in [0, 1], got " + mixing);
    }
  }

  /**
   * The async section.
   *
   * @param alpha mixing rate
   * @param staleness constant, polynomial or hinge
   * @param stalenessA exponent or slope
   * @param stalenessB hinge threshold
   * @param bufferSize arrivals per server step
   * @param startSpreadSeconds start offsets
   * @param localEpochs local epochs per new day
   * @param historyDays days of recent data (the new day and those before it) trained on each day
   * @param clientFraction fraction C of stations that send an update each day (ceil(C n) of n), in
   *     (0, 1]
   */
  public record Async(
      double alpha,
      String staleness,
      double stalenessA,
      long stalenessB,
      int bufferSize,
      double startSpreadSeconds,
      int localEpochs,
      int historyDays,
      double clientFraction) {
    /** Checks the fields. */
    public Async {
      check(alpha > 0 && alpha <= 1, "alpha must be in (0, 1], got " + alpha);
      require(staleness, "staleness");
      check(
          java.util.Set.of("constant", "polynomial", "hinge").contains(staleness),
          "staleness must be constant, polynomial or hinge, got '" + staleness + "'");
      check(
          stalenessA >= 0 && Double.isFinite(stalenessA),
          "stalenessA must be finite and >= 0, got " + stalenessA);
      check(stalenessB >= 0, "stalenessB must be >= 0, got " + stalenessB);
      check(bufferSize >= 1, "bufferSize must be at least 1, got " + bufferSize);
      check(
          startSpreadSeconds >= 0 && Double.isFinite(startSpreadSeconds),
          "startSpreadSeconds must be finite and >= 0, got " + startSpreadSeconds);
      check(localEpochs >= 1, "localEpochs must be at least 1, got " + localEpochs);
      check(historyDays >= 1, "historyDays must be at least 1, got " + historyDays);
      check(
          clientFraction > 0 && clientFraction <= 1,
          "clientFraction must be in (0, 1], got " + clientFraction);
    }

    /**
     * The staleness function.
     *
     * @return the function
     */
    public StalenessFunction function() {
      return switch (staleness) {
        case "constant" -> new StalenessFunction.Constant();
        case "hinge" -> new StalenessFunction.Hinge(stalenessA, stalenessB);
        default -> new StalenessFunction.Polynomial(stalenessA);
      };
    }
  }

  /**
   * The centralized section.
   *
   * @param epochs central epochs
   */
  public record Centralized(int epochs) {
    /** Checks the fields. */
    public Centralized {
      check(epochs >= 1, "epochs must be at least 1, got " + epochs);
    }
  }

  /**
   * The cost section.
   *
   * @param latencySeconds message latency
   * @param linkRateMbps median link rate in Mbit/s
   * @param linkRateSpread lognormal sigma of link rates
   * @param computeSpeedSpread lognormal sigma of compute speeds
   * @param secondsPerSample nominal seconds per sample
   * @param rawBytesPerValue bytes per raw value
   */
  public record Cost(
      double latencySeconds,
      double linkRateMbps,
      double linkRateSpread,
      double computeSpeedSpread,
      double secondsPerSample,
      int rawBytesPerValue) {
    /** Checks the fields. */
    public Cost {
      check(
          latencySeconds >= 0 && Double.isFinite(latencySeconds),
          "latencySeconds must be finite and >= 0, got " + latencySeconds);
      check(
          linkRateMbps > 0 && Double.isFinite(linkRateMbps),
          "linkRateMbps must be positive, got " + linkRateMbps);
      check(
          linkRateSpread >= 0 && Double.isFinite(linkRateSpread),
          "linkRateSpread must be finite and >= 0, got " + linkRateSpread);
      check(
          computeSpeedSpread >= 0 && Double.isFinite(computeSpeedSpread),
          "computeSpeedSpread must be finite and >= 0, got " + computeSpeedSpread);
      check(
          secondsPerSample >= 0 && Double.isFinite(secondsPerSample),
          "secondsPerSample must be finite and >= 0, got " + secondsPerSample);
      check(rawBytesPerValue >= 1, "rawBytesPerValue must be at least 1, got " + rawBytesPerValue);
    }
  }

  /**
   * The codec section: how each client's update is compressed on its way to the server.
   *
   * @param name a name of {@link UpdateCodecs#REGISTRY} (none, qsgd, sign, top-k), in any letter
   *     case (kept in its registry spelling)
   * @param bits QSGD's bits a coordinate, sign included, in [2, 16]
   * @param density top-k's kept fraction of coordinates, in (0, 1]
   */
  public record Codec(String name, int bits, double density) {
    /** Checks the fields. */
    public Codec {
      require(name, "name");
      try {
        name = UpdateCodecs.REGISTRY.canonicalName(name);
      } catch (InvalidInputException e) {
        throw new InvalidSettingException("name", String.valueOf(e.getMessage()));
      }
      check(bits >= 2 && bits <= 16, "bits must be in [2, 16], got " + bits);
      check(density > 0 && density <= 1, "density must be in (0, 1], got " + density);
    }
  }

  /**
   * The personalisation section: how each station makes the model the synchronous phase left it its
   * own (see {@link Personalisation}).
   *
   * @param strategy a name of {@link Personalisations#REGISTRY} (none, fine-tune), in any letter
   *     case (kept in its registry spelling)
   * @param epochs fine-tune's local epochs, at least 1
   */
  public record Personalise(String strategy, int epochs) {
    /** Checks the fields. */
    public Personalise {
      require(strategy, "strategy");
      try {
        strategy = Personalisations.REGISTRY.canonicalName(strategy);
      } catch (InvalidInputException e) {
        throw new InvalidSettingException("strategy", String.valueOf(e.getMessage()));
      }
      check(epochs >= 1, "epochs must be at least 1, got " + epochs);
    }
  }

  /**
   * The personalisation strategy of the {@code personalisation} section.
   *
   * @return the strategy
   */
  public Personalisation personaliser() {
    return Personalisations.REGISTRY
        .factory(personalisation.strategy())
        .apply(new Personalisations.Options(personalisation.epochs()));
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static void require(Object o, String name) {
    if (o == null) {
      throw new IllegalArgumentException(name + " is missing");
    }
  }

  /**
   * The window spec for data with S slots a day: with the trend window and the neighbourhood patch
   * when the architecture is spatial ({@link Architectures#spatial}), of the cell alone otherwise
   * (the windows of every other architecture do not depend on {@code windows.trend} and {@code
   * windows.neighbourhood}).
   *
   * @param slotsPerDay S
   * @return the spec
   */
  public WindowSpec windowSpec(int slotsPerDay) {
    WindowSpec cell =
        new WindowSpec(
            windows.closeness,
            windows.period,
            slotsPerDay,
            windows.newestFirst,
            windows.hourOfDay,
            windows.dayOfWeek);
    return Architectures.spatial(model.architecture)
        ? cell.withSpatial(windows.trend, windows.neighbourhood)
        : cell;
  }

  /**
   * The architecture for data with S slots a day.
   *
   * @param slotsPerDay S
   * @return the network
   */
  public Architecture architecture(int slotsPerDay) {
    return Architectures.REGISTRY
        .factory(model.architecture)
        .apply(
            new Architectures.Options(
                windowSpec(slotsPerDay), model.hidden, model.layers, model.dropout));
  }

  /**
   * The local training recipe.
   *
   * @return the recipe
   */
  public TrainingRecipe recipe() {
    return new TrainingRecipe(
        training.localEpochs,
        training.batchSize,
        TrainingRecipe.Optimizer.parse(training.optimizer.toLowerCase(Locale.ROOT)),
        training.learningRate,
        training.momentum,
        training.shuffle);
  }

  /**
   * The cluster settings, enabled or not.
   *
   * @param enabled whether this method clusters
   * @return the settings
   */
  public ClusterSettings clusterSettings(boolean enabled) {
    return new ClusterSettings(
        enabled,
        clustering.clusters,
        clustering.reclusterEvery,
        clustering.locationWeight,
        clustering.mixing);
  }

  /**
   * The synchronous settings.
   *
   * @param clustered whether this method clusters
   * @return the settings
   */
  public SyncSettings syncSettings(boolean clustered) {
    return new SyncSettings(
        sync.rounds,
        sync.clientFraction,
        recipe(),
        clusterSettings(clustered),
        cost.secondsPerSample,
        sync.evaluateEvery);
  }

  /**
   * The asynchronous settings.
   *
   * @param clustered whether this method clusters
   * @return the settings
   */
  public AsyncSettings asyncSettings(boolean clustered) {
    return new AsyncSettings(
        recipe().withEpochs(async.localEpochs),
        async.alpha,
        async.function(),
        async.bufferSize,
        cost.secondsPerSample,
        async.startSpreadSeconds,
        clusterSettings(clustered),
        async.clientFraction);
  }

  /**
   * The update codec of the codec section.
   *
   * @return a fresh codec
   */
  public UpdateCodec updateCodec() {
    return UpdateCodecs.REGISTRY
        .factory(codec.name)
        .apply(new UpdateCodecs.Options(codec.bits, codec.density));
  }

  /**
   * The FedAvg rule of the sync section.
   *
   * @return weighted or unweighted FedAvg
   */
  public AggregationRule fedAvg() {
    return new FedAvg(sync.weighted);
  }
}
