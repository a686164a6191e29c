package dnt.learn.simd;

import java.util.Optional;

/**
 * The kernels of the column-wise robust rules' selection networks ({@code
 * dnt.learn.robust.WeightBlock}: a block of lanes, one lane per coordinate, holding the n updates'
 * float weights), one strategy per implementation: {@link ScalarBlockKernels} (plain loops, which
 * C2 vectorizes where it can) and the Vector API's in {@code dnt.learn.simd.vector}. Contract, as
 * for {@link FloatKernels}: every implementation gives the same results bit for bit (each method
 * states them exactly), so the choice changes speed only. {@link #get()} follows {@link Kernels}:
 * the vector implementation exactly when {@link Kernels#get()} is the vector one.
 *
 * <p>Order: the block's compare-exchanges order floats as {@link Float#compare} does ({@code -0.0f}
 * below {@code 0.0f}); the block holds no NaN when {@link Block#load} returned true.
 */
public interface BlockKernels {
  /** Rows per group of {@link Block#sortGroups}. */
  int GROUP = 16;

  /**
   * The implementation's name.
   *
   * @return {@code scalar} or {@code vector}
   */
  String name();

  /**
   * A workspace of {@code rows} rows of up to {@code lanes} lanes.
   *
   * @param rows the number of rows (updates), at least one
   * @param lanes the most lanes (coordinates) a block holds
   * @return the workspace
   */
  Block block(int rows, int lanes);

  /**
   * A block of lanes: one float per row and lane, in a representation the implementation chooses.
   */
  interface Block {
    /**
     * Loads lanes {@code [0, width)} from coordinates {@code [from, from + width)} of every row.
     *
     * @param weights the rows' weights, one array per row, each at least {@code from + width} long
     * @param base the shared base, at least {@code from + width} long
     * @param from the first coordinate
     * @param width the number of lanes, at most the workspace's
     * @return whether every loaded weight and every base value {@code base[from, from + width)} is
     *     finite; when false, the block's contents are unspecified
     */
    boolean load(float[][] weights, float[] base, int from, int width);

    /**
     * Runs comparators in order: comparator c puts, in every loaded lane, the smaller of rows
     * {@code low[c]} and {@code high[c]} (in {@link Float#compare}'s order) into row {@code low[c]}
     * and the larger into row {@code high[c]}.
     *
     * @param low each comparator's lower row
     * @param high each comparator's upper row, as long as {@code low}
     */
    void exchange(int[] low, int[] high);

    /**
     * Sorts every group of {@link #GROUP} consecutive rows {@code [GROUP g, GROUP (g + 1))}, {@code
     * g < groups}, in every loaded lane: afterwards the group's lowest row holds its smallest float
     * (in {@link Float#compare}'s order) and each next row the next one. The floats of a sorted
     * group do not depend on how it was sorted, so any sorting network may do it.
     *
     * @param groups the number of groups, at most the rows divided by {@link #GROUP}
     */
    void sortGroups(int groups);

    /**
     * The float at a row and lane.
     *
     * @param row the row
     * @param lane a loaded lane
     * @return the float
     */
    float weight(int row, int lane);

    /**
     * Decodes a row: {@code out[j] = (double) weight(row, j) - (double) base[from + j]} for the
     * loaded lanes j, where {@code from} is the loaded block's first coordinate.
     *
     * @param row the row
     * @param base the shared base
     * @param out receives the differences, at least the loaded width long
     */
    void differences(int row, float[] base, double[] out);

    /**
     * TID's MAD band of every loaded lane of a block that a full sorting network has sorted, and
     * the range of weights inside it, without writing the sorted values anywhere. With {@code x_r =
     * (double) weight(rowOfRank[r], j) - (double) base[from + j]} the value of rank r at lane j
     * (nondecreasing in r, finite):
     *
     * <ul>
     *   <li>{@code med}: {@code x_(n/2)} for odd n, else {@code (x_(n/2-1) + x_(n/2)) / 2} (halves
     *       added when that sum overflows), as {@code ColumnSelector.median};
     *   <li>{@code mad}: the m-th smallest {@code |x_r - med|} with {@code m = n/2 + 1} for odd n,
     *       else the mean (as the median's) of the (n/2)-th and (n/2 + 1)-th smallest;
     *   <li>{@code low[j] = med - k * (1.4826 * mad)}, {@code high[j] = med + k * (1.4826 * mad)};
     *   <li>{@code lowest[j]} and {@code highest[j]}: the smallest and the largest weight (in
     *       {@link Float#compare}'s order) of the ranks whose values lie in {@code [low[j],
     *       high[j]]}, or {@code +infinity} for both when no value does or an end is NaN (an
     *       infinite k times a zero MAD).
     * </ul>
     *
     * Every operation is a correctly rounded double operation on exact inputs, so the results do
     * not depend on how the order statistics are found.
     *
     * @param rowOfRank the row holding each rank, n long
     * @param base the shared base
     * @param k the band's half-width in scaled MADs, not negative (may be infinite)
     * @param low receives the bands' lower ends, by lane
     * @param high receives the bands' upper ends, by lane
     * @param lowest receives the lowest weight inside each band, by lane
     * @param highest receives the highest weight inside each band, by lane
     */
    void madBand(
        int[] rowOfRank,
        float[] base,
        double k,
        double[] low,
        double[] high,
        float[] lowest,
        float[] highest);
  }

