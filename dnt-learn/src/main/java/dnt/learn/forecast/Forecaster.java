package dnt.learn.forecast;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dnt.core.util.Seeds;
import dnt.learn.simd.StepKernels;
import dnt.torch.TorchThreads;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A model and its weights as one flat {@code float[]}: trains on {@link Windows} with a {@link
 * TrainingRecipe} and predicts. An instance is confined to one thread at a time; run several in
 * parallel for federated clients.
 *
 * <p>Training is deterministic for a seed: weights are initialised in Java from a seeded generator,
 * dropout masks and shuffling come from a generator derived from the {@code fit} seed, and the
 * PyTorch engine runs with one intra-op thread. Autograd is driven directly through PyTorch's
 * thread-local grad mode, because DJL's {@code GradientCollector} allows only one collector per JVM
 * and would serialise parallel clients.
 */
public final class Forecaster {
  private static final long PREDICT_CHUNK = 4096;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  static {
    // Loads the native library (and applies ai.djl.pytorch.num_threads) before any JNI call.
    Engine.getEngine("PyTorch");
  }

  private final Architecture architecture;
  private final int[] sizes;
  private final long[][] shapes;
  private float[] parameters;

  private Forecaster(Architecture architecture, float[] parameters) {
    this.architecture = Objects.requireNonNull(architecture, "architecture");
    List<TensorSpec> tensors = architecture.tensors();
    this.sizes = new int[tensors.size()];
    this.shapes = new long[tensors.size()][];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = tensors.get(i).size();
      shapes[i] = tensors.get(i).shape();
    }
    setParameters(parameters);
  }

  /**
   * A model with freshly initialised weights.
   *
   * @param architecture the network
   * @param seed the initialisation seed
   * @return the forecaster
   */
  public static Forecaster initialise(Architecture architecture, long seed) {
    return new Forecaster(architecture, architecture.initialParameters(Seeds.generator(seed)));
  }

  /**
   * Brings the calling thread's PyTorch intra-op thread count (OpenMP's and MKL's) to the
   * process's, {@code ai.djl.pytorch.num_threads} (one in {@code ./dnt} and the tests), through
   * {@link TorchThreads#onThisThread()}. Every session this class opens already does so; a
   * long-lived training thread (the live twin's) calls it once at its start, so that nothing it
   * runs before its first session spins MKL's default team (one thread per core): the live twin's
   * training thread once spent as much CPU in that team's helper as in its own work
   * (docs/PERFORMANCE.md, "Where the forecasters' time goes"). Cheap (one native call).
   *
   * @return the thread's intra-op thread count now
   */
  public static int useProcessThreadCount() {
    return TorchThreads.onThisThread();
  }

  /**
   * A model with the given weights.
   *
   * @param architecture the network
   * @param parameters the flat weights (copied)
   * @return the forecaster
   */
  public static Forecaster of(Architecture architecture, float[] parameters) {
    return new Forecaster(architecture, parameters);
  }

  /**
   * The network.
   *
   * @return the architecture
   */
  public Architecture architecture() {
    return architecture;
  }

  /**
   * A copy of the weights.
   *
   * @return the flat weights
   */
  public float[] parameters() {
    return parameters.clone();
  }

  /**
   * Replaces the weights.
   *
   * @param p the flat weights (copied), of length {@link Architecture#parameterCount()}
   */
  public void setParameters(float[] p) {
    int n = architecture.parameterCount();
    if (p.length != n) {
      throw new IllegalArgumentException(
          architecture.name() + " has " + n + " parameters, got " + p.length);
    }
    this.parameters = p.clone();
  }

  /**
   * Trains the weights in place on the samples, from the current weights.
   *
   * @param data the samples (at least one)
   * @param recipe the recipe
   * @param seed the seed of this call's dropout masks and shuffling
   * @return what was done
   */
  public FitReport fit(Windows data, TrainingRecipe recipe, long seed) {
    checkShape(data);
    if (data.count() == 0) {
      throw new IllegalArgumentException("no training samples");
    }
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    RandomGenerator random = Seeds.generator(seed);
    int n = data.count();
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    int steps = 0;
    double lastEpochLoss = 0;
    boolean previousGrad = JniUtils.isGradMode();
    try (NDManager session = TorchThreads.manager()) {
      // the weights in a direct buffer that the tensor shares (as NDManager.create(float[]) makes
      // it), so that the SGD step can update them in place from Java
      int d = parameters.length;
      ByteBuffer storage =
          ByteBuffer.allocateDirect(Math.multiplyExact(4, d)).order(ByteOrder.nativeOrder());
      storage.asFloatBuffer().put(parameters);
      NDArray flat = session.create(storage, new Shape(d), DataType.FLOAT32);
      Step step = new Step(recipe, session, storage, new NDArray[] {flat}, new int[] {0});
      MaskBuffers masks = new MaskBuffers();
      for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
        if (recipe.shuffle()) {
          shuffle(order, random);
        }
        double lossSum = 0;
        int batches = 0;
        for (int from = 0; from < n; from += recipe.batchSize()) {
          int to = Math.min(n, from + recipe.batchSize());
          try (NDManager batch = session.newSubManager();
              NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList input = upload(batch, data, order, from, to);
            NDArray leaf = freshLeaf(flat, batch);
            masks.restart();
            JniUtils.setGradMode(true);
            NDArray loss;
            try {
              NDArray pred =
                  architecture.forward(
                      views(leaf), input.get(0), input.get(1), dropout(batch, random, masks));
              loss = pred.sub(input.get(2)).square().mean();
              JniUtils.backward(
                  (PtNDArray) loss, (PtNDArray) batch.ones(new Shape()), false, false);
            } finally {
              JniUtils.setGradMode(false);
            }
            lossSum += loss.getFloat();
            step.apply(new NDArray[] {leaf.getGradient()});
          }
          steps++;
          batches++;
        }
        lastEpochLoss = lossSum / batches;
      }
      float[] trained = new float[d];
      storage.asFloatBuffer().get(trained);
      parameters = trained;
    } finally {
      JniUtils.setGradMode(previousGrad);
    }
    long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
    return new FitReport(steps, (long) n * recipe.epochs(), lastEpochLoss, cpu);
  }

  /**
   * One model trained by {@link #fitMany}.
   *
   * @param parameters the trained weights
   * @param report the fit report; CPU time is the group's, split evenly among its models
   */
  public record Trained(float[] parameters, FitReport report) {}

  /**
   * Trains several independent models of the same architecture in the same tensor operations (one
   * PyTorch call serves all of them), which amortises the per-operation overhead that dominates
   * small recurrent models. Each model has its own start weights, data, optimizer state and seed
   * (dropout masks, shuffling), and the result is what training each alone computes, up to
   * floating-point summation order. All data sets must have the same number of samples.
   *
   * @param architecture the network; {@link Architecture#supportsMany()} must hold
   * @param starts the start weights per model
   * @param data the samples per model, equal counts
   * @param recipe the common recipe
   * @param seeds the seed per model
   * @return the trained models, in order
   */
  public static List<Trained> fitMany(
      Architecture architecture,
      List<float[]> starts,
      List<Windows> data,
      TrainingRecipe recipe,
      long[] seeds) {
    int c = starts.size();
    if (data.size() != c || seeds.length != c || c == 0) {
      throw new IllegalArgumentException("fitMany needs as many data sets and seeds as models");
    }
    if (!architecture.supportsMany()) {
      throw new IllegalArgumentException(architecture.name() + " cannot train batched");
    }
    Forecaster shape = Forecaster.of(architecture, starts.get(0));
    int n = data.get(0).count();
    int d = architecture.parameterCount();
    int tensors = shape.sizes.length;
    // Weight array i of all C models is one contiguous block [C, shape_i] at offsets[i] (in floats)
    // of one direct buffer, 64-byte aligned, that the tensors share: the views the forward pass
    // merges to [C G, ...] are then views too (no copy of the C x d weights per batch), each
    // array is a leaf whose gradient autograd hands over whole (no concatenation into a C x d
    // gradient), and the SGD step updates the buffer in place. Each value is the same float as
    // in the [C, d] rows of one tensor, which the old layout held, and so is every operation.
    int[] offsets = new int[tensors];
    for (int i = 1; i < tensors; i++) {
      offsets[i] = offsets[i - 1] + c * shape.sizes[i - 1];
    }
    float[] all = new float[c * d];
    RandomGenerator[] random = new RandomGenerator[c];
    int[][] order = new int[c][n];
    for (int k = 0; k < c; k++) {
      shape.checkShape(data.get(k));
      if (data.get(k).count() != n) {
        throw new IllegalArgumentException("fitMany needs equal sample counts");
      }
      float[] start = starts.get(k);
      if (start.length != d) {
        throw new IllegalArgumentException("start model " + k + " has the wrong dimension");
      }
      for (int i = 0, at = 0; i < tensors; at += shape.sizes[i], i++) {
        System.arraycopy(start, at, all, offsets[i] + k * shape.sizes[i], shape.sizes[i]);
      }
      random[k] = Seeds.generator(seeds[k]);
      int[] o = order[k];
      Arrays.setAll(o, j -> j);
    }
    if (n == 0) {
      throw new IllegalArgumentException("no training samples");
    }
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    double[] lastLoss = new double[c];
    int steps = 0;
    boolean previousGrad = JniUtils.isGradMode();
    try (NDManager session = TorchThreads.manager()) {
      ByteBuffer storage = alignedDirect(Math.multiplyExact(4, all.length));
      storage.asFloatBuffer().put(all);
      NDArray[] weights = new NDArray[tensors];
      for (int i = 0; i < tensors; i++) {
        long[] dims = new long[shape.shapes[i].length + 1];
        dims[0] = c;
        System.arraycopy(shape.shapes[i], 0, dims, 1, shape.shapes[i].length);
        ByteBuffer block =
            storage.slice(4 * offsets[i], 4 * c * shape.sizes[i]).order(ByteOrder.nativeOrder());
        weights[i] = session.create(block, new Shape(dims), DataType.FLOAT32);
      }
      Step step = new Step(recipe, session, storage, weights, offsets);
      MaskBuffers masks = new MaskBuffers();
      for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
        if (recipe.shuffle()) {
          for (int i = 0; i < c; i++) {
            shuffle(order[i], random[i]);
          }
        }
        double[] lossSum = new double[c];
        int batches = 0;
        for (int from = 0; from < n; from += recipe.batchSize()) {
          int to = Math.min(n, from + recipe.batchSize());
          try (NDManager batch = session.newSubManager();
              NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList input = uploadMany(batch, data, order, from, to);
            NDList leaves = new NDList(tensors);
            for (NDArray w : weights) {
              leaves.add(freshLeaf(w, batch));
            }
            masks.restart();
            JniUtils.setGradMode(true);
            NDArray perModel;
            try {
              NDArray pred =
                  architecture.forwardMany(
                      leaves, input.get(0), input.get(1), shape.dropoutMany(batch, random, masks));
              perModel = pred.sub(input.get(2)).square().mean(new int[] {1});
              JniUtils.backward(
                  (PtNDArray) perModel.sum(), (PtNDArray) batch.ones(new Shape()), false, false);
            } finally {
              JniUtils.setGradMode(false);
            }
            float[] losses = perModel.toFloatArray();
            for (int i = 0; i < c; i++) {
              lossSum[i] += losses[i];
            }
            NDArray[] grads = new NDArray[tensors];
            for (int i = 0; i < tensors; i++) {
              grads[i] = leaves.get(i).getGradient();
            }
            step.apply(grads);
          }
          steps++;
          batches++;
        }
        for (int i = 0; i < c; i++) {
          lastLoss[i] = lossSum[i] / batches;
        }
      }
      storage.asFloatBuffer().get(all);
    } finally {
      JniUtils.setGradMode(previousGrad);
    }
    long cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / c;
    List<Trained> out = new ArrayList<>(c);
    for (int k = 0; k < c; k++) {
      float[] trained = new float[d];
      for (int i = 0, at = 0; i < tensors; at += shape.sizes[i], i++) {
        System.arraycopy(all, offsets[i] + k * shape.sizes[i], trained, at, shape.sizes[i]);
      }
      out.add(
          new Trained(trained, new FitReport(steps, (long) n * recipe.epochs(), lastLoss[k], cpu)));
    }
    return out;
  }

  /**
   * A direct buffer of the given size in the platform's byte order whose first byte is 64-byte
   * aligned, as PyTorch's own CPU allocations are.
   */
  static ByteBuffer alignedDirect(int bytes) {
    // alignedSlice also rounds the end down to the alignment: room for both ends
    return ByteBuffer.allocateDirect(Math.addExact(bytes, 127) & ~63)
        .alignedSlice(64)
        .slice(0, bytes)
        .order(ByteOrder.nativeOrder());
  }

  private static NDList uploadMany(
      NDManager m, List<Windows> data, int[][] order, int from, int to) {
    int c = data.size();
    int b = to - from;
    Windows d0 = data.get(0);
    int cl = d0.closenessLength() * d0.features();
    int pl = d0.periodLength() * d0.features();
    float[] close = new float[c * b * cl];
    float[] per = new float[c * b * pl];
    float[] target = new float[c * b];
    for (int k = 0; k < c; k++) {
      Windows d = data.get(k);
      for (int i = 0; i < b; i++) {
        int s = order[k][from + i];
        int row = k * b + i;
        System.arraycopy(d.closeness(), s * cl, close, row * cl, cl);
        System.arraycopy(d.period(), s * pl, per, row * pl, pl);
        target[row] = d.target()[s];
      }
    }
    return new NDList(
        m.create(close, new Shape(c, b, d0.closenessLength(), d0.features())),
        m.create(per, new Shape(c, b, d0.periodLength(), d0.features())),
        m.create(target, new Shape(c, b)));
  }

  /** Dropout whose mask rows for model i come from model i's generator. */
  private Architecture.Dropout dropoutMany(
      NDManager m, RandomGenerator[] random, MaskBuffers masks) {
    double rate = architecture.dropout();
    if (rate == 0) {
      return Architecture.Dropout.NONE;
    }
    float keep = (float) (1 / (1 - rate));
    return x -> {
      int size = Math.toIntExact(x.size());
      float[] mask = masks.values(size);
      int chunk = size / random.length;
      for (int k = 0; k < random.length; k++) {
        RandomGenerator r = random[k];
        for (int i = k * chunk; i < (k + 1) * chunk; i++) {
          mask[i] = r.nextDouble() < rate ? 0f : keep;
        }
      }
      // in place: x is the stacked layer output, which nothing else reads, and the product's
      // gradient needs only the mask
      return x.muli(masks.upload(m, mask, size, x.getShape()));
    };
  }

  /**
   * The dropout masks' storage, reused from batch to batch: one float array to draw into and one
   * direct buffer per dropout call of a batch (the mask tensor shares it, as a tensor created from
   * a float array shares the direct buffer it is copied into). A batch's masks are read only by
   * that batch's forward and backward passes, which end before {@link #restart()} lets the next
   * batch overwrite them. Saves a float array, a direct buffer (zeroed) and a garbage-collected
   * native block per mask.
   */
  static final class MaskBuffers {
    private final List<ByteBuffer> buffers = new ArrayList<>();
    private float[] values = new float[0];
    private int next;

    /** Starts a batch: its first mask reuses the first buffer. */
    void restart() {
      next = 0;
    }

    /** A float array of at least {@code size} values, for the next mask. */
    float[] values(int size) {
      if (values.length < size) {
        values = new float[size];
      }
      return values;
    }

    /** The first {@code size} values as a tensor over the next buffer. */
    NDArray upload(NDManager m, float[] mask, int size, Shape shape) {
      if (next == buffers.size()) {
        buffers.add(ByteBuffer.allocateDirect(0));
      }
      ByteBuffer b = buffers.get(next);
      if (b.capacity() < 4 * size) {
        b = ByteBuffer.allocateDirect(4 * size).order(ByteOrder.nativeOrder());
        buffers.set(next, b);
      }
      next++;
      ByteBuffer exact = b.slice(0, 4 * size).order(ByteOrder.nativeOrder());
      exact.asFloatBuffer().put(mask, 0, size);
      return m.create(exact, shape, DataType.FLOAT32);
    }
  }

  /**
   * Predicts the targets of the samples (their target field is ignored).
   *
   * @param data the samples
   * @return one prediction per sample, in normalised units
   */
  public float[] predict(Windows data) {
    checkShape(data);
    float[] out = new float[data.count()];
    if (data.count() == 0) {
      return out;
    }
    int[] order = new int[data.count()];
    Arrays.setAll(order, i -> i);
    boolean previousGrad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try (NDManager session = TorchThreads.manager()) {
      NDArray flat = session.create(parameters);
      for (int from = 0; from < data.count(); from += (int) PREDICT_CHUNK) {
        int to = (int) Math.min(data.count(), from + PREDICT_CHUNK);
        try (NDManager batch = session.newSubManager();
            NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          NDList input = upload(batch, data, order, from, to);
          float[] p =
              architecture
                  .forward(views(flat), input.get(0), input.get(1), Architecture.Dropout.NONE)
                  .toFloatArray();
          System.arraycopy(p, 0, out, from, p.length);
        }
      }
    } finally {
      JniUtils.setGradMode(previousGrad);
    }
    return out;
  }

  private void checkShape(Windows data) {
    WindowSpec w = architecture.windows();
    if (data.closenessLength() != w.closeness()
        || data.periodLength() != w.periodSteps()
        || data.features() != w.features()) {
      throw new IllegalArgumentException(
          "windows of shape (k="
              + data.closenessLength()
              + ", p="
              + data.periodLength()
              + ", f="
              + data.features()
              + ") do not match "
              + architecture.name()
              + "'s "
              + w);
    }
  }

  private NDList views(NDArray flat) {
    long[] cuts = new long[sizes.length - 1];
    long at = 0;
    for (int i = 0; i < cuts.length; i++) {
      at += sizes[i];
      cuts[i] = at;
    }
    NDList parts = sizes.length == 1 ? new NDList(flat) : flat.split(cuts);
    NDList views = new NDList(sizes.length);
    for (int i = 0; i < sizes.length; i++) {
      views.add(parts.get(i).reshape(shapes[i]));
    }
    return views;
  }

  private static NDList upload(NDManager m, Windows d, int[] order, int from, int to) {
    int b = to - from;
    int c = d.closenessLength() * d.features();
    int p = d.periodLength() * d.features();
    float[] close = new float[b * c];
    float[] per = new float[b * p];
    float[] target = new float[b];
    for (int i = 0; i < b; i++) {
      int s = order[from + i];
      System.arraycopy(d.closeness(), s * c, close, i * c, c);
      System.arraycopy(d.period(), s * p, per, i * p, p);
      target[i] = d.target()[s];
    }
    NDArray xc = m.create(close, new Shape(b, d.closenessLength(), d.features()));
    NDArray xp =
        d.periodLength() == 0
            ? m.zeros(new Shape(b, 1, d.features()))
            : m.create(per, new Shape(b, d.periodLength(), d.features()));
    return new NDList(xc, xp, m.create(target, new Shape(b)));
  }

  private Architecture.Dropout dropout(NDManager m, RandomGenerator random, MaskBuffers masks) {
    double rate = architecture.dropout();
    if (rate == 0) {
      return Architecture.Dropout.NONE;
    }
    float keep = (float) (1 / (1 - rate));
    return x -> {
      int size = Math.toIntExact(x.size());
      float[] mask = masks.values(size);
      for (int i = 0; i < size; i++) {
        mask[i] = random.nextDouble() < rate ? 0f : keep;
      }
      return x.mul(masks.upload(m, mask, size, x.getShape()));
    };
  }

  /**
   * A leaf tensor over the weights' storage (no copy) without a gradient, held by the batch's
   * manager: the batch's backward pass then hands it its gradient tensor instead of adding that
   * tensor into a zeroed one (PyTorch's {@code AccumulateGrad} adopts a gradient it alone holds
   * when the leaf has none, the equivalent of {@code zero_grad(set_to_none=True)}). With one leaf
   * kept across batches, every batch zeroed its gradient (a write over the C x d weights) and the
   * backward pass added the new gradient into it (two reads and a write): the same values, since
   * {@code 0 + g = g} in floating point (only the sign of a zero gradient can differ, and the
   * optimizers add it to a momentum term, which erases that sign unless the term is itself a
   * negative zero). The optimizer updates the weights in place through the original tensor, outside
   * grad mode.
   */
  private static NDArray freshLeaf(NDArray weights, NDManager batch) {
    NDArray leaf = weights.stopGradient();
    leaf.attach(batch);
    leaf.setRequiresGradient(true);
    return leaf;
  }

  private static void shuffle(int[] a, RandomGenerator random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * One optimizer's state over weights held in segments of one direct buffer, in PyTorch's update
   * conventions. SGD runs in Java ({@link StepKernels}, one pass over the weights, the velocity and
   * the gradient) when the Vector API kernels are in use, and otherwise as the PyTorch operations
   * {@code v.mul_(mu).add_(g); w.sub_(v.mul(lr))}, which give the same floats; Adam runs as PyTorch
   * operations. Segment i is the tensor {@code weights[i]} over the floats from {@code offsets[i]}
   * of the buffer; {@link #apply} takes one gradient per segment, of its shape.
   */
  private static final class Step {
    private final TrainingRecipe recipe;
    private final NDArray[] weights;
    private final int[] offsets;
    private final ByteBuffer storage;
    private final @Nullable StepKernels kernels;
    private final @Nullable ByteBuffer velocity;
    private final NDArray[] first;
    private final NDArray[] second;
    private int t;

    Step(TrainingRecipe recipe, NDManager m, ByteBuffer storage, NDArray[] weights, int[] offsets) {
      this.recipe = recipe;
      this.weights = weights;
      this.offsets = offsets;
      this.storage = storage;
      StepKernels k = StepKernels.get();
      boolean java =
          recipe.optimizer() == TrainingRecipe.Optimizer.SGD && "vector".equals(k.name());
      this.kernels = java ? k : null;
      this.velocity = java ? ByteBuffer.allocateDirect(storage.capacity()) : null;
      this.first = new NDArray[java ? 0 : weights.length];
      this.second = new NDArray[java ? 0 : weights.length];
      for (int i = 0; i < first.length; i++) {
        first[i] = m.zeros(weights[i].getShape());
        second[i] = m.zeros(weights[i].getShape());
      }
    }

    void apply(NDArray[] grads) {
      t++;
      float lr = (float) recipe.learningRate();
      StepKernels k = kernels;
      ByteBuffer v = velocity;
      if (k != null && v != null) {
        // v = mu v + g ; w -= lr v  (torch.optim.SGD, dampening 0; v = g at the first step)
        float mu = (float) recipe.momentum();
        for (int i = 0; i < grads.length; i++) {
          int count = Math.toIntExact(weights[i].size());
          ByteBuffer g = grads[i].toByteBuffer(true);
          if (g.capacity() != 4 * count) {
            throw new IllegalStateException("a gradient of " + g.capacity() + " bytes");
          }
          k.sgdMomentum(storage, offsets[i], v, offsets[i], g, count, mu, lr);
        }
        return;
      }
      for (int i = 0; i < grads.length; i++) {
        NDArray grad = grads[i];
        NDArray w = weights[i];
        if (recipe.optimizer() == TrainingRecipe.Optimizer.SGD) {
          // v = mu v + g ; w -= lr v  (torch.optim.SGD, dampening 0; v = g at the first step)
          first[i].muli((float) recipe.momentum()).addi(grad);
          w.subi(first[i].mul(lr));
        } else {
          float b1 = 0.9f;
          float b2 = 0.999f;
          first[i].muli(b1).addi(grad.mul(1 - b1));
          second[i].muli(b2).addi(grad.square().muli(1 - b2));
          double c1 = 1 - Math.pow(b1, t);
          double c2 = 1 - Math.pow(b2, t);
          NDArray denom = second[i].div((float) c2).sqrt().addi(1e-8f);
          w.subi(first[i].mul((float) (lr / c1)).divi(denom));
        }
      }
    }
  }
}
