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
    int hi = to - 1;
    int target = from + k;
    while (hi > lo) {
      if (hi - lo < 16) {
        insertionSort(a, lo, hi);
        return a[target];
      }
      int mid = (lo + hi) >>> 1;
      // median of three into a[mid]
      if (a[mid] < a[lo]) {
        swap(a, mid, lo);
      }
      if (a[hi] < a[lo]) {
        swap(a, hi, lo);
      }
      if (a[hi] < a[mid]) {
        swap(a, hi, mid);
      }
      double pivot = a[mid];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          swap(a, i, j);
          i++;
          j--;
        }
      }
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        return a[target];
      }
    }
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

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
