package dnt.learn.robust;

/**
 * In-place selection of order statistics on a slice of a primitive array (Hoare partitioning with a
 * median-of-three pivot, expected linear time). Used instead of full sorts by the coordinate-wise
 * rules.
 */
final class Select {
  private Select() {}

  /**
   * Reorders {@code a[from, to)} so that the element of rank {@code k} (0-based, within the slice)
   * sits at {@code from + k}, everything before it is {@code <=} and everything after {@code >=}.
   *
   * @param a the array
   * @param from the first index of the slice
   * @param to one past the last index
   * @param k the rank within the slice
   * @return the element of rank k
   */
  static double kth(double[] a, int from, int to, int k) {
    int lo = from;
    int hi = to;
    int target = from + k;
    while (hi - lo > 16) {
      double x0 = a[lo];
      double x1 = a[(lo + hi) >>> 1];
      double x2 = a[hi - 1];
      double pivot = Math.max(Math.min(x0, x1), Math.min(Math.max(x0, x1), x2));
      // branch-free Lomuto pass: values < pivot to the front (no mispredicted branches)
      int s = lo;
      for (int i = lo; i < hi; i++) {
        double x = a[i];
        a[i] = a[s];
        a[s] = x;
        s += x < pivot ? 1 : 0;
      }
      if (target < s) {
        hi = s;
        continue;
      }
      // second pass over the rest: values equal to the pivot next, so duplicates cost nothing
      int e = s;
      for (int i = s; i < hi; i++) {
        double x = a[i];
        a[i] = a[e];
        a[e] = x;
        e += x <= pivot ? 1 : 0;
      }
      if (target < e) {
        return pivot;
      }
      lo = e;
    }
    insertionSort(a, lo, hi - 1);
    return a[target];
  }

  /**
   * The median of {@code a[from, from+n)}; for an even count, the mean of the two middle values.
   * Reorders the slice.
   *
   * @param a the array
   * @param from the first index
   * @param n the count, at least one
   * @return the median
   */
  static double median(double[] a, int from, int n) {
    int half = n >>> 1;
    double upper = kth(a, from, from + n, half);
    if ((n & 1) == 1) {
      return upper;
    }
    double lower = a[from];
    for (int i = from + 1; i < from + half; i++) {
      if (a[i] > lower) {
        lower = a[i];
      }
    }
    double mid = (lower + upper) / 2;
    return Double.isInfinite(mid) ? lower / 2 + upper / 2 : mid;
  }

  /**
   * The quantile at probability {@code p} of {@code a[from, from+n)} with linear interpolation
   * between order statistics (Hyndman-Fan type 7, the default of R and NumPy). Reorders the slice.
   *
   * @param a the array
   * @param from the first index
   * @param n the count, at least one
   * @param p the probability in [0, 1]
   * @return the quantile
   */
  static double quantile(double[] a, int from, int n, double p) {
    double pos = p * (n - 1);
    int k = (int) Math.floor(pos);
    double frac = pos - k;
    double low = kth(a, from, from + n, k);
    if (frac == 0 || k + 1 >= n) {
      return low;
    }
    double next = a[from + k + 1];
    for (int i = from + k + 2; i < from + n; i++) {
      if (a[i] < next) {
        next = a[i];
      }
    }
    return low + frac * (next - low);
  }

  private static void insertionSort(double[] a, int lo, int hi) {
    for (int i = lo + 1; i <= hi; i++) {
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
