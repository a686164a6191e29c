package dnt.experiments.poisoning;

import dnt.core.util.Seeds;
import dnt.data.TrafficDataset;
import dnt.experiments.prep.HourlyMlpSetup;
import dnt.learn.attack.Attacks;
import dnt.learn.fl.Adversary;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.AsyncSettings;
import dnt.learn.fl.AsynchronousFederation;
import dnt.learn.fl.ClusterSettings;
import dnt.learn.fl.FederatedResult;
import dnt.learn.fl.FederationHooks;
import dnt.learn.fl.FlClient;
import dnt.learn.fl.LinkModel;
import dnt.learn.fl.LocalTraining;
import dnt.learn.fl.ServerRoot;
import dnt.learn.fl.StalenessFunction;
import dnt.learn.fl.SyncSettings;
import dnt.learn.fl.SynchronousFederation;
import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.Windows;
import dnt.learn.robust.AggregationRules;
import dnt.learn.robust.GuardedAggregation;
import dnt.learn.robust.MinimumClients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One federated forecasting setup on the Milan internet subset, and the poisoned runs on it.
 *
 * <p>Data ({@link HourlyMlpSetup}, shared with the privacy study): the bundled 25 cells x 30 days,
 * summed to hours and z-scored per cell with statistics of the first 16 days. Days 0-15 train the
 * V-twin (synchronous FedAvg-style rounds over all 25 stations); days 16-22 are streamed one day at
 * a time to the H-twin (asynchronous, one buffered server step per day with every station's update,
 * starting from the clean V-twin model of the same rule); days 23-29 are the test week. Inputs: the
 * FedDA windows (3 recent hours, the same hour on the 3 previous days); model: a one-hidden-layer
 * MLP. The FLTrust server's root data: two clean days (days 3-4) of five of the cells, standing in
 * for the operator's own cells.
 *
 * <p>Attacks: any name of the attack registry; fake stations join with the configured share (the
 * compromised fraction for malicious-client attacks); MPAF, FTI and TPI pull towards the attacker's
 * own initial model (a fresh random initialisation), in both phases.
 *
 * <p>{@link Split#VALIDATION} shifts the whole protocol one week back (V-twin on days 0-8, H-twin
 * streams days 9-15, scored on days 16-22, the z-score fitted on days 0-8), so that choices made on
 * it never see the test week (days 23-29) nor the test protocol's H-twin days.
 */
public final class PoisoningStudy implements AutoCloseable {
  static final int STREAM_DAYS = 7;

  /** Which week a study scores on. */
  public enum Split {
    /** Train on days 0-15, stream days 16-22, score on the test week, days 23-29. */
    TEST(0),
    /**
     * The protocol one week earlier: train on days 0-8, stream days 9-15, score on the week before
     * the test week, days 16-22 (hyperparameter choices are made here).
     */
    VALIDATION(STREAM_DAYS);

    private final int shiftDays;

    Split(int shiftDays) {
      this.shiftDays = shiftDays;
    }

    /**
     * The number of training days.
     *
     * @return 16 or 9
     */
    public int trainDays() {
      return HourlyMlpSetup.TRAIN_DAYS - shiftDays;
    }

    /**
     * The first scored day.
     *
     * @return 23 or 16
     */
    public int scoredFromDay() {
      return HourlyMlpSetup.TEST_FROM_DAY - shiftDays;
    }
  }

  private final PoisoningConfig config;
  private final Architecture architecture;
  private final TrainingRecipe recipe;
  private final List<FlClient> clients;
  private final List<Windows> test;
  private final ServerRoot root;
  private final LocalTraining pool;
  private final Map<String, FederatedResult> cleanVTwin = new HashMap<>();

  /**
   * Prepares the data and the training pool for the test split.
   *
   * @param config the study's settings
   * @param data the Milan subset (10-minute slots, internet)
   */
  public PoisoningStudy(PoisoningConfig config, TrafficDataset data) {
    this(config, data, Split.TEST);
  }

