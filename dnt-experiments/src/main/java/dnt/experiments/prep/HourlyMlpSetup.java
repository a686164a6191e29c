package dnt.experiments.prep;

import dnt.core.CellId;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.prep.ZScore;
import dnt.learn.forecast.Mlp;
import dnt.learn.forecast.TrainingRecipe;
import dnt.learn.forecast.WindowBuilder;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.forecast.Windows;

/**
 * The federated forecasting setup that the poisoning and privacy studies share: the Milan subset's
 * internet activity summed to hours (30 days, 1 November 2013 a Friday), z-scored per cell with
 * statistics of the training days only, the windows of the FedDA comparison (the 3 most recent
 * hours and the same hour on the 3 previous days; Zhang et al. 2021, "Dual Attention-Based
 * Federated Learning for Wireless Traffic Prediction"), a forecaster with one hidden layer ({@link
 * Mlp}, no dropout) and every station's local recipe (one epoch, batch 32, SGD with learning rate
 * 0.05 and momentum 0.9, time order). The MLP and the recipe are this project's reconstruction: the
 * paper (Sec. III-C) names neither; docs/security.md and docs/privacy.md give the reasons.
 */
public final class HourlyMlpSetup {
  /** Hours a day. */
  public static final int HOURS_PER_DAY = 24;

  /** Days of data the setup needs. */
  public static final int DAYS = 30;

  /** The training days of the test protocol (days 0-15). */
  public static final int TRAIN_DAYS = 16;

  /** The first day of the test week (days 23-29). */
  public static final int TEST_FROM_DAY = 23;

  private final int trainDays;
  private final TrafficDataset normalised;
  private final float[][] series;
  private final WindowSpec spec;
  private final Mlp architecture;
  private final TrainingRecipe recipe;
  private final WindowBuilder builder;

  /**
   * Prepares the series, the windows and the model.
   *
   * @param data the Milan subset (10-minute slots, internet activity)
   * @param trainDays the days, from the first, whose statistics the z-score uses and on which
   *     {@link #trainWindows} ends
   * @param hidden the MLP's hidden width
   * @throws IllegalArgumentException if the data hold fewer than 30 days
   */
  public HourlyMlpSetup(TrafficDataset data, int trainDays, int hidden) {
    TrafficDataset hourly = data.select(Service.INTERNET).resample(6);
    if (hourly.length() < DAYS * HOURS_PER_DAY) {
      throw new IllegalArgumentException(
          "the study needs 30 days of data, got " + hourly.length() + " hours");
    }
    this.trainDays = trainDays;
    this.normalised = ZScore.fit(hourly.slice(0, trainDays * HOURS_PER_DAY)).apply(hourly);
    this.series = new float[normalised.cellCount()][];
    for (int c = 0; c < series.length; c++) {
      double[] s = normalised.series(c, Service.INTERNET);
      float[] x = new float[s.length];
      for (int t = 0; t < s.length; t++) {
        x[t] = (float) s[t];
      }
      series[c] = x;
    }
    this.spec = WindowSpec.fedda(HOURS_PER_DAY);
    this.architecture = new Mlp(spec, hidden, 1, 0.0);
    this.recipe = new TrainingRecipe(1, 32, TrainingRecipe.Optimizer.SGD, 0.05, 0.9, false);
    this.builder = new WindowBuilder(spec, 4); // 1 Nov 2013 was a Friday
  }

  /**
   * The number of cells (stations).
   *
   * @return 25 for the bundled subset
   */
  public int cellCount() {
    return series.length;
  }

  /**
   * A cell.
   *
   * @param c its index
   * @return its id
   */
  public CellId cell(int c) {
    return normalised.cells().get(c);
  }

  /**
   * A cell's hourly series in z-score units.
   *
   * @param c the cell's index
   * @return a fresh array of {@code 30 * 24} (or more) values
   */
  public double[] normalisedSeries(int c) {
    return normalised.series(c, Service.INTERNET);
  }

  /**
   * The windows of one cell whose targets are the hours {@code [fromHour, toHour)}.
   *
   * @param c the cell's index
   * @param fromHour the first target hour, at least the windows' history
   * @param toHour one past the last target hour
   * @param what a name for error messages
   * @return the windows
   */
  public Windows windows(int c, int fromHour, int toHour, String what) {
    return builder.build(series[c], fromHour, toHour, what);
  }

  /**
   * The training windows of one cell: every target hour of the training days that has a full
   * history.
   *
   * @param c the cell's index
   * @param what a name for error messages
   * @return the windows
   */
  public Windows trainWindows(int c, String what) {
    return windows(c, spec.history(), trainDays * HOURS_PER_DAY, what);
  }

  /**
   * The model.
   *
   * @return the one-hidden-layer MLP on the FedDA windows
   */
  public Mlp architecture() {
    return architecture;
  }

  /**
   * Every station's local training recipe.
   *
   * @return one epoch, batch 32, SGD 0.05 with momentum 0.9, no shuffling
   */
  public TrainingRecipe recipe() {
    return recipe;
  }
}
