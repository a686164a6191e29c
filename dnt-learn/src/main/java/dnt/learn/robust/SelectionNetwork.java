package dnt.learn.robust;

import dnt.learn.simd.BlockKernels;
import java.util.Arrays;

/**
 * A comparator network that places chosen ranks of n values (Batcher's odd-even merge sort, pruned
 * to what those ranks need), applied to many columns at once: each compare-exchange is a lane-wise
 * minimum and maximum of two rows, with no data-dependent branch. On a {@link BlockKernels.Block}
 * ({@link #apply(BlockKernels.Block)}) the kernels decide how: the Vector API's as int minimum and
 * maximum of order-preserving int keys ({@code vpminsd}/{@code vpmaxsd}), the scalar ones as {@code
 * Math.min}/{@code Math.max} loops over floats (NaN-free), which C2 vectorizes (C2 in Java 17 does
 * not vectorize the int versions of plain loops, which made int keys four times slower there;
 * docs/PERFORMANCE.md).
 *
 * <p>Construction (K. E. Batcher, "Sorting networks and their applications", AFIPS Spring Joint
 * Computer Conference 1968; D. E. Knuth, The Art of Computer Programming vol. 3, Sec. 5.3.4,
 * Algorithm M and exercise 5.3.4-11 on pruning): the odd-even merge sort of {@code N = 2^m >= n}
 * wires (1,471 comparators for N = 128), then two prunings, neither of which changes a needed
 * output:
 *
 * <ul>
 *   <li><b>padding</b>: the wires {@code n..N-1} hold an implicit {@code +infinity}, so a
 *       comparator whose upper wire holds padding does nothing, and one whose lower wire holds
 *       padding (and upper a value) only exchanges the two, which is done by renaming wires rather
 *       than by moving data;
 *   <li><b>backward</b>: going from the last comparator to the first with the set of wires whose
 *       value is still needed (initially the wires of the requested ranks), a comparator neither of
 *       whose outputs is needed is dropped, and a kept one makes both its inputs needed.
 * </ul>
 *
 * For n = 100 the full sort keeps 1,104 comparators, the two middle ranks alone 898, the ranks 10
 * and 89 (the trimmed mean's boundaries) 900.
 */
final class SelectionNetwork {
  private final int n;
  private final int[] low;
  private final int[] high;
  private final int[] rowOfRank;

  /** The whole groups of {@link BlockKernels#GROUP} rows that the first levels sort. */
  private final int groups;

  /** The comparators left once those groups are sorted: lower rows. */
  private final int[] restLow;

  /** The comparators left once those groups are sorted: upper rows. */
  private final int[] restHigh;

  private SelectionNetwork(
      int n, int[] low, int[] high, int[] rowOfRank, int groups, int[] restLow, int[] restHigh) {
    this.n = n;
    this.low = low;
    this.high = high;
    this.rowOfRank = rowOfRank;
    this.groups = groups;
    this.restLow = restLow;
    this.restHigh = restHigh;
  }

  /**
   * The network that sorts n values completely.
   *
   * @param n the number of values, at least one
   * @return the network
   */
  static SelectionNetwork sorting(int n) {
    int[] all = new int[n];
    Arrays.setAll(all, r -> r);
    return forRanks(n, all);
  }

