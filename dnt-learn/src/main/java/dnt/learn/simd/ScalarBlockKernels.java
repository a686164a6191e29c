package dnt.learn.simd;

/**
 * {@link BlockKernels} as plain Java loops over {@code float[rows][lanes]}: what the selection
 * networks ran before the Vector API kernels, moved here. C2 in JDK 17 vectorizes the
 * compare-exchange ({@code Math.min}/{@code Math.max} on floats; it does not vectorize the int
 * versions) and the outside count (a branch-free float expression), not the MAD band's double
 * min/max nor its rank counts.
 */
public final class ScalarBlockKernels implements BlockKernels {
  /**
   * A sorting network of 16 inputs with 60 comparators in 10 layers (the size of M. W. Green's
   * network, the smallest known for 16 inputs; D. E. Knuth, TAOCP vol. 3, Sec. 5.3.4), checked on
   * all 2^16 zero-one inputs by {@code BlockKernelsTest} (a network sorts every input if it sorts
   * every zero-one input, Knuth's Theorem 5.3.4Z): the comparators' lower rows.
   */
  static final int[] GROUP_LOW = {
    0, 1, 2, 3, 4, 5, 7, 9, 0, 1, 2, 3, 6, 8, 10, 11, 0, 2, 4, 6, 7, 10, 12, 14, 0, 1, 4, 5, 6, 8,
    12, 13, 1, 3, 4, 5, 8, 9, 13, 1, 2, 5, 7, 9, 11, 2, 3, 9, 11, 3, 6, 7, 10, 3, 5, 7, 9, 11, 6, 8
  };

  /** The upper rows of {@link #GROUP_LOW}'s comparators. */
  static final int[] GROUP_HIGH = {
    13, 12, 15, 14, 8, 6, 11, 10, 5, 7, 9, 4, 13, 14, 15, 12, 1, 3, 5, 8, 9, 11, 13, 15, 2, 3, 10,
    11, 7, 9, 14, 15, 2, 12, 6, 7, 10, 11, 14, 4, 6, 8, 10, 13, 14, 4, 6, 12, 13, 5, 8, 9, 12, 4,
    6, 8, 10, 12, 7, 9
  };

  /** The one instance (the class has no state). */
  public static final ScalarBlockKernels INSTANCE = new ScalarBlockKernels();

  private ScalarBlockKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public Block block(int rows, int lanes) {
    return new FloatBlock(rows, lanes);
  }

  /** The block as floats, one array per row. */
  private static final class FloatBlock implements Block {
    private final float[][] work;
    private final float[] largest;
    private int from;
    private int width;

    private final double[] column;
    private final double[] ends = new double[2];
    private final int[] ranks = new int[2];

    FloatBlock(int rows, int lanes) {
      work = new float[rows][lanes];
      largest = new float[lanes];
      column = new double[rows];
    }

    @Override
    public boolean load(float[][] weights, float[] base, int from, int width) {
      this.from = from;
      this.width = width;
      float[] m = largest;
      for (int j = 0; j < width; j++) {
        m[j] = Math.abs(base[from + j]);
      }
      for (int i = 0; i < work.length; i++) {
        float[] w = weights[i];
        float[] r = work[i];
        for (int j = 0; j < width; j++) {
          float x = w[from + j];
          r[j] = x;
          m[j] = Math.max(m[j], Math.abs(x)); // NaN propagates
        }
      }
      boolean finite = true;
      for (int j = 0; j < width; j++) {
        finite &= m[j] <= Float.MAX_VALUE;
      }
      return finite;
    }

    @Override
    public void exchange(int[] low, int[] high) {
      float[][] rows = work;
      int n = width;
      for (int c = 0; c < low.length; c++) {
        float[] a = rows[low[c]];
        float[] b = rows[high[c]];
        for (int k = 0; k < n; k++) {
          float x = a[k];
          float y = b[k];
          a[k] = Math.min(x, y);
          b[k] = Math.max(x, y);
        }
      }
    }

    @Override
    public void sortGroups(int groups) {
      for (int g = 0; g < groups; g++) {
        int o = g * GROUP;
        for (int c = 0; c < GROUP_LOW.length; c++) {
          float[] a = work[o + GROUP_LOW[c]];
          float[] b = work[o + GROUP_HIGH[c]];
          for (int k = 0; k < width; k++) {
            float x = a[k];
            float y = b[k];
            a[k] = Math.min(x, y);
            b[k] = Math.max(x, y);
          }
        }
      }
    }

    @Override
    public float weight(int row, int lane) {
      return work[row][lane];
    }

    @Override
    public void differences(int row, float[] base, double[] out) {
      float[] w = work[row];
      for (int j = 0; j < width; j++) {
        out[j] = (double) w[j] - base[from + j];
      }
    }

    /** One lane at a time: the lane's sorted values decoded, then {@link #madBandOfSorted}. */
    @Override
    public void madBand(
        int[] rowOfRank,
        float[] base,
        double k,
        double[] low,
        double[] high,
        float[] lowest,
        float[] highest) {
      int n = work.length;
      double[] x = column;
      for (int j = 0; j < width; j++) {
        double b = base[from + j];
        for (int r = 0; r < n; r++) {
          x[r] = (double) work[rowOfRank[r]][j] - b;
        }
        madBandOfSorted(x, n, k, ends, ranks);
        low[j] = ends[0];
        high[j] = ends[1];
        if (Double.isNaN(ends[0]) || Double.isNaN(ends[1]) || ranks[0] >= ranks[1]) {
          lowest[j] = Float.POSITIVE_INFINITY;
          highest[j] = Float.POSITIVE_INFINITY;
        } else {
          lowest[j] = work[rowOfRank[ranks[0]]][j];
          highest[j] = work[rowOfRank[ranks[1] - 1]][j];
        }
      }
    }
  }

