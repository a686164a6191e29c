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
import dnt.torch.TorchThreads;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * A scalar-output MLP (in → hidden → hidden → 1, ReLU) trained on DJL (PyTorch engine, Adam) with a
 * loss its caller builds, and evaluated on a plain-Java mirror of its weights that is refreshed
 * after every gradient step. Weights start Xavier-uniform from an injected generator, so runs are
 * reproducible without the engine's global seed.
 */
final class Mlp implements AutoCloseable {
  /** Builds a scalar loss from a batch manager and the network's forward function. */
  @FunctionalInterface
  interface LossBuilder {
    /**
     * The loss of one minibatch.
     *
     * @param manager the batch's manager (arrays created on it are freed after the step)
     * @param forward maps an input batch [B, in] to outputs [B, 1]
     * @return a scalar loss to minimise
     */
    NDArray loss(NDManager manager, UnaryOperator<NDArray> forward);
  }

  private final int in;
  private final int hidden;
  private final Model model;
  private final Trainer trainer;
  private final List<Parameter> parameters = new ArrayList<>();
  private final float[][] mirror = new float[6][];

  Mlp(String name, int in, int hidden, float learningRate, RandomGenerator random) {
    this.in = in;
    this.hidden = hidden;
    SequentialBlock net =
        new SequentialBlock()
            .add(Linear.builder().setUnits(hidden).build())
            .add(Activation::relu)
            .add(Linear.builder().setUnits(hidden).build())
            .add(Activation::relu)
            .add(Linear.builder().setUnits(1).build());
    // the model's manager and its trainer's steps run on this thread's intra-op settings
    TorchThreads.onThisThread();
    model = Model.newInstance(name);
    model.setBlock(net);
    trainer =
        model.newTrainer(
            new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(
                    Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build()));
    trainer.initialize(new Shape(1, in));
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
    refresh();
  }

  /** The input width. */
  int inputs() {
    return in;
  }

  /** The output for the row at {@code offset} of {@code rows}, on the Java mirror. */
  double score(float[] rows, int offset) {
    return scoreWith(mirror, rows, offset);
  }

  /**
   * The output for a row under given weights of this network's shape (e.g. a frozen copy used as a
   * target network).
   *
   * @param weights w1 [hidden x in], b1, w2 [hidden x hidden], b2, w3 [hidden], b3
   */
  double scoreWith(float[][] weights, float[] rows, int offset) {
    float[] w1 = weights[0];
    float[] b1 = weights[1];
    float[] w2 = weights[2];
    float[] b2 = weights[3];
    float[] w3 = weights[4];
    double[] h1 = new double[hidden];
    for (int j = 0; j < hidden; j++) {
      double a = b1[j];
      int base = j * in;
      for (int i = 0; i < in; i++) {
        a += w1[base + i] * rows[offset + i];
      }
      h1[j] = a > 0 ? a : 0;
    }
    double out = weights[5][0];
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

  /** A deep copy of the current weights, for {@link #scoreWith}. */
  float[][] weightsCopy() {
    float[][] copy = new float[mirror.length][];
    for (int k = 0; k < mirror.length; k++) {
      copy[k] = mirror[k].clone();
    }
    return copy;
  }

  /**
   * One gradient step on the loss the builder returns, under the process-wide gradient lock.
   *
   * @return the loss before the step
   */
  float step(LossBuilder builder) {
    GradientLock.LOCK.lock();
    try {
      // a network may be built on one thread and trained on another
      TorchThreads.onThisThread();
      float loss;
      try (NDManager m = trainer.getManager().newSubManager();
          GradientCollector gc = trainer.newGradientCollector()) {
        NDArray l = builder.loss(m, x -> trainer.forward(new NDList(x)).singletonOrThrow());
        gc.backward(l);
        loss = l.getFloat();
      }
      trainer.step();
      refresh();
      return loss;
    } finally {
      GradientLock.LOCK.unlock();
    }
  }

  /** The weights, flattened (for tests). */
  float[] weights() {
    int total = 0;
    for (float[] a : mirror) {
      total += a.length;
    }
    float[] w = new float[total];
    int k = 0;
    for (float[] a : mirror) {
      System.arraycopy(a, 0, w, k, a.length);
      k += a.length;
    }
    return w;
  }

  private void refresh() {
    for (int k = 0; k < 6; k++) {
      mirror[k] = parameters.get(k).getArray().toFloatArray();
    }
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
