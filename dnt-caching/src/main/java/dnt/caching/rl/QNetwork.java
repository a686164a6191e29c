package dnt.caching.rl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A candidate-scoring Q network: a small MLP (features → hidden → hidden → 1, ReLU) that maps the
 * feature row of one action (evict this candidate) to its Q value, shared across all actions as in
 * action-embedding DQNs. Training runs on DJL (PyTorch engine, Adam, L2 loss); inference runs on a
 * plain-Java mirror of the weights, refreshed after every gradient step, so that acting and target
 * evaluation cost no native calls. A second mirror, synced every K steps, is the target network of
 * Double DQN (H. van Hasselt, A. Guez, D. Silver, "Deep Reinforcement Learning with Double
 * Q-learning", AAAI 2016).
 *
 * <p>Weights are initialised from an injected generator (Xavier uniform), so runs are reproducible
 * without touching the engine's global seed.
 */
public final class QNetwork implements AutoCloseable {
  private final int features;
  private final int hidden;
  private final Model model;
  private final Trainer trainer;
  private final List<Parameter> parameters = new ArrayList<>();
  private final Mirror online;
  private final Mirror target;

  /**
   * Plain-Java weights of the MLP: w1 [hidden x in], b1, w2 [hidden x hidden], b2, w3 [hidden], b3.
   */
  private static final class Mirror {
    final float[][] arrays = new float[6][];

    double score(float[] row, int offset, int in, int hidden) {
      float[] w1 = arrays[0];
      float[] b1 = arrays[1];
      float[] w2 = arrays[2];
      float[] b2 = arrays[3];
      float[] w3 = arrays[4];
      double[] h1 = new double[hidden];
      for (int j = 0; j < hidden; j++) {
        double a = b1[j];
        int base = j * in;
        for (int i = 0; i < in; i++) {
          a += w1[base + i] * row[offset + i];
        }
        h1[j] = a > 0 ? a : 0;
      }
      double out = arrays[5][0];
      for (int j = 0; j < hidden; j++) {
        double a = b2[j];
        int base = j * hidden;
        for (int i = 0; i < hidden; i++) {
          a += w2[base + i] * h1[i];
        }
        if (a > 0) {
          out += w3[j] * a;
        }
      }
      return out;
    }

    void copyFrom(Mirror other) {
      for (int k = 0; k < arrays.length; k++) {
        arrays[k] = other.arrays[k].clone();
      }
    }
  }

  /**
   * Builds and initialises the network.
   *
   * @param features the length of a feature row
   * @param hidden the width of the two hidden layers
   * @param learningRate Adam's learning rate
   * @param random the source of the initial weights
   */
  public QNetwork(int features, int hidden, float learningRate, RandomGenerator random) {
    this.features = features;
    this.hidden = hidden;
    SequentialBlock net =
        new SequentialBlock()
            .add(Linear.builder().setUnits(hidden).build())
            .add(Activation::relu)
            .add(Linear.builder().setUnits(hidden).build())
            .add(Activation::relu)
            .add(Linear.builder().setUnits(1).build());
    model = Model.newInstance("dnt-caching-q");
    model.setBlock(net);
    trainer =
        model.newTrainer(
            new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(
                    Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build()));
    trainer.initialize(new Shape(1, features));
    for (Pair<String, Parameter> p : net.getParameters()) {
      parameters.add(p.getValue());
    }
    if (parameters.size() != 6) {
      throw new IllegalStateException("expected 6 parameter arrays, got " + parameters.size());
    }
    for (Parameter p : parameters) {
      NDArray a = p.getArray();
      long[] shape = a.getShape().getShape();
      float[] v = new float[(int) a.size()];
      if (shape.length == 2) {
        double limit = Math.sqrt(6.0 / (shape[0] + shape[1]));
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
      }
      a.set(FloatBuffer.wrap(v));
    }
    online = new Mirror();
    target = new Mirror();
    refreshOnline();
    target.copyFrom(online);
  }

  /**
   * The feature-row length.
   *
   * @return F
   */
  public int features() {
    return features;
  }

  /**
   * Q values of a state's candidate rows under the online network.
   *
   * @param rows n rows of F features, flattened
   * @param n the number of rows
   * @param out receives n values
   */
  public void scores(float[] rows, int n, double[] out) {
    for (int r = 0; r < n; r++) {
      out[r] = online.score(rows, r * features, features, hidden);
    }
  }

  /**
   * Q values under the target network.
   *
   * @param rows n rows of F features, flattened
   * @param n the number of rows
   * @param out receives n values
   */
  public void targetScores(float[] rows, int n, double[] out) {
    for (int r = 0; r < n; r++) {
      out[r] = target.score(rows, r * features, features, hidden);
    }
  }

  /**
   * One gradient step of the L2 loss between Q(rows) and the targets.
   *
   * @param rows the chosen actions' feature rows, flattened
   * @param targets one target per row
   * @return the loss
   */
  public float train(float[] rows, float[] targets) {
    GradientLock.LOCK.lock();
    try {
      return trainLocked(rows, targets);
    } finally {
      GradientLock.LOCK.unlock();
    }
  }

  private float trainLocked(float[] rows, float[] targets) {
    int n = targets.length;
    float loss;
    try (NDManager m = trainer.getManager().newSubManager();
        GradientCollector gc = trainer.newGradientCollector()) {
      NDArray x = m.create(rows, new Shape(n, features));
      NDArray y = m.create(targets, new Shape(n, 1));
      NDArray q = trainer.forward(new NDList(x)).singletonOrThrow();
      NDArray l = trainer.getLoss().evaluate(new NDList(y), new NDList(q));
      gc.backward(l);
      loss = l.getFloat();
    }
    trainer.step();
    refreshOnline();
    return loss;
  }

  /** Copies the online weights into the target network. */
  public void syncTarget() {
    target.copyFrom(online);
  }

  /**
   * The online weights, flattened (for tests and checkpoints).
   *
   * @return a copy
   */
  public float[] weights() {
    int total = 0;
    for (float[] a : online.arrays) {
      total += a.length;
    }
    float[] w = new float[total];
    int k = 0;
    for (float[] a : online.arrays) {
      System.arraycopy(a, 0, w, k, a.length);
      k += a.length;
    }
    return w;
  }

  private void refreshOnline() {
    for (int k = 0; k < 6; k++) {
      online.arrays[k] = parameters.get(k).getArray().toFloatArray();
    }
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