  /**
   * The network that places the given ranks (0-based) of n values; the other ranks' rows hold
   * unspecified values afterwards.
   *
   * @param n the number of values, at least one
   * @param ranks the ranks needed, each in {@code [0, n)}
   * @return the network
   */
  static SelectionNetwork forRanks(int n, int... ranks) {
    if (n < 1) {
      throw new IllegalArgumentException("a selection network needs at least one value, got " + n);
    }
    int size = Integer.highestOneBit(n);
    if (size < n) {
      size <<= 1;
    }
    // wire -> row holding its value, or -1 for padding (+infinity)
    int[] row = new int[size];
    for (int w = 0; w < size; w++) {
      row[w] = w < n ? w : -1;
    }
    int[] lo = new int[16];
    int[] hi = new int[16];
    int[] level = new int[16];
    int count = 0;
    for (int p = 1; p < size; p <<= 1) {
      for (int k = p; k >= 1; k >>= 1) {
        for (int j = k % p; j + k < size; j += 2 * k) {
          for (int i = 0; i < k && i + j + k < size; i++) {
            if ((i + j) / (2 * p) != (i + j + k) / (2 * p)) {
              continue;
            }
            int a = i + j;
            int b = a + k;
            if (row[b] < 0) {
              continue; // padding above: the lower wire already holds the smaller value
            }
            if (row[a] < 0) {
              row[a] = row[b]; // padding below: the two exchange, by renaming
              row[b] = -1;
              continue;
            }
            if (count == lo.length) {
              lo = Arrays.copyOf(lo, 2 * count);
              hi = Arrays.copyOf(hi, 2 * count);
              level = Arrays.copyOf(level, 2 * count);
            }
            lo[count] = row[a];
            hi[count] = row[b];
            level[count] = p;
            count++;
          }
        }
      }
    }
    int[] rowOfRank = Arrays.copyOf(row, n);
    boolean[] needed = new boolean[n];
    for (int r : ranks) {
      if (r < 0 || r >= n) {
        throw new IllegalArgumentException("rank " + r + " outside [0, " + n + ")");
      }
      needed[rowOfRank[r]] = true;
    }
    boolean[] keep = new boolean[count];
    int kept = 0;
    for (int c = count - 1; c >= 0; c--) {
      if (needed[lo[c]] || needed[hi[c]]) {
        keep[c] = true;
        needed[lo[c]] = true;
        needed[hi[c]] = true;
        kept++;
      }
    }
    int[] keptLow = new int[kept];
    int[] keptHigh = new int[kept];
    int groups = n / BlockKernels.GROUP;
    int grouped = groups * BlockKernels.GROUP;
    int[] restLow = new int[kept];
    int[] restHigh = new int[kept];
    int rest = 0;
    for (int c = 0, k = 0; c < count; c++) {
      if (keep[c]) {
        keptLow[k] = lo[c];
        keptHigh[k] = hi[c];
        k++;
        if (level[c] >= BlockKernels.GROUP || lo[c] >= grouped) {
          restLow[rest] = lo[c];
          restHigh[rest] = hi[c];
          rest++;
        }
      }
    }
    return new SelectionNetwork(
        n,
        keptLow,
        keptHigh,
        rowOfRank,
        groups,
        Arrays.copyOf(restLow, rest),
        Arrays.copyOf(restHigh, rest));
  }

  /**
   * The number of values.
   *
   * @return n
   */
  int size() {
    return n;
  }

  /**
   * The number of comparators.
   *
   * @return the comparator count after pruning
   */
  int comparators() {
    return low.length;
  }

  /**
   * The row that holds rank r after {@link #apply}.
   *
   * @param rank a rank the network was built for
   * @return the row index
   */
  int row(int rank) {
    return rowOfRank[rank];
  }

  /**
   * The row that holds each rank after {@link #apply}, for a network built for every rank (the
   * network's own array: not to be modified).
   *
   * @return {@code row(r)} at index r
   */
  int[] rowsOfRanks() {
    return rowOfRank;
  }

  /**
   * Runs the network on lanes {@code [0, width)} of the n rows: afterwards, in every lane, row
   * {@link #row(int) row(r)} holds the value of rank r (for the ranks the network was built for).
   *
   * @param rows n rows of values, each at least {@code width} long, without NaN
   * @param width the number of lanes
   */
  void apply(float[][] rows, int width) {
    int[] lo = low;
    int[] hi = high;
    for (int c = 0; c < lo.length; c++) {
      exchange(rows[lo[c]], rows[hi[c]], width);
    }
  }

  /**
   * Runs the network on a loaded block of the kernels, with the same floats at the ranks it was
   * built for as {@link #apply(float[][], int)} on the block's floats: first the whole groups of
   * {@link BlockKernels#GROUP} rows are sorted ({@link BlockKernels.Block#sortGroups}), which is
   * what Batcher's levels below {@code GROUP} do to them (they sort each aligned group of wires,
   * and no padding wire lies in a whole group, so there wires are rows); then the other
   * comparators, in order ({@link BlockKernels.Block#exchange}): the later levels and the first
   * levels' comparators in the last, partial group, whose rows no group sort touches. Where the
   * backward pruning dropped a comparator of a whole group, sorting the group anyway changes only
   * values that no requested rank depends on.
   *
   * @param block a block of n rows
   */
  void apply(BlockKernels.Block block) {
    block.sortGroups(groups);
    block.exchange(restLow, restHigh);
  }

  /** One compare-exchange over all lanes: the lane-wise minimum to a, maximum to b. */
  private static void exchange(float[] a, float[] b, int width) {
    for (int k = 0; k < width; k++) {
      float x = a[k];
      float y = b[k];
      a[k] = Math.min(x, y);
      b[k] = Math.max(x, y);
    }
  }
}