  /**
   * Counts one row's lanes outside a range of weights: {@code outside[j] += 1} unless {@code
   * lowest[j] <= w[from + j] && w[from + j] <= highest[j]} (IEEE comparisons: {@code -0.0f ==
   * 0.0f}). The counts are floats, exact below {@code 2^24}.
   *
   * @param w the row's weights, finite
   * @param from the coordinate of lane 0
   * @param lowest the ranges' lower ends, by lane, not NaN
   * @param highest the ranges' upper ends, by lane, not NaN, each at least its lower end
   * @param outside the counts, by lane
   * @param width the number of lanes
   */
  void countOutside(
      float[] w, int from, float[] lowest, float[] highest, float[] outside, int width);

  /**
   * Several rows' shares of a masked weighted mean (TID's aggregation pass), the same sums as
   * {@link FloatKernels#addMasked} called for each row in order: for every {@code j} in {@code
   * [from, to)} and every row k in order, with {@code x = (double) rows[k][j] - (double) b[j]} and
   * {@code in = x >= lo[j] && x <= hi[j]} (false for NaN), {@code num[j - from] = num[j - from] +
   * (in ? a[k] * x : 0.0)} and {@code den[j - from] = den[j - from] + (in ? a[k] : 0.0)}; the
   * {@code 0.0} is added, not skipped (it turns a {@code -0.0} sum into {@code 0.0}).
   *
   * @param b the shared base
   * @param rows the rows' weights, each at least {@code to} long
   * @param a the rows' weights in the mean, at least as many as rows
   * @param lo the bands' lower ends, by coordinate
   * @param hi the bands' upper ends, by coordinate
   * @param num the numerators, from index 0 for coordinate {@code from}
   * @param den the denominators, likewise
   * @param from the first coordinate
   * @param to one past the last
   */
  void addMaskedRows(
      float[] b,
      float[][] rows,
      double[] a,
      double[] lo,
      double[] hi,
      double[] num,
      double[] den,
      int from,
      int to);

  /**
   * Several rows' shares of the numerator of a masked weighted mean that expects every row inside
   * its band (TID's aggregation pass, where nearly every coordinate keeps every row of nonzero
   * weight): for every {@code j} in {@code [from, to)} and every row k in order, with {@code x} and
   * {@code in} as in {@link #addMaskedRows}, {@code num[j - from] = num[j - from] + a[k] * x}, and
   * {@code inside[j - from] = 0.0} unless {@code in} (otherwise it keeps its value). Where {@code
   * inside} is still nonzero after every row, every row was inside, so the numerator is the one
   * {@link #addMaskedRows} would have summed, term for term in the same order, and the denominator
   * is the plain sum of the weights; elsewhere the numerator is meaningless.
   *
   * @param b the shared base
   * @param rows the rows' weights, each at least {@code to} long
   * @param a the rows' weights in the mean, at least as many as rows
   * @param lo the bands' lower ends, by coordinate
   * @param hi the bands' upper ends, by coordinate
   * @param num the numerators, from index 0 for coordinate {@code from}
   * @param inside the flags, likewise: 1.0 before the first row, 0.0 once a row is outside
   * @param from the first coordinate
   * @param to one past the last
   */
  void addRowsExpectingInside(
      float[] b,
      float[][] rows,
      double[] a,
      double[] lo,
      double[] hi,
      double[] num,
      double[] inside,
      int from,
      int to);

  /**
   * The kernels to use now: the Vector API's when {@link Kernels#get()} is the vector
   * implementation (the module resolved and {@value Kernels#PROPERTY} not {@code scalar}), the
   * scalar ones otherwise.
   *
   * @return the implementation
   * @throws IllegalStateException as {@link Kernels#get()}
   */
  static BlockKernels get() {
    return "vector".equals(Kernels.get().name())
        ? VectorImplementations.require(VectorImplementations.Blocks.KERNELS, "block kernels")
        : scalar();
  }

  /**
   * The plain-loop kernels, whatever the property says.
   *
   * @return the scalar implementation
   */
  static BlockKernels scalar() {
    return ScalarBlockKernels.INSTANCE;
  }

  /**
   * The Vector API kernels, whatever the property says, when this JVM resolved {@value
   * Kernels#MODULE}.
   *
   * @return the vector implementation, or empty without the module
   */
  static Optional<BlockKernels> vector() {
    return Optional.ofNullable(VectorImplementations.Blocks.KERNELS);
  }
}