  /**
   * Branch-free in float so that C2 vectorizes it: the weight clamped to the range differs from the
   * weight exactly when it is outside, and a nonzero float difference, at least {@code 2^-149} in
   * magnitude, scaled by {@code 2^149} and capped at 1 is 1 (an empty range {@code [+inf, +inf]}
   * clamps every finite weight to infinity). Signed zeros: a {@code -0.0f} weight against a {@code
   * 0.0f} end clamps to {@code 0.0f}, a zero difference, inside, as the IEEE comparison says.
   */
  @Override
  public void countOutside(
      float[] w, int from, float[] lowest, float[] highest, float[] outside, int width) {
    for (int j = 0; j < width; j++) {
      float x = w[from + j];
      float c = Math.min(Math.max(x, lowest[j]), highest[j]);
      outside[j] += Math.min(Math.abs(c - x) * 0x1p126f * 0x1p23f, 1f);
    }
  }

  @Override
  public void addMaskedRows(
      float[] b,
      float[][] rows,
      double[] a,
      double[] lo,
      double[] hi,
      double[] num,
      double[] den,
      int from,
      int to) {
    for (int j = from; j < to; j++) {
      double bj = b[j];
      double l = lo[j];
      double h = hi[j];
      double sn = num[j - from];
      double sd = den[j - from];
      for (int k = 0; k < rows.length; k++) {
        double x = rows[k][j] - bj;
        boolean in = x >= l && x <= h;
        sn += in ? a[k] * x : 0.0;
        sd += in ? a[k] : 0.0;
      }
      num[j - from] = sn;
      den[j - from] = sd;
    }
  }

  @Override
  public void addRowsExpectingInside(
      float[] b,
      float[][] rows,
      double[] a,
      double[] lo,
      double[] hi,
      double[] num,
      double[] inside,
      int from,
      int to) {
    for (int j = from; j < to; j++) {
      double bj = b[j];
      double l = lo[j];
      double h = hi[j];
      double sn = num[j - from];
      boolean all = inside[j - from] != 0;
      for (int k = 0; k < rows.length; k++) {
        double x = rows[k][j] - bj;
        all &= x >= l && x <= h;
        sn += a[k] * x;
      }
      num[j - from] = sn;
      inside[j - from] = all ? 1.0 : 0.0;
    }
  }

  /**
   * One lane of {@link Block#madBand}, from its sorted values, by the plain definitions: the
   * median, the MAD as the smallest of the windows of m consecutive ranks (in sorted order the
   * deviations from the median fall, then rise, so the m smallest deviations are those of m
   * consecutive ranks and the m-th smallest is the smallest window's larger end; {@code
   * dnt.learn.robust.BlockStatistics}), the band, and the ranks inside it: p, the ranks below
   * {@code low} (only ranks below {@code n / 2} can be: the band's ends lie either side of the
   * median) and q, the ranks up to {@code high}.
   *
   * @param x the lane's values in ascending order, finite, at least n long
   * @param n the number of values, at least one
   * @param k the band's half-width in scaled MADs
   * @param ends receives the band's ends: {@code ends[0] = low}, {@code ends[1] = high}
   * @param ranks receives p at {@code ranks[0]} and q at {@code ranks[1]}: the ranks inside the
   *     band are {@code [p, q)} when neither end is NaN
   */
  public static void madBandOfSorted(double[] x, int n, double k, double[] ends, int[] ranks) {
    int half = n >>> 1;
    double med = (n & 1) == 1 ? x[half] : mean(x[half - 1], x[half]);
    double mad =
        (n & 1) == 1
            ? windowOfSorted(x, n, half + 1, med)
            : mean(windowOfSorted(x, n, half, med), windowOfSorted(x, n, half + 1, med));
    double m = 1.4826 * mad;
    double low = med - k * m;
    double high = med + k * m;
    int p = 0;
    for (int r = 0; r < half; r++) {
      p += x[r] < low ? 1 : 0;
    }
    int q = (n + 1) >>> 1;
    for (int r = (n + 1) >>> 1; r < n; r++) {
      q += x[r] <= high ? 1 : 0;
    }
    ends[0] = low;
    ends[1] = high;
    ranks[0] = p;
    ranks[1] = q;
  }

  /** The smallest over windows of m consecutive ranks of the larger end's deviation from c. */
  private static double windowOfSorted(double[] x, int n, int m, double c) {
    double best = Double.POSITIVE_INFINITY;
    for (int a = 0; a + m <= n; a++) {
      best = Math.min(best, Math.max(Math.abs(x[a] - c), Math.abs(x[a + m - 1] - c)));
    }
    return best;
  }

  /** The mean of two middle values, halves added when the sum overflows (the selector's). */
  private static double mean(double low, double high) {
    double mid = (low + high) / 2;
    return Double.isInfinite(mid) ? low / 2 + high / 2 : mid;
  }
}