  /**
   * Prepares the data and the training pool.
   *
   * @param config the study's settings
   * @param data the Milan subset (10-minute slots, internet)
   * @param split the week scored: the test week or the validation week before it
   */
  public PoisoningStudy(PoisoningConfig config, TrafficDataset data, Split split) {
    this.config = config;
    int trainDays = split.trainDays();
    int scoredFrom = split.scoredFromDay();
    HourlyMlpSetup setup = new HourlyMlpSetup(data, trainDays, config.hidden());
    this.architecture = setup.architecture();
    this.recipe = setup.recipe();
    List<FlClient> cs = new ArrayList<>();
    List<Windows> tests = new ArrayList<>();
    List<Windows> rootParts = new ArrayList<>();
    for (int c = 0; c < setup.cellCount(); c++) {
      String id = "cell-" + setup.cell(c).value();
      int h = HourlyMlpSetup.HOURS_PER_DAY;
      Windows train = setup.trainWindows(c, id);
      List<Windows> stream = new ArrayList<>();
      for (int d = 0; d < STREAM_DAYS; d++) {
        int from = (trainDays + d) * h;
        stream.add(setup.windows(c, from, from + h, id));
      }
      tests.add(setup.windows(c, scoredFrom * h, (scoredFrom + STREAM_DAYS) * h, id));
      if (c % 5 == 0) {
        rootParts.add(setup.windows(c, 3 * h, 5 * h, id));
      }
      double[] s = setup.normalisedSeries(c);
      double[] profile = new double[h];
      for (int t = 0; t < trainDays * h; t++) {
        profile[t % h] += s[t] / trainDays;
      }
      int column = c % 5;
      int row = c / 5;
      cs.add(new FlClient(id, column * 235.0, row * 235.0, train, stream, profile, 1, 1e6));
    }
    this.clients = List.copyOf(cs);
    this.test = List.copyOf(tests);
    this.root = new ServerRoot(Windows.concat(rootParts));
    this.pool = new LocalTraining(architecture, config.threads());
  }

  /**
   * The number of benign stations.
   *
   * @return 25 for the bundled subset
   */
  public int stations() {
    return clients.size();
  }

  /**
   * The model's parameter count.
   *
   * @return d
   */
  public int parameters() {
    return architecture.parameterCount();
  }

  /**
   * What one run attacks with.
   *
   * @param name an attack registry name ("none", "mpaf", "fti", "tpi", ...), in any letter case
   *     (kept in its registry spelling)
   * @param share the fake share (the compromised fraction for malicious-client attacks)
   * @param strength MPAF's lambda, TPI's or FTI's eta, the attack's strength; NaN for the
   *     registry's default
   */
  public record Attack(String name, double share, double strength) {
    /** Matches the name in the attack registry without regard to letter case. */
    public Attack {
      name = Attacks.canonicalName(name);
    }
  }

  /**
   * Trains a twin with a rule under an attack in a phase and scores it on the test week.
   *
   * @param ruleName the aggregation rule's registry name
   * @param attack the attack
   * @param phase the phase attacked
   * @param seed the replication's seed
   * @return the capped scores
   */
  public Scores run(String ruleName, Attack attack, Phase phase, long seed) {
    return run(() -> rule(ruleName, attack), attack, phase, seed, ruleName);
  }

  /**
   * As {@link #run(String, Attack, Phase, long)} with a rule supplied directly (DP-FedAvg).
   *
   * @param rule creates a fresh rule
   * @param attack the attack
   * @param phase the phase
   * @param seed the seed
   * @param cacheKey names the rule for caching the clean V-twin model
   * @return the capped scores
   */
  public Scores run(
      Supplier<AggregationRule> rule, Attack attack, Phase phase, long seed, String cacheKey) {
    return run(rule, attack, phase, seed, cacheKey, 1.0);
  }

  /**
   * As {@link #run(Supplier, Attack, Phase, long, String)} with a V-twin client fraction (the
   * DP-FedAvg sampling rate q).
   *
   * @param rule creates a fresh rule
   * @param attack the attack
   * @param phase the phase
   * @param seed the seed
   * @param cacheKey names the rule for caching the clean V-twin model
   * @param clientFraction the fraction of stations per V-twin round
   * @return the capped scores
   */
  public Scores run(
      Supplier<AggregationRule> rule,
      Attack attack,
      Phase phase,
      long seed,
      String cacheKey,
      double clientFraction) {
    Adversary adversary = adversary(attack, seed);
    FederatedResult result;
    if (phase == Phase.V_TWIN) {
      result =
          "none".equals(attack.name())
              ? cleanVTwin(rule, seed, cacheKey, clientFraction)
              : vTwin(rule.get(), adversary, seed, clientFraction);
    } else {
      FederatedResult start = cleanVTwin(rule, seed, cacheKey, clientFraction);
      AsyncSettings async =
          new AsyncSettings(
              recipe,
              1.0,
              new StalenessFunction.Constant(),
              clients.size(),
              0,
              3600,
              ClusterSettings.none());
      result =
          new AsynchronousFederation(pool, async, new LinkModel(0.01), hooks(rule.get(), adversary))
              .run(
                  clients.stream().map(c -> limitStream(c, config.hDays())).toList(),
                  start,
                  Seeds.derive(seed, 0x4B),
                  AsynchronousFederation.DayObserver.NONE);
    }
    return score(result.global());
  }

