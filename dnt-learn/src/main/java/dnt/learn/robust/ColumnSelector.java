package dnt.learn.robust;

/**
 * Order statistics of one coordinate's n values, computed out of place so the input slice keeps its
 * (client) order. One instance per worker: it owns three work regions of n doubles (a selection
 * alternates between two; the third lets the trimmed mean's two ranks share a first partition), so
 * a column pass allocates nothing per coordinate.
 *
 * <p>The selection is quickselect (Hoare, "Algorithm 65: Find", CACM 1961) with a median-of-five
 * pivot and a branch-free out-of-place three-way partition: each value is written both to the front
 * (values below the pivot, growing up) and to the back (values above it, growing down) of the other
 * work region and the two fill counters advance by the comparison results, so there is no
 * data-dependent branch and no store-to-load chain through a swapped slot; values equal to the
 * pivot are only counted. Segments of at most {@link #SMALL} values are finished by insertion sort.
 * Two adjacent ranks (the even-count median, interpolated quantiles) come out of one selection:
 * when a partition separates them, the lower is the maximum of the lower part or the pivot and the
 * upper the pivot or the minimum of the upper part. The median absolute deviation computes the
 * deviations inside its first partition pass instead of in a pass of their own.
 */
final class ColumnSelector {
  /** Segments this short are sorted instead of partitioned. */
  static final int SMALL = 8;

  private final int capacity;
  private final double[] work;
  private double low;
  private double high;

  /**
   * Creates a selector for columns of up to {@code capacity} values.
   *
   * @param capacity the largest column length
   */
  ColumnSelector(int capacity) {
    this.capacity = capacity;
    this.work = new double[3 * capacity];
  }

  /**
   * The value of rank {@code k} (0-based) among {@code values[from, from+n)}; the slice is not
   * modified.
   *
   * @param values the values
   * @param from the first index
   * @param n the count, at least one and at most the capacity
   * @param k the rank, in {@code [0, n)}
   * @return the order statistic
   */
  double kth(double[] values, int from, int n, int k) {
    select(values, from, n, k, false);
    return low;
  }

  /**
   * The median of {@code values[from, from+n)}; for an even count, the mean of the two middle
   * values (halves added when the sum overflows). The slice is not modified.
   *
   * @param values the values
   * @param from the first index
   * @param n the count, at least one and at most the capacity
   * @return the median
   */
  double median(double[] values, int from, int n) {
    if ((n & 1) == 1) {
      return kth(values, from, n, n >>> 1);
    }
    select(values, from, n, (n >>> 1) - 1, true);
    double mid = (low + high) / 2;
    return Double.isInfinite(mid) ? low / 2 + high / 2 : mid;
  }

  /**
   * The quantile at probability p with linear interpolation between order statistics (Hyndman-Fan
   * type 7), as {@link Select#quantile}; the slice is not modified.
   *
   * @param values the values
   * @param from the first index
   * @param n the count, at least one and at most the capacity
   * @param p the probability in [0, 1]
   * @return the quantile
   */
  double quantile(double[] values, int from, int n, double p) {
    double pos = p * (n - 1);
    int k = (int) Math.floor(pos);
    double frac = pos - k;
    if (frac == 0 || k + 1 >= n) {
      return kth(values, from, n, k);
    }
    select(values, from, n, k, true);
    return low + frac * (high - low);
  }

  /**
   * The values of ranks k and {@code n - 1 - k} (the trimmed mean's boundaries), into {@link
   * #lower()} and {@link #upper()}, by one shared first partition: a median-of-five pivot almost
   * always falls between the two ranks, and each is then selected in its own part. The slice is not
   * modified.
   *
   * @param values the values
   * @param from the first index
   * @param n the count, at most the capacity
   * @param k the rank of the lower boundary, with {@code k <= n - 1 - k}
   */
  void symmetricRanks(double[] values, int from, int n, int k) {
    int k2 = n - 1 - k;
    if (n > capacity || k > k2) {
      throw new IllegalArgumentException("bad ranks " + k + " and " + k2 + " of " + n + " values");
    }
    if (n <= SMALL) {
      double[] w = work;
      System.arraycopy(values, from, w, 0, n);
      insertionSort(w, 0, n);
      low = w[k];
      high = w[k2];
      return;
    }
    double p = pivot(values, from, n);
    double[] w = work;
    int below = 0;
    int above = 0;
    int top = n - 1;
    for (int i = from, end = from + n; i < end; i++) {
      double x = values[i];
      w[below] = x;
      w[top - above] = x;
      below += x < p ? 1 : 0;
      above += x > p ? 1 : 0;
    }
    int notAbove = n - above;
    if (k2 < below || k >= notAbove) {
      // the pivot missed the middle: select each rank from scratch
      double lowerValue = kth(values, from, n, k);
      high = kth(values, from, n, k2);
      low = lowerValue;
      return;
    }
    // the upper part first: selecting the lower rank leaves region 0 intact either way
    double upperValue = p;
    if (k2 >= notAbove) {
      select(w, notAbove, above, k2 - notAbove, false, capacity, 2 * capacity, false, 0);
      upperValue = low;
    }
    double lowerValue = p;
    if (k < below) {
      select(w, 0, below, k, false, capacity, 2 * capacity, false, 0);
      lowerValue = low;
    }
    low = lowerValue;
    high = upperValue;
  }

  /**
   * The lower value found by {@link #symmetricRanks}.
   *
   * @return the value of rank k
   */
  double lower() {
    return low;
  }

  /**
   * The upper value found by {@link #symmetricRanks}.
   *
   * @return the value of rank {@code n - 1 - k}
   */
  double upper() {
    return high;
  }

