package dnt.learn.robust;

import dnt.learn.fl.UpdateVector;
import dnt.learn.simd.BlockKernels;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * A block of {@link #WIDTH} coordinates of n float-weight updates over one shared base, held as
 * {@code float[n][WIDTH]} copies of the weights so that a {@link SelectionNetwork} ranks all the
 * block's coordinates at once (the column-wise rules' fast path; other inputs take {@link
 * Columns#map}).
 *
 * <p>Why ranking the weights ranks the updates: a row's value is {@code x_i = (double) w_i -
 * (double) b} with the same base b for every row of the coordinate, and {@code w -> fl(w - b)} is
 * nondecreasing (rounding is monotone), so sorting the weights sorts the values, ties included; a
 * rank's value is then formed from its weight exactly as the scalar kernels form every value. The
 * block's loops run on {@link BlockKernels} ({@link BlockKernels#get()}: the Vector API's, which
 * hold the weights as order-preserving int keys, or plain loops on floats): the network's
 * compare-exchange orders {@code -0.0f} below {@code 0.0f} (the order of {@link Float#compare}) in
 * both, so both leave the same float in every row and lane. A block in which any weight or base
 * value is not finite (infinity, NaN) is handed to the scalar fallback, which keeps the old
 * behaviour on such input.
 */
final class WeightBlock {
  /** The system property that, set to {@code false}, turns the network kernels off. */
  static final String PROPERTY = "dnt.robust.networks";

  /** Coordinates per block: 128 lanes of 100 rows are 50 KiB of weights. */
  static final int WIDTH = 128;

  /** The key of the most negative finite float. */
  static final int MIN_FINITE = key(-Float.MAX_VALUE);

  /** The key of the largest finite float. */
  static final int MAX_FINITE = key(Float.MAX_VALUE);

  /** No key: the result of an empty search (it is the key of a NaN, never a finite float's). */
  static final int NONE = Integer.MAX_VALUE;

  /** Single steps from the guessed key before bisecting. */
  private static final int STEPS = 4;

  private final UpdateVector[] rows;
  private final int n;
  private final float[] base;
  private final float[][] weights;
  private final BlockKernels kernels;
  private final BlockKernels.Block work;
  private final float[] lowestWeight = new float[WIDTH];
  private final float[] highestWeight = new float[WIDTH];
  private int from;
  private int width;

  /** Scratch lanes for the rules (band ends, medians); each {@link #WIDTH} long. */
  final double[] lane0 = new double[WIDTH];

  /** Scratch lanes for the rules. */
  final double[] lane1 = new double[WIDTH];

  /** Scratch lanes for the rules. */
  final double[] lane2 = new double[WIDTH];

  /** The buffer of {@link #sorted}. */
  private double @Nullable [][] buffer;

  /** Whether {@link #madBand} has filled the weight ranges for the loaded block. */
  private boolean madBandRanges;

  private WeightBlock(UpdateVector[] rows) {
    this.rows = rows;
    this.n = rows.length;
    this.base = rows[0].base();
    this.weights = new float[n][];
    for (int i = 0; i < n; i++) {
      weights[i] = rows[i].weights();
    }
    this.kernels = BlockKernels.get();
    this.work = kernels.block(n, WIDTH);
  }

  /**
   * Whether the rows can be ranked by their weights: all of them differences of float weights over
   * one shared base, and the system property {@value #PROPERTY} not {@code false} (it selects the
   * scalar kernels, for comparisons; both give the same results).
   *
   * @param rows the rows
   * @return true if {@link #map} applies
   */
  static boolean applies(UpdateVector[] rows) {
    return Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))
        && UpdateVector.sameBase(rows, 0, rows.length);
  }

  /** A rule's work on one block. */
  @FunctionalInterface
  interface BlockFunction<S> {
    /**
     * Computes the block's results.
     *
     * @param state the worker's state
     * @param block the block, loaded
     * @param out receives the results of coordinates {@code [block.from(), block.from() +
     *     block.width())}
     */
    void apply(S state, WeightBlock block, double[] out);
  }

  /**
   * Applies a block function to every block of {@link #WIDTH} coordinates (the last one may be
   * narrower), in parallel like {@link Columns#map}; a block with a non-finite weight or base value
   * goes to {@code fallback} one coordinate at a time, on transposed values, instead.
   *
   * @param <S> the per-worker state's type
   * @param rows the rows, for which {@link #applies} holds
   * @param newState creates a worker's state
   * @param f the block function
   * @param fallback the per-coordinate function for non-finite blocks
   * @param finish receives each worker's final state, under a lock
   * @return the results, d long
   */
  static <S> double[] map(
      UpdateVector[] rows,
      Supplier<S> newState,
      BlockFunction<S> f,
      Columns.StatefulColumnFunction<S> fallback,
      Consumer<? super S> finish) {
    int n = rows.length;
    int d = rows[0].dimension();
    double[] out = new double[d];
    int blocks = (d + WIDTH - 1) / WIDTH;
    AtomicInteger next = new AtomicInteger();
    int workers = Math.max(1, Math.min(blocks, ForkJoinPool.getCommonPoolParallelism() + 1));
    IntStream.range(0, workers)
        .parallel()
        .forEach(
            t -> {
              WeightBlock block = new WeightBlock(rows);
              S state = newState.get();
              double[] buf = null;
              ColumnSelector selector = null;
              for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                int from = b * WIDTH;
                int width = Math.min(d - from, WIDTH);
                if (block.load(from, width)) {
                  f.apply(state, block, out);
                  continue;
                }
                if (buf == null || selector == null) {
                  buf = new double[n * WIDTH];
                  selector = new ColumnSelector(n);
                }
                Columns.transpose(rows, from, width, buf);
                for (int j = 0; j < width; j++) {
                  out[from + j] = fallback.apply(state, buf, j * n, n, selector, from + j);
                }
              }
              synchronized (finish) {
                finish.accept(state);
              }
            });
    return out;
  }

  /**
   * Loads coordinates {@code [from, from + width)} of every row into the network's rows.
   *
   * @return whether every weight and base value is finite
   */
  private boolean load(int from, int width) {
    this.from = from;
    this.width = width;
    this.madBandRanges = false;
    return work.load(weights, base, from, width);
  }

  /**
   * The first coordinate of the block.
   *
   * @return the coordinate index
   */
  int from() {
    return from;
  }

  /**
   * The number of coordinates in the block.
   *
   * @return at most {@link #WIDTH}
   */
  int width() {
    return width;
  }

  /**
   * The number of rows.
   *
   * @return n
   */
  int rowCount() {
    return n;
  }

  /**
   * Row i's value at lane j, {@code (double) w_i - (double) b}.
   *
   * @param i the row
   * @param j the lane
   * @return the value
   */
  double value(int i, int j) {
    return (double) rows[i].weights()[from + j] - base[from + j];
  }

  /**
   * Row i's weights array, read at {@code from() + lane}.
   *
   * @param i the row
   * @return the weights
   */
  float[] weights(int i) {
    return rows[i].weights();
  }

  /**
   * The shared base, read at {@code from() + lane}.
   *
   * @return the base
   */
  float[] base() {
    return base;
  }

  /**
   * Runs a network over the loaded weights (their row order is lost; {@link #weights} still reads
   * the rows in order).
   *
   * @param network a network for n values
   */
  void rank(SelectionNetwork network) {
    network.apply(work);
  }

  /**
   * The value of rank r at lane j after {@link #rank}.
   *
   * @param network the network run
   * @param r a rank it was built for
   * @param j the lane
   * @return the value
   */
  double ranked(SelectionNetwork network, int r, int j) {
    return (double) work.weight(network.row(r), j) - base[from + j];
  }

  /**
   * The values of every rank after {@link #rank} with a sorting network: {@code result[r][j]}.
   *
   * @param network the sorting network run
   * @return the sorted values, lane by lane (a buffer reused by the next call)
   */
  double[][] sorted(SelectionNetwork network) {
    double[][] s = buffer;
    if (s == null) {
      s = new double[n][WIDTH];
      buffer = s;
    }
    for (int r = 0; r < n; r++) {
      work.differences(network.row(r), base, s[r]);
    }
    return s;
  }

  /**
   * Ranks the block by a sorting network and writes, for every lane j, {@code f} of the lane's n
   * values in ascending order (copied into {@code column}) to {@code out[from() + j]}.
   *
   * @param network the sorting network for n values
   * @param column scratch of at least n values, passed to {@code f}
   * @param out the aggregate, indexed by coordinate
   * @param f the rule's value of one sorted column
   */
  void eachSortedColumn(
      SelectionNetwork network, double[] column, double[] out, ToDoubleFunction<double[]> f) {
    rank(network);
    double[][] sorted = sorted(network);
    for (int j = 0; j < width; j++) {
      for (int r = 0; r < n; r++) {
        column[r] = sorted[r][j];
      }
      out[from + j] = f.applyAsDouble(column);
    }
  }

  /**
   * Adds to {@code outside[i][j]}, for every row i and lane j, 1 if the row's value lies outside
   * {@code [low_j, high_j]} and 0 if inside (the complement of TID's mask). Each band is first
   * turned into the range of weights {@code [lowest, highest]} whose values {@code fl(w - b)} lie
   * in it (the values are nondecreasing in w, so this range is exact; {@link #lowestKeyAtLeast}),
   * then each row is compared with it lane by lane ({@link BlockKernels#countOutside}). An empty or
   * NaN band (which the scalar test {@code low <= x && x <= high} never passes) becomes {@code
   * [+inf, +inf]}, which holds no finite weight. The float counts are exact below {@code 2^24} per
   * lane.
   *
   * @param low the bands' lower ends, by lane
   * @param high the bands' upper ends, by lane
   * @param outside the per-row, per-lane counts, each at least {@link #WIDTH} long
   */
  void countOutside(double[] low, double[] high, float[][] outside) {
    float[] lowest = lowestWeight;
    float[] highest = highestWeight;
    for (int j = 0; j < width; j++) {
      double b = base[from + j];
      int lo = low[j] <= high[j] ? lowestKeyAtLeast(low[j], b) : NONE;
      int hi = lo == NONE ? NONE : highestKeyAtMost(high[j], b);
      if (hi == NONE || lo > hi) {
        lowest[j] = Float.POSITIVE_INFINITY;
        highest[j] = Float.POSITIVE_INFINITY;
      } else {
        lowest[j] = weight(lo);
        highest[j] = weight(hi);
      }
    }
    countOutsideOfWeights(outside);
  }

  /**
   * TID's MAD band of every lane ({@code median +- k * 1.4826 * MAD}, bit for bit {@link
   * BandRule#band(double[], int, int, double, ColumnSelector, double[], int)}'s), with the range of
   * weights inside each band for {@link #countOutsideOfMadBand}, by one kernel over the ranked keys
   * that decodes only the ranks it reads ({@link BlockKernels.Block#madBand}).
   *
   * @param network the sorting network for n values
   * @param k the band's half-width in scaled MADs
   * @param low receives the bands' lower ends, by lane
   * @param high receives the bands' upper ends, by lane
   */
  void madBand(SelectionNetwork network, double k, double[] low, double[] high) {
    rank(network);
    work.madBand(network.rowsOfRanks(), base, k, low, high, lowestWeight, highestWeight);
    madBandRanges = true;
  }

  /**
   * Adds to {@code outside[i][j]}, for every row i and lane j, 1 if the row's value lies outside
   * the band {@link #madBand} computed for lane j, 0 if inside: each row's weight compared with the
   * range of weights inside the band ({@link BlockKernels#countOutside}; a {@code -0.0f} and a
   * {@code 0.0f} weight give values that compare equal, so either one's IEEE comparison decides as
   * its value does).
   *
   * @param outside the per-row, per-lane counts, each at least {@link #WIDTH} long
   * @throws IllegalStateException if {@link #madBand} has not run since the block was loaded
   */
  void countOutsideOfMadBand(float[][] outside) {
    if (!madBandRanges) {
      throw new IllegalStateException("the block's MAD bands have not been computed");
    }
    countOutsideOfWeights(outside);
  }

  /** Adds each row's lanes outside {@code [lowestWeight_j, highestWeight_j]} to {@code outside}. */
  private void countOutsideOfWeights(float[][] outside) {
    for (int i = 0; i < n; i++) {
      kernels.countOutside(weights[i], from, lowestWeight, highestWeight, outside[i], width);
    }
  }

  /**
   * The order-preserving key of a float: its bits with the magnitude flipped when negative, an int
   * whose signed order is {@link Float#compare}'s; its own inverse ({@link #weight}).
   *
   * @param f the float
   * @return its key
   */
  static int key(float f) {
    int bits = Float.floatToRawIntBits(f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  /**
   * The float of a key (the inverse of {@link #key}).
   *
   * @param key the key
   * @return the float
   */
  static float weight(int key) {
    return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
  }

  /** The value of a key's weight over base b, as the rules form it. */
  private static double valueOf(int key, double b) {
    return (double) weight(key) - b;
  }

  /**
   * The smallest key of a finite float whose value over b is at least t, or {@link #NONE}. The
   * values are nondecreasing in the key (the finite floats' keys are the contiguous range {@code
   * [MIN_FINITE, MAX_FINITE]}), so this is a search for the first key where {@code value >= t}: a
   * guess from {@code (float) (t + b)}, a few single steps from it (enough when the guess is off by
   * a few units in the last place), else bisection of the key range, which bounds the work when
   * many floats share one value (a base far larger than the weights).
   *
   * @param t the threshold
   * @param b the base
   * @return the key, or {@link #NONE}
   */
  static int lowestKeyAtLeast(double t, double b) {
    if (!(t <= valueOf(MAX_FINITE, b))) {
      return NONE; // t is NaN or above every value
    }
    if (t <= valueOf(MIN_FINITE, b)) {
      return MIN_FINITE;
    }
    // from here on: value(MIN_FINITE) < t <= value(MAX_FINITE)
    int k = guess(t, b);
    long below;
    long atLeast;
    if (valueOf(k, b) >= t) {
      for (int s = 0; s < STEPS; s++) {
        if (valueOf(k - 1, b) < t) {
          return k;
        }
        k--;
      }
      below = MIN_FINITE;
      atLeast = k;
    } else {
      for (int s = 0; s < STEPS; s++) {
        k++;
        if (valueOf(k, b) >= t) {
          return k;
        }
      }
      below = k;
      atLeast = MAX_FINITE;
    }
    while (atLeast - below > 1) {
      long mid = (below + atLeast) >> 1;
      if (valueOf((int) mid, b) >= t) {
        atLeast = mid;
      } else {
        below = mid;
      }
    }
    return (int) atLeast;
  }

  /**
   * The largest key of a finite float whose value over b is at most t, or {@link #NONE}; the mirror
   * image of {@link #lowestKeyAtLeast}.
   *
   * @param t the threshold
   * @param b the base
   * @return the key, or {@link #NONE}
   */
  static int highestKeyAtMost(double t, double b) {
    if (!(t >= valueOf(MIN_FINITE, b))) {
      return NONE; // t is NaN or below every value
    }
    if (t >= valueOf(MAX_FINITE, b)) {
      return MAX_FINITE;
    }
    // from here on: value(MIN_FINITE) <= t < value(MAX_FINITE)
    int k = guess(t, b);
    long atMost;
    long above;
    if (valueOf(k, b) <= t) {
      for (int s = 0; s < STEPS; s++) {
        if (valueOf(k + 1, b) > t) {
          return k;
        }
        k++;
      }
      atMost = k;
      above = MAX_FINITE;
    } else {
      for (int s = 0; s < STEPS; s++) {
        k--;
        if (valueOf(k, b) <= t) {
          return k;
        }
      }
      atMost = MIN_FINITE;
      above = k;
    }
    while (above - atMost > 1) {
      long mid = (atMost + above) >> 1;
      if (valueOf((int) mid, b) <= t) {
        atMost = mid;
      } else {
        above = mid;
      }
    }
    return (int) atMost;
  }

  /** The key of the float nearest {@code t + b}, clamped to the finite keys. */
  private static int guess(double t, double b) {
    float f = (float) (t + b);
    int k = key(Float.isNaN(f) ? 0f : f);
    return Math.max(MIN_FINITE, Math.min(MAX_FINITE, k));
  }
}