  private FederatedResult cleanVTwin(
      Supplier<AggregationRule> rule, long seed, String key, double fraction) {
    String k = key + "@" + seed + "@" + fraction;
    FederatedResult r = cleanVTwin.get(k);
    if (r == null) {
      r = vTwin(rule.get(), Adversary.NONE, seed, fraction);
      cleanVTwin.put(k, r);
    }
    return r;
  }

  private FederatedResult vTwin(
      AggregationRule rule, Adversary adversary, long seed, double fraction) {
    SyncSettings sync =
        new SyncSettings(config.vRounds(), fraction, recipe, ClusterSettings.none(), 0, 0);
    float[] init = Forecaster.initialise(architecture, Seeds.derive(seed, 0x1)).parameters();
    return new SynchronousFederation(pool, sync, new LinkModel(0.01), hooks(rule, adversary))
        .run(clients, init, Seeds.derive(seed, 0x5));
  }

  private FederationHooks hooks(AggregationRule rule, Adversary adversary) {
    return FederationHooks.defaults()
        .withRule(new GuardedAggregation(rule, architecture.parameterCount()))
        .withAdversary(adversary)
        .withRoot(root);
  }

  private static FlClient limitStream(FlClient c, int days) {
    return new FlClient(
        c.id(),
        c.x(),
        c.y(),
        c.train(),
        c.stream().subList(0, Math.min(days, c.stream().size())),
        c.profile(),
        c.computeSpeed(),
        c.linkRate());
  }

  /** A rule for a scenario; Byzantine budgets f are the number of fakes, capped per rule. */
  AggregationRule rule(String name, Attack attack) {
    int fakes = fakeCount(Math.max(attack.share(), config.fakeShare()));
    int n = clients.size();
    int f = fakes;
    AggregationRule r = AggregationRules.create(name, new AggregationRules.Options(f, 0.1));
    while (r instanceof MinimumClients mc && mc.minClients() > n && f > 0) {
      f--;
      r = AggregationRules.create(name, new AggregationRules.Options(f, 0.1));
    }
    return r;
  }

  int fakeCount(double share) {
    return dnt.learn.attack.FakeClientAttack.fakeCount(clients.size(), share);
  }

  /**
   * The run's adversary, made by the attack registry: the share, the strength (MPAF's lambda, TPI's
   * or FTI's eta), TPI's sigma (for TPI only; the others keep their default noise), the seed, and
   * the attacker's own initial model (a fresh random initialisation from the run's seed) that MPAF,
   * FTI and TPI pull towards.
   */
  Adversary adversary(Attack attack, long seed) {
    double[] attackerInit =
        toDouble(Forecaster.initialise(architecture, Seeds.derive(seed, 0xA7)).parameters());
    Attacks.Context context =
        new Attacks.Context(
            attack.share(),
            attack.strength(),
            "tpi".equals(attack.name()) ? config.tpiSigma() : Double.NaN,
            seed,
            attackerInit);
    return Attacks.REGISTRY.factory(attack.name()).apply(context);
  }

  private Scores score(float[] global) {
    Forecaster f = Forecaster.of(architecture, global);
    double se = 0;
    double ae = 0;
    long count = 0;
    for (Windows w : test) {
      float[] p = f.predict(w);
      for (int i = 0; i < p.length; i++) {
        double e = (double) p[i] - w.target()[i];
        se += e * e;
        ae += Math.abs(e);
        count++;
      }
    }
    return Scores.capped(se / count, ae / count);
  }

  private static double[] toDouble(float[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i];
    }
    return out;
  }

  @Override
  public void close() {
    pool.close();
  }
}