  /**
   * The median absolute deviation from a centre, {@code median_i |values_i - centre|} (unscaled).
   *
   * @param values the values
   * @param from the first index
   * @param n the count, at least one and at most the capacity
   * @param centre the centre, usually the median
   * @return the median absolute deviation
   */
  double medianAbsoluteDeviation(double[] values, int from, int n, double centre) {
    if (n > capacity) {
      throw new IllegalArgumentException(n + " values exceed the selector's capacity " + capacity);
    }
    if ((n & 1) == 1) {
      select(values, from, n, n >>> 1, false, 0, capacity, true, centre);
      return low;
    }
    select(values, from, n, (n >>> 1) - 1, true, 0, capacity, true, centre);
    double mid = (low + high) / 2;
    return Double.isInfinite(mid) ? low / 2 + high / 2 : mid;
  }

  /**
   * Finds rank k (into {@link #low}) and, when {@code pair}, rank k + 1 (into {@link #high}).
   *
   * @param src the values
   * @param from the first index
   * @param n the count
   * @param k the rank (with {@code k + 1 < n} when {@code pair})
   * @param pair whether to find rank k + 1 as well
   */
  private void select(double[] src, int from, int n, int k, boolean pair) {
    if (n > capacity) {
      throw new IllegalArgumentException(n + " values exceed the selector's capacity " + capacity);
    }
    select(src, from, n, k, pair, 0, capacity, false, 0);
  }

  /**
   * As {@link #select(double[], int, int, int, boolean)}, writing partitions alternately into the
   * work regions at {@code regionA} and {@code regionB} (neither may hold the input); with {@code
   * deviations}, it selects among {@code |src_i - centre|} instead, computed on the fly by the
   * first pass.
   */
  private void select(
      double[] src,
      int from,
      int n,
      int k,
      boolean pair,
      int regionA,
      int regionB,
      boolean deviations,
      double centre) {
    boolean dev = deviations;
    double[] a = src;
    int o = from;
    int m = n;
    int base = regionA;
    int last = pair ? k + 1 : k;
    double[] w = work;
    while (m > SMALL) {
      int below = 0;
      int above = 0;
      int top = base + m - 1;
      double p;
      if (dev) {
        p = deviationPivot(a, o, m, centre);
        for (int i = o, end = o + m; i < end; i++) {
          double x = Math.abs(a[i] - centre);
          w[base + below] = x;
          w[top - above] = x;
          below += x < p ? 1 : 0;
          above += x > p ? 1 : 0;
        }
        dev = false;
      } else {
        p = pivot(a, o, m);
        for (int i = o, end = o + m; i < end; i++) {
          double x = a[i];
          w[base + below] = x;
          w[top - above] = x;
          below += x < p ? 1 : 0;
          above += x > p ? 1 : 0;
        }
      }
      int notAbove = m - above;
      if (last < below) {
        o = 0;
        m = below;
      } else if (k >= notAbove) {
        o = notAbove;
        m = above;
        k -= notAbove;
        last -= notAbove;
      } else {
        // the target ranks straddle or sit inside the run of values equal to the pivot
        low = k < below ? max(w, base, below) : p;
        if (pair) {
          high = k + 1 < notAbove ? p : min(w, base + notAbove, above);
        }
        return;
      }
      a = w;
      o += base;
      base = base == regionA ? regionB : regionA;
    }
    int start = base;
    if (dev) {
      for (int i = 0; i < m; i++) {
        w[start + i] = Math.abs(a[o + i] - centre);
      }
    } else {
      System.arraycopy(a, o, w, start, m);
    }
    insertionSort(w, start, start + m);
    low = w[start + k];
    if (pair) {
      high = w[start + k + 1];
    }
  }

  /**
   * Median of five values spread evenly over the segment (centred, inside it for any {@code m >=
   * 5}); it is one of the segment's values, so every partition shrinks the segment.
   */
  private static double pivot(double[] a, int o, int m) {
    int step = m / 5;
    int i = o + ((m - 1 - 4 * step) >>> 1);
    double x0 = a[i];
    double x1 = a[i + step];
    double x2 = a[i + 2 * step];
    double x3 = a[i + 3 * step];
    double x4 = a[i + 4 * step];
    double f = Math.max(Math.min(x0, x1), Math.min(x2, x3));
    double g = Math.min(Math.max(x0, x1), Math.max(x2, x3));
    return median3(x4, f, g);
  }

  /** As {@link #pivot}, over the absolute deviations from a centre. */
  private static double deviationPivot(double[] a, int o, int m, double centre) {
    int step = m / 5;
    int i = o + ((m - 1 - 4 * step) >>> 1);
    double x0 = Math.abs(a[i] - centre);
    double x1 = Math.abs(a[i + step] - centre);
    double x2 = Math.abs(a[i + 2 * step] - centre);
    double x3 = Math.abs(a[i + 3 * step] - centre);
    double x4 = Math.abs(a[i + 4 * step] - centre);
    double f = Math.max(Math.min(x0, x1), Math.min(x2, x3));
    double g = Math.min(Math.max(x0, x1), Math.max(x2, x3));
    return median3(x4, f, g);
  }

  private static double median3(double x, double y, double z) {
    return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
  }

  private static double max(double[] a, int from, int count) {
    double r = a[from];
    for (int i = from + 1; i < from + count; i++) {
      r = Math.max(r, a[i]);
    }
    return r;
  }

  private static double min(double[] a, int from, int count) {
    double r = a[from];
    for (int i = from + 1; i < from + count; i++) {
      r = Math.min(r, a[i]);
    }
    return r;
  }

  private static void insertionSort(double[] a, int lo, int hi) {
    for (int i = lo + 1; i < hi; i++) {
      double v = a[i];
      int j = i - 1;
      while (j >= lo && a[j] > v) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }
}
