package dnt.experiments.privacy;

import dnt.core.util.Seeds;
import dnt.data.TrafficDataset;
import dnt.experiments.harness.Replication;
import dnt.experiments.harness.Study;
import dnt.experiments.prep.HourlyMlpSetup;
import dnt.learn.fl.LocalTraining;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.Mlp;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.Windows;
import dnt.learn.privacy.inversion.InversionAttack;
import dnt.learn.privacy.inversion.InversionAttacks;
import dnt.learn.privacy.inversion.Observation;
import dnt.learn.privacy.inversion.Reconstruction;
import dnt.learn.privacy.inversion.ReconstructionError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * One replication of the privacy study on the bundled Milan subset, prepared as for the poisoning
 * study by {@link HourlyMlpSetup} (internet, hourly, z-scored per cell on the first 16 days;
 * FedDA's windows of 3 recent hours and 3 previous days; the MLP forecaster with one hidden layer).
 *
 * <p><b>Leakage.</b> For every batch size B, a client (a cell) and B of its training windows are
 * drawn; the client takes one FedSGD step from a freshly initialised global model and sends the
 * update through each protection (a fresh channel: its first update, so error feedback holds
 * nothing yet); each attack reconstructs the batch from what the server received, from the same
 * random start under every protection, and is scored by {@link ReconstructionError}.
 *
 * <p><b>Utility.</b> For every protection, a short federated training: all 25 clients, {@code
 * rounds} rounds of one local epoch (batch 32, SGD 0.05, momentum 0.9), each update protected on
 * its client, the server averaging what it receives; scored by the mean squared error in z-score
 * units on the last 7 days (the test week), over all cells.
 */
public final class PrivacyStudy implements Study<PrivacyStudy.Result> {
  /** The attack name of the chance rows: a random guess that never looks at the update. */
  public static final String CHANCE = "chance";

  private final PrivacyConfig config;
  private final Mlp architecture;
  private final TrainingRecipe recipe;
  private final List<Windows> train;
  private final Windows test;
  private final List<Protection> protections;

  /**
   * Prepares the data.
   *
   * @param config the settings
   * @param data the Milan subset (10-minute slots, internet activity)
   */
  public PrivacyStudy(PrivacyConfig config, TrafficDataset data) {
    this.config = config;
    HourlyMlpSetup setup = new HourlyMlpSetup(data, HourlyMlpSetup.TRAIN_DAYS, config.hidden());
    int h = HourlyMlpSetup.HOURS_PER_DAY;
    this.architecture = setup.architecture();
    this.recipe = setup.recipe();
    List<Windows> trains = new ArrayList<>();
    List<Windows> tests = new ArrayList<>();
    for (int c = 0; c < setup.cellCount(); c++) {
      String id = "cell " + setup.cell(c).value();
      trains.add(setup.trainWindows(c, id));
      tests.add(setup.windows(c, HourlyMlpSetup.TEST_FROM_DAY * h, HourlyMlpSetup.DAYS * h, id));
    }
    this.train = List.copyOf(trains);
    this.test = Windows.concat(tests);
    this.protections = protections(config);
  }

  /**
   * The protections a configuration compares, in report order: none, QSGD, top-k, sign (the
   * negative control), clipping alone, client-side DP, QSGD plus DP.
   *
   * @param config the settings
   * @return the protections
   */
  public static List<Protection> protections(PrivacyConfig config) {
    List<Protection> out = new ArrayList<>();
    out.add(Protection.NONE);
    config.qsgdBits().forEach(b -> out.add(Protection.qsgd(b)));
    config.topkDensities().forEach(d -> out.add(Protection.topK(d)));
    out.add(Protection.sign());
    out.add(Protection.clipOnly());
    config.dpEpsilons().forEach(e -> out.add(Protection.dp(e, 0)));
    out.add(Protection.dp(config.combinedEpsilon(), config.combinedBits()));
    return List.copyOf(out);
  }

  /**
   * The protections compared.
   *
   * @return the protections, in report order
   */
  public List<Protection> protections() {
    return protections;
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
   * The number of clients.
   *
   * @return the cells of the subset
   */
  public int clients() {
    return train.size();
  }

  /**
   * One attack on one protected update.
   *
   * @param seed the replication's seed
   * @param protection the protection's name
   * @param attack the attack's name
   * @param batchSize B
   * @param cell the attacked client's index
   * @param bytes bytes of the update on the wire
   * @param error the reconstruction error
   */
  public record AttackRow(
      long seed,
      String protection,
      String attack,
      int batchSize,
      int cell,
      long bytes,
      ReconstructionError error) {}

  /**
   * The negative control on one protected update: a label-recovery attack in the manner of iDLG
   * (Zhao, Mopuri and Bilen, "iDLG: Improved Deep Leakage from Gradients", 2020), which reads the
   * sign of the head's bias gradient, {@code sign(mean(prediction - target))}: whether the client's
   * traffic lay above or below the global model's forecast. Every sign-preserving codec keeps it.
   *
   * @param seed the replication's seed
   * @param protection the protection's name
   * @param batchSize B
   * @param recovered whether the sign read from the received update is the true one
   */
  public record ControlRow(long seed, String protection, int batchSize, boolean recovered) {}

  /**
   * One short federated training under a protection.
   *
   * @param seed the replication's seed
   * @param protection the protection's name
   * @param noiseMultiplier the DP noise multiplier z (0 without noise)
   * @param bytes bytes of one update on the wire
   * @param testMse the global model's mean squared error on the test week, z-score units
   */
  public record UtilityRow(
      long seed, String protection, double noiseMultiplier, long bytes, double testMse) {}

  /**
   * What one replication produced.
   *
   * @param seed its seed
   * @param attacks the attack rows
   * @param controls the negative-control rows
   * @param utility the utility rows, one per protection
   */
  public record Result(
      long seed, List<AttackRow> attacks, List<ControlRow> controls, List<UtilityRow> utility) {
    /** Copies the lists. */
    public Result {
      attacks = List.copyOf(attacks);
      controls = List.copyOf(controls);
      utility = List.copyOf(utility);
    }
  }

  @Override
  public Result replicate(Replication replication) throws InterruptedException {
    long seed = replication.seed();
    List<ControlRow> controls = new ArrayList<>();
    List<AttackRow> attacks = attacks(seed, controls);
    return new Result(seed, attacks, controls, utility(seed));
  }

  private List<AttackRow> attacks(long seed, List<ControlRow> controls) {
    int d = architecture.parameterCount();
    float[] global = Forecaster.initialise(architecture, Seeds.derive(seed, 1)).parameters();
    InversionAttacks.Options options =
        new InversionAttacks.Options(
            architecture.windows(), config.iterations(), config.stepSize(), config.tvWeight());
    List<AttackRow> rows = new ArrayList<>();
    for (int b : config.batchSizes()) {
      RandomGenerator pick = Seeds.generator(Seeds.derive(seed, 2, b));
      int cell = pick.nextInt(train.size());
      Windows batch = sample(train.get(cell), b, pick);
      Forecaster client = Forecaster.of(architecture, global);
      client.fit(
          batch,
          new TrainingRecipe(
              1, b, TrainingRecipe.Optimizer.SGD, config.attackLearningRate(), 0, false),
          Seeds.derive(seed, 3, b));
      float[] after = client.parameters();
      double[] update = new double[d];
      for (int i = 0; i < d; i++) {
        update[i] = (double) after[i] - global[i];
      }
      double[][] inputs = inputs(batch);
      double[] targets = new double[b];
      for (int i = 0; i < b; i++) {
        targets[i] = batch.target()[i];
      }
      float[] predicted = Forecaster.of(architecture, global).predict(batch);
      double residual = 0;
      for (int i = 0; i < b; i++) {
        residual += predicted[i] - targets[i];
      }
      // the chance level: standard-normal windows and targets, scored (and matched) the same way;
      // with B > 1 the matching alone lifts the correlation above 0
      RandomGenerator chance = Seeds.generator(Seeds.derive(seed, 9, b));
      double[][] guessX = new double[b][inputs[0].length];
      double[] guessY = new double[b];
      for (int i = 0; i < b; i++) {
        for (int k = 0; k < guessX[i].length; k++) {
          guessX[i][k] = chance.nextGaussian();
        }
        guessY[i] = chance.nextGaussian();
      }
      rows.add(
          new AttackRow(
              seed,
              Protection.NONE.name(),
              CHANCE,
              b,
              cell,
              4L * d,
              ReconstructionError.of(inputs, targets, new Reconstruction(guessX, guessY))));
      for (int p = 0; p < protections.size(); p++) {
        Protection protection = protections.get(p);
        Protection.Channel channel =
            protection.channel(
                d,
                config.attackClip(),
                protection.noiseMultiplier(config.dpDelta(), config.rounds()));
        double[] received =
            channel.send("attacked", update, Seeds.generator(Seeds.derive(seed, 4, b, p)));
        // the head's bias is the last weight; its gradient is -update / lr
        double headGradient = -received[d - 1] / config.attackLearningRate();
        controls.add(
            new ControlRow(
                seed, protection.name(), b, Math.signum(headGradient) == Math.signum(residual)));
        Observation o =
            new Observation(architecture, global, received, config.attackLearningRate(), b);
        for (int a = 0; a < config.attacks().size(); a++) {
          String name = InversionAttacks.REGISTRY.canonicalName(config.attacks().get(a));
          InversionAttack attack = InversionAttacks.REGISTRY.factory(name).apply(options);
          Reconstruction guess =
              attack.reconstruct(o, Seeds.generator(Seeds.derive(seed, 5, b, a)));
          rows.add(
              new AttackRow(
                  seed,
                  protection.name(),
                  name,
                  b,
                  cell,
                  channel.bytes(),
                  ReconstructionError.of(inputs, targets, guess)));
        }
      }
    }
    return rows;
  }

  /** B distinct windows of a client, drawn without replacement. */
  private static Windows sample(Windows all, int b, RandomGenerator random) {
    int n = all.count();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    List<Windows> parts = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      int j = i + random.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
      parts.add(all.range(order[i], order[i] + 1));
    }
    return b == 1 ? parts.get(0) : Windows.concat(parts);
  }

  /** The MLP's input vector of every window: closeness, then period. */
  private static double[][] inputs(Windows w) {
    int c = w.closenessLength() * w.features();
    int p = w.periodLength() * w.features();
    double[][] x = new double[w.count()][c + p];
    for (int i = 0; i < w.count(); i++) {
      for (int k = 0; k < c; k++) {
        x[i][k] = w.closeness()[i * c + k];
      }
      for (int k = 0; k < p; k++) {
        x[i][c + k] = w.period()[i * p + k];
      }
    }
    return x;
  }

  private List<UtilityRow> utility(long seed) throws InterruptedException {
    int d = architecture.parameterCount();
    List<UtilityRow> rows = new ArrayList<>();
    try (LocalTraining pool = new LocalTraining(architecture, config.threads())) {
      for (int p = 0; p < protections.size(); p++) {
        Protection protection = protections.get(p);
        double z = protection.noiseMultiplier(config.dpDelta(), config.rounds());
        Protection.Channel channel = protection.channel(d, config.trainClip(), z);
        RandomGenerator noise = Seeds.generator(Seeds.derive(seed, 6, p));
        float[] global = Forecaster.initialise(architecture, Seeds.derive(seed, 7)).parameters();
        for (int r = 0; r < config.rounds(); r++) {
          List<LocalTraining.Job> jobs = new ArrayList<>();
          for (int c = 0; c < train.size(); c++) {
            jobs.add(new LocalTraining.Job(global, train.get(c), Seeds.derive(seed, 8, r, c)));
          }
          List<Future<LocalTraining.Result>> done = pool.submitAll(jobs, recipe);
          double[] sum = new double[d];
          for (int c = 0; c < done.size(); c++) {
            double[] received = channel.send("cell-" + c, await(done.get(c)).delta(), noise);
            for (int i = 0; i < d; i++) {
              sum[i] += received[i];
            }
          }
          float[] next = new float[d];
          for (int i = 0; i < d; i++) {
            next[i] = (float) (global[i] + sum[i] / done.size());
          }
          global = next;
        }
        rows.add(new UtilityRow(seed, protection.name(), z, channel.bytes(), testMse(global)));
      }
    }
    return rows;
  }

  private double testMse(float[] weights) {
    float[] pred = Forecaster.of(architecture, weights).predict(test);
    double s = 0;
    for (int i = 0; i < pred.length; i++) {
      double e = (double) pred[i] - test.target()[i];
      s += e * e;
    }
    return pred.length == 0 ? Double.NaN : s / pred.length;
  }

  private static LocalTraining.Result await(Future<LocalTraining.Result> f)
      throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("local training failed", c);
    }
  }
}
