package dnt.learn.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API block kernels against the scalar ones, bit for bit (the contract of {@link
 * BlockKernels}), and both against brute force: random comparator sequences (any sequence, not only
 * sorting networks, must leave every row and lane with the same float) on row counts 1 to 20 and
 * around 32, 64, 100 and 128, widths with and without a tail past the last whole vector, blocks
 * starting at odd coordinates; values with heavy ties, both signed zeros, subnormals and the
 * largest finite floats; blocks with an infinity or a NaN (the finiteness answer only); TID's MAD
 * band against a sort of the column and of its deviations, the outside counts against plain
 * comparisons, with NaN thresholds, ends equal to values and signed-zero ends.
 */
final class BlockKernelsTest {
  private static final int[] ROWS = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 31, 32, 33, 63, 64, 65,
    99, 100, 101, 127, 128
  };

  private static final int[] WIDTHS = {1, 3, 7, 8, 9, 15, 16, 17, 45, 64, 100, 127, 128};

  private static BlockKernels vector() {
    // the tests run with --add-modules jdk.incubator.vector (parent POM's surefire argLine)
    return BlockKernels.vector()
        .orElseThrow(() -> new AssertionError("jdk.incubator.vector missing"));
  }

  private static float value(SplittableRandom random, int kind) {
    return switch (kind) {
      case 0 -> (float) random.nextGaussian();
      case 1 -> random.nextInt(3) - 1; // heavy ties
      case 2 -> random.nextBoolean() ? 0.0f : -0.0f;
      case 3 -> Float.MIN_VALUE * random.nextInt(-8, 9); // subnormals and both zeros
      case 4 -> (random.nextBoolean() ? 1 : -1) * Float.MAX_VALUE / (1 + random.nextInt(3));
      default -> value(random, random.nextInt(5));
    };
  }

  private static float[] row(SplittableRandom random, int length, int kind) {
    float[] r = new float[length];
    for (int j = 0; j < length; j++) {
      r[j] = value(random, kind);
    }
    return r;
  }

  @Test
  void anyComparatorSequenceLeavesTheSameFloatsAndDifferences() {
    BlockKernels scalar = BlockKernels.scalar();
    BlockKernels vector = vector();
    SplittableRandom random = new SplittableRandom(15);
    int checked = 0;
    for (int n : ROWS) {
      for (int width : WIDTHS) {
        int kind = random.nextInt(6);
        int from = random.nextInt(0, 5);
        int length = from + width + random.nextInt(0, 3);
        float[] base = row(random, length, kind);
        float[][] weights = new float[n][];
        for (int i = 0; i < n; i++) {
          weights[i] = row(random, length, kind);
        }
        BlockKernels.Block s = scalar.block(n, 128);
        BlockKernels.Block v = vector.block(n, 128);
        assertThat(s.load(weights, base, from, width)).isTrue();
        assertThat(v.load(weights, base, from, width)).isTrue();
        int comparators = n == 1 ? 0 : 3 * n;
        int[] low = new int[comparators];
        int[] high = new int[comparators];
        for (int c = 0; c < comparators; c++) {
          low[c] = random.nextInt(n);
          high[c] = (low[c] + random.nextInt(1, n)) % n; // any two distinct rows, either order
        }
        s.exchange(low, high);
        v.exchange(low, high);
        // the reference: swap a pair when Float.compare says it is out of order
        float[][] reference = new float[n][width];
        for (int i = 0; i < n; i++) {
          System.arraycopy(weights[i], from, reference[i], 0, width);
        }
        for (int c = 0; c < comparators; c++) {
          float[] a = reference[low[c]];
          float[] b = reference[high[c]];
          for (int j = 0; j < width; j++) {
            if (Float.compare(a[j], b[j]) > 0) {
              float t = a[j];
              a[j] = b[j];
              b[j] = t;
            }
          }
        }
        double[] ds = new double[width];
        double[] dv = new double[width];
        for (int i = 0; i < n; i++) {
          s.differences(i, base, ds);
          v.differences(i, base, dv);
          for (int j = 0; j < width; j++) {
            double expected = (double) s.weight(i, j) - (double) base[from + j];
            int bits = Float.floatToRawIntBits(reference[i][j]);
            if (Float.floatToRawIntBits(v.weight(i, j)) != bits
                || Float.floatToRawIntBits(s.weight(i, j)) != bits
                || doubleBits(ds[j]) != doubleBits(expected)
                || doubleBits(dv[j]) != doubleBits(expected)) {
              throw new AssertionError(
                  String.format(
                      "n %d width %d row %d lane %d: scalar %s (%s), vector %s (%s)",
                      n, width, i, j, s.weight(i, j), ds[j], v.weight(i, j), dv[j]));
            }
          }
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(ROWS.length * WIDTHS.length);
  }

  private static long doubleBits(double x) {
    return Double.doubleToRawLongBits(x);
  }

  @Test
  void theGroupNetworkSortsEveryZeroOneInput() {
    int[] low = ScalarBlockKernels.GROUP_LOW;
    int[] high = ScalarBlockKernels.GROUP_HIGH;
    assertThat(low).hasSize(60).hasSameSizeAs(high);
    for (int bits = 0; bits < 1 << BlockKernels.GROUP; bits++) {
      int[] v = new int[BlockKernels.GROUP];
      for (int i = 0; i < v.length; i++) {
        v[i] = (bits >>> i) & 1;
      }
      for (int c = 0; c < low.length; c++) {
        int x = v[low[c]];
        int y = v[high[c]];
        v[low[c]] = Math.min(x, y);
        v[high[c]] = Math.max(x, y);
      }
      int ones = Integer.bitCount(bits);
      for (int i = 0; i < v.length; i++) {
        if (v[i] != (i >= v.length - ones ? 1 : 0)) {
          throw new AssertionError("input " + bits + " not sorted at row " + i);
        }
      }
    }
  }

  @Test
  void groupSortsAreArraysSortInBoth() {
    SplittableRandom random = new SplittableRandom(19);
    for (int n : new int[] {16, 17, 31, 32, 33, 48, 100, 128}) {
      for (int width : WIDTHS) {
        int kind = random.nextInt(6);
        int from = random.nextInt(0, 3);
        float[] base = row(random, from + width, kind);
        float[][] weights = new float[n][];
        for (int i = 0; i < n; i++) {
          weights[i] = row(random, from + width, kind);
        }
        int groups = n / BlockKernels.GROUP;
        for (BlockKernels k : new BlockKernels[] {BlockKernels.scalar(), vector()}) {
          BlockKernels.Block b = k.block(n, 128);
          assertThat(b.load(weights, base, from, width)).isTrue();
          b.sortGroups(groups);
          for (int j = 0; j < width; j++) {
            for (int g = 0; g < groups; g++) {
              float[] expected = new float[BlockKernels.GROUP];
              for (int i = 0; i < expected.length; i++) {
                expected[i] = weights[g * BlockKernels.GROUP + i][from + j];
              }
              Arrays.sort(expected); // Float.compare's order: -0.0f before 0.0f
              for (int i = 0; i < expected.length; i++) {
                assertThat(Float.floatToRawIntBits(b.weight(g * BlockKernels.GROUP + i, j)))
                    .as("%s n %d width %d group %d row %d lane %d", k.name(), n, width, g, i, j)
                    .isEqualTo(Float.floatToRawIntBits(expected[i]));
              }
            }
            for (int i = groups * BlockKernels.GROUP; i < n; i++) {
              assertThat(Float.floatToRawIntBits(b.weight(i, j)))
                  .as("%s rows past the groups untouched", k.name())
                  .isEqualTo(Float.floatToRawIntBits(weights[i][from + j]));
            }
          }
        }
      }
    }
  }

  @Test
  void comparatorsOrderSignedZerosAsFloatCompare() {
    // hand-worked: -0.0f is below 0.0f, as Arrays.sort puts them
    float[][] weights = {{0.0f, -0.0f, 1f}, {-0.0f, 0.0f, -1f}};
    float[] base = new float[3];
    for (BlockKernels k : new BlockKernels[] {BlockKernels.scalar(), vector()}) {
      BlockKernels.Block b = k.block(2, 3);
      assertThat(b.load(weights, base, 0, 3)).isTrue();
      b.exchange(new int[] {0}, new int[] {1});
      assertThat(Float.floatToRawIntBits(b.weight(0, 0))).isEqualTo(0x80000000);
      assertThat(Float.floatToRawIntBits(b.weight(1, 0))).isZero();
      assertThat(Float.floatToRawIntBits(b.weight(0, 1))).isEqualTo(0x80000000);
      assertThat(Float.floatToRawIntBits(b.weight(1, 1))).isZero();
      assertThat(b.weight(0, 2)).isEqualTo(-1f);
      assertThat(b.weight(1, 2)).isEqualTo(1f);
    }
  }

  @Test
  void loadReportsEveryNonFiniteWeightOrBaseValue() {
    SplittableRandom random = new SplittableRandom(3);
    for (BlockKernels k : new BlockKernels[] {BlockKernels.scalar(), vector()}) {
      for (int width : WIDTHS) {
        for (float bad :
            new float[] {Float.NaN, Float.POSITIVE_INFINITY, -Float.POSITIVE_INFINITY}) {
          int n = 1 + random.nextInt(40);
          float[] base = row(random, width + 2, 4); // the largest finite floats are finite
          float[][] weights = new float[n][];
          for (int i = 0; i < n; i++) {
            weights[i] = row(random, width + 2, 4);
          }
          BlockKernels.Block b = k.block(n, 128);
          assertThat(b.load(weights, base, 1, width)).as("%s width %d", k.name(), width).isTrue();
          int lane = random.nextInt(width);
          if (random.nextBoolean()) {
            base[1 + lane] = bad;
          } else {
            weights[random.nextInt(n)][1 + lane] = bad;
          }
          assertThat(b.load(weights, base, 1, width))
              .as("%s width %d lane %d %s", k.name(), width, lane, bad)
              .isFalse();
          // a bad value outside the block's coordinates does not count
          base[1 + lane] = 0f;
          for (float[] w : weights) {
            w[1 + lane] = 0f;
            w[0] = bad;
            w[width + 1] = bad;
          }
          assertThat(b.load(weights, base, 1, width)).isTrue();
        }
      }
    }
  }

  @Test
  void outsideCountsAreThePlainComparisons() {
    BlockKernels vector = vector();
    SplittableRandom random = new SplittableRandom(13);
    for (int width : WIDTHS) {
      for (int kind = 0; kind < 6; kind++) {
        int from = random.nextInt(0, 4);
        float[] w = row(random, from + width, kind);
        float[] lowest = new float[width];
        float[] highest = new float[width];
        for (int j = 0; j < width; j++) {
          switch (random.nextInt(4)) {
            case 0 -> {
              lowest[j] = Float.POSITIVE_INFINITY; // empty
              highest[j] = Float.POSITIVE_INFINITY;
            }
            case 1 -> {
              lowest[j] = w[from + j]; // ends equal to the value
              highest[j] = random.nextBoolean() ? w[from + j] : Float.MAX_VALUE;
            }
            case 2 -> {
              lowest[j] = random.nextBoolean() ? 0.0f : -0.0f; // signed-zero ends
              highest[j] = random.nextBoolean() ? 0.0f : -0.0f;
            }
            default -> {
              float a = value(random, kind);
              float b = value(random, kind);
              lowest[j] = Math.min(a, b);
              highest[j] = Math.max(a, b);
            }
          }
        }
        float[] s = new float[width];
        float[] v = new float[width];
        Arrays.fill(s, 5);
        Arrays.fill(v, 5);
        BlockKernels.scalar().countOutside(w, from, lowest, highest, s, width);
        vector.countOutside(w, from, lowest, highest, v, width);
        for (int j = 0; j < width; j++) {
          float x = w[from + j];
          float expected = 5 + (lowest[j] <= x && x <= highest[j] ? 0 : 1);
          assertThat(s[j]).as("scalar width %d lane %d", width, j).isEqualTo(expected);
          assertThat(v[j]).as("vector width %d lane %d", width, j).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void maskedRowsAreTheOneRowKernelInRowOrder() {
    BlockKernels vector = vector();
    SplittableRandom random = new SplittableRandom(17);
    for (int count = 1; count <= 9; count++) {
      for (int kind = 0; kind < 6; kind++) {
        int length = random.nextInt(1, 200);
        int from = random.nextInt(0, Math.min(length, 13));
        int to = random.nextInt(from, length + 1);
        float[] base = row(random, length, kind);
        float[][] rows = new float[count][];
        double[] a = new double[count];
        for (int k = 0; k < count; k++) {
          rows[k] = row(random, length, kind);
          a[k] = random.nextInt(3) == 0 ? 1.0 : random.nextDouble(1e-3, 10);
        }
        if (kind == 5 && length > 2) {
          rows[0][from] = Float.NaN; // never inside: the 0.0 is added
          rows[count - 1][length - 1] = Float.POSITIVE_INFINITY;
        }
        double[] lo = new double[length];
        double[] hi = new double[length];
        for (int j = 0; j < length; j++) {
          double x = (double) rows[random.nextInt(count)][j] - base[j];
          switch (random.nextInt(4)) {
            case 0 -> {
              lo[j] = x; // an end equal to a value
              hi[j] = x;
            }
            case 1 -> {
              lo[j] = Double.NaN;
              hi[j] = 1;
            }
            case 2 -> {
              lo[j] = -0.0;
              hi[j] = 0.0;
            }
            default -> {
              lo[j] = x - Math.abs(random.nextGaussian());
              hi[j] = x + Math.abs(random.nextGaussian());
            }
          }
        }
        double[] num = new double[to - from];
        double[] den = new double[to - from];
        for (int j = 0; j < num.length; j++) {
          num[j] = random.nextBoolean() ? -0.0 : random.nextGaussian();
          den[j] = random.nextBoolean() ? -0.0 : random.nextDouble();
        }
        double[] en = num.clone();
        double[] ed = den.clone();
        for (int k = 0; k < count; k++) {
          Kernels.scalar().addMasked(rows[k], base, lo, hi, a[k], en, ed, from, to);
        }
        for (BlockKernels kernels : new BlockKernels[] {BlockKernels.scalar(), vector}) {
          double[] gn = num.clone();
          double[] gd = den.clone();
          kernels.addMaskedRows(base, rows, a, lo, hi, gn, gd, from, to);
          for (int j = 0; j < gn.length; j++) {
            assertThat(doubleBits(gn[j]))
                .as("%s num count %d kind %d coordinate %d", kernels.name(), count, kind, j)
                .isEqualTo(doubleBits(en[j]));
            assertThat(doubleBits(gd[j]))
                .as("%s den count %d kind %d coordinate %d", kernels.name(), count, kind, j)
                .isEqualTo(doubleBits(ed[j]));
          }
        }
      }
    }
  }

  @Test
  void rowsExpectingInsideAreTheMaskedSumsWhereEveryRowIsInside() {
    BlockKernels vector = vector();
    SplittableRandom random = new SplittableRandom(29);
    int allInside = 0;
    int notAllInside = 0;
    for (int count = 1; count <= 9; count++) {
      for (int kind = 0; kind < 6; kind++) {
        int length = random.nextInt(1, 200);
        int from = random.nextInt(0, Math.min(length, 13));
        int to = random.nextInt(from, length + 1);
        float[] base = row(random, length, kind);
        float[][] rows = new float[count][];
        double[] a = new double[count];
        for (int k = 0; k < count; k++) {
          rows[k] = row(random, length, kind);
          a[k] = random.nextInt(3) == 0 ? 1.0 : random.nextDouble(1e-3, 10);
        }
        if (kind == 5 && length > 2) {
          rows[0][from] = Float.NaN; // never inside
          rows[count - 1][length - 1] = Float.POSITIVE_INFINITY;
        }
        double[] lo = new double[length];
        double[] hi = new double[length];
        for (int j = 0; j < length; j++) {
          // the band around every row's value, most of the time
          double least = Double.POSITIVE_INFINITY;
          double most = Double.NEGATIVE_INFINITY;
          for (float[] r : rows) {
            double x = (double) r[j] - base[j];
            least = Math.min(least, x);
            most = Math.max(most, x);
          }
          switch (random.nextInt(5)) {
            case 0 -> {
              lo[j] = least; // ends equal to values
              hi[j] = most;
            }
            case 1 -> {
              lo[j] = Double.NaN;
              hi[j] = most;
            }
            case 2 -> {
              lo[j] = least + Math.abs(random.nextGaussian()); // some rows below
              hi[j] = most;
            }
            default -> {
              lo[j] = least - Math.abs(random.nextGaussian());
              hi[j] = most + Math.abs(random.nextGaussian());
            }
          }
        }
        double[] num = new double[to - from];
        double[] inside = new double[to - from];
        for (int j = 0; j < num.length; j++) {
          num[j] = random.nextBoolean() ? -0.0 : random.nextGaussian();
          inside[j] = random.nextInt(8) == 0 ? 0.0 : 1.0;
        }
        double[] en = num.clone();
        double[] ed = new double[to - from];
        for (int k = 0; k < count; k++) {
          Kernels.scalar().addMasked(rows[k], base, lo, hi, a[k], en, ed, from, to);
        }
        double weightSum = 0;
        for (double x : a) {
          weightSum += x;
        }
        double[] sn = num.clone();
        double[] si = inside.clone();
        BlockKernels.scalar().addRowsExpectingInside(base, rows, a, lo, hi, sn, si, from, to);
        double[] vn = num.clone();
        double[] vi = inside.clone();
        vector.addRowsExpectingInside(base, rows, a, lo, hi, vn, vi, from, to);
        for (int j = 0; j < sn.length; j++) {
          int c = from + j;
          boolean every = inside[j] != 0;
          double plain = num[j];
          for (int k = 0; k < count; k++) {
            double x = (double) rows[k][c] - base[c];
            every &= x >= lo[c] && x <= hi[c];
            plain += a[k] * x;
          }
          String where = String.format("count %d kind %d coordinate %d", count, kind, c);
          assertThat(si[j]).as("scalar flag, " + where).isEqualTo(every ? 1.0 : 0.0);
          assertThat(vi[j]).as("vector flag, " + where).isEqualTo(every ? 1.0 : 0.0);
          // NaN payloads aside (doubleToLongBits), the plain sums in row order, in both
          assertThat(Double.doubleToLongBits(sn[j]))
              .as("scalar sum, " + where)
              .isEqualTo(Double.doubleToLongBits(plain));
          assertThat(Double.doubleToLongBits(vn[j]))
              .as("vector sum, " + where)
              .isEqualTo(Double.doubleToLongBits(plain));
          if (every) {
            // where every row is inside: the masked sums, and the weights' plain sum
            assertThat(doubleBits(vn[j]))
                .as("masked numerator, " + where)
                .isEqualTo(doubleBits(en[j]));
            assertThat(doubleBits(ed[j]))
                .as("masked denominator, " + where)
                .isEqualTo(doubleBits(0.0 + weightSum));
            allInside++;
          } else {
            notAllInside++;
          }
        }
      }
    }
    assertThat(allInside).isPositive();
    assertThat(notAllInside).isPositive();
  }

  @Test
  void maskedRowsAddTheZeroOfAnExcludedRow() {
    // hand-worked: -0.0 + 0.0 is 0.0, so an excluded row turns a -0.0 sum into 0.0
    float[][] rows = {{5f, 0.5f}};
    for (BlockKernels kernels : new BlockKernels[] {BlockKernels.scalar(), vector()}) {
      double[] num = {-0.0, -0.0};
      double[] den = {-0.0, -0.0};
      kernels.addMaskedRows(
          new float[2], rows, new double[] {2}, new double[2], new double[] {1, 1}, num, den, 0, 2);
      assertThat(doubleBits(num[0])).isZero(); // 5 is outside [0, 1]
      assertThat(doubleBits(den[0])).isZero();
      assertThat(num[1]).isEqualTo(1.0); // 2 * 0.5
      assertThat(den[1]).isEqualTo(2.0);
    }
  }

  /**
   * A weight of row i for {@link #madBandIsTheSortedColumnsBandInBoth}: the block kernels' kinds,
   * plus shapes that put the MAD's smallest window far from the middle (a one-sided cluster, a
   * skewed tail), an arithmetic progression (many windows of equal value) and small ties.
   */
  private static float bandValue(SplittableRandom random, int kind, int i) {
    return switch (kind) {
      case 6 ->
          (float) (random.nextInt(10) < 4 ? 1e6 + random.nextGaussian() : random.nextGaussian());
      case 7 -> (float) -Math.log(1 - random.nextDouble());
      case 8 -> 0.5f * i;
      case 9 -> random.nextInt(3);
      case 10 -> (float) (random.nextInt(10) < 6 ? -1e3 : random.nextGaussian());
      default -> value(random, kind);
    };
  }

  /** The selector's mean of two middle values (halves added when the sum overflows). */
  private static double mean(double low, double high) {
    double mid = (low + high) / 2;
    return Double.isInfinite(mid) ? low / 2 + high / 2 : mid;
  }

  @Test
  void madBandIsTheSortedColumnsBandInBoth() {
    SplittableRandom random = new SplittableRandom(23);
    double[] multiples = {3, 0, Double.POSITIVE_INFINITY, 0.5, 1e-300};
    int checked = 0;
    for (int n : ROWS) {
      for (int width : WIDTHS) {
        int kind = random.nextInt(11);
        int from = random.nextInt(0, 4);
        int length = from + width + random.nextInt(0, 3);
        float[] base = new float[length];
        for (int j = 0; j < length; j++) {
          base[j] = kind == 8 ? 0f : value(random, kind > 5 ? 0 : kind);
        }
        float[][] weights = new float[n][length];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < length; j++) {
            weights[i][j] = bandValue(random, kind, i);
          }
        }
        // a full sort by odd-even transposition (n rounds), ranks placed on a random permutation of
        // the rows: rank r ends in row rowOfRank[r]
        int[] rowOfRank = new int[n];
        for (int i = 0; i < n; i++) {
          int t = random.nextInt(i + 1);
          rowOfRank[i] = rowOfRank[t];
          rowOfRank[t] = i;
        }
        int comparators = 0;
        int[] low = new int[n * n];
        int[] high = new int[n * n];
        for (int round = 0; round < n; round++) {
          for (int i = round & 1; i + 1 < n; i += 2) {
            low[comparators] = rowOfRank[i];
            high[comparators] = rowOfRank[i + 1];
            comparators++;
          }
        }
        low = Arrays.copyOf(low, comparators);
        high = Arrays.copyOf(high, comparators);
        double k = multiples[random.nextInt(multiples.length)];
        for (BlockKernels kernels : new BlockKernels[] {BlockKernels.scalar(), vector()}) {
          BlockKernels.Block b = kernels.block(n, 128);
          assertThat(b.load(weights, base, from, width)).isTrue();
          b.exchange(low, high);
          double[] lo = new double[width];
          double[] hi = new double[width];
          float[] lowest = new float[width];
          float[] highest = new float[width];
          b.madBand(rowOfRank, base, k, lo, hi, lowest, highest);
          for (int j = 0; j < width; j++) {
            // brute force: the column sorted, the median, the deviations sorted, the band, and the
            // smallest and largest weight whose value is inside it
            float[] column = new float[n];
            for (int i = 0; i < n; i++) {
              column[i] = weights[i][from + j];
            }
            Arrays.sort(column); // Float.compare's order, as the network's
            double bj = base[from + j];
            double[] x = new double[n];
            for (int r = 0; r < n; r++) {
              x[r] = (double) column[r] - bj;
            }
            int h = n / 2;
            double med = n % 2 == 1 ? x[h] : mean(x[h - 1], x[h]);
            double[] deviations = new double[n];
            for (int r = 0; r < n; r++) {
              deviations[r] = Math.abs(x[r] - med);
            }
            Arrays.sort(deviations);
            double mad = n % 2 == 1 ? deviations[h] : mean(deviations[h - 1], deviations[h]);
            double expectedLow = med - k * (1.4826 * mad);
            double expectedHigh = med + k * (1.4826 * mad);
            float expectedLowest = Float.POSITIVE_INFINITY;
            float expectedHighest = Float.POSITIVE_INFINITY;
            for (int r = 0; r < n; r++) {
              if (x[r] >= expectedLow && x[r] <= expectedHigh) {
                if (expectedLowest == Float.POSITIVE_INFINITY) {
                  expectedLowest = column[r];
                }
                expectedHighest = column[r];
              }
            }
            String where =
                String.format(
                    "%s n %d width %d kind %d k %s lane %d", kernels.name(), n, width, kind, k, j);
            assertThat(doubleBits(lo[j])).as("low, " + where).isEqualTo(doubleBits(expectedLow));
            assertThat(doubleBits(hi[j])).as("high, " + where).isEqualTo(doubleBits(expectedHigh));
            assertThat(Float.floatToRawIntBits(lowest[j]))
                .as("lowest, " + where)
                .isEqualTo(Float.floatToRawIntBits(expectedLowest));
            assertThat(Float.floatToRawIntBits(highest[j]))
                .as("highest, " + where)
                .isEqualTo(Float.floatToRawIntBits(expectedHighest));
          }
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(ROWS.length * WIDTHS.length);
  }

  @Test
  void madBandOfAHandWorkedColumn() {
    // weights 0, 1, 2, 3, 100 over a zero base: median 2, deviations 2, 1, 0, 1, 98, so the MAD
    // (the 3rd smallest) is 1, and with k = 3 the band is 2 -+ 3 * 1.4826 = [-2.4478, 6.4478],
    // holding the weights 0 to 3
    float[][] weights = {{3f}, {100f}, {0f}, {2f}, {1f}};
    for (BlockKernels kernels : new BlockKernels[] {BlockKernels.scalar(), vector()}) {
      BlockKernels.Block b = kernels.block(5, 1);
      assertThat(b.load(weights, new float[1], 0, 1)).isTrue();
      // any order works: the kernel reads rank r from row rowOfRank[r]
      int[] rowOfRank = {2, 4, 3, 0, 1};
      double[] lo = new double[1];
      double[] hi = new double[1];
      float[] lowest = new float[1];
      float[] highest = new float[1];
      b.madBand(rowOfRank, new float[1], 3, lo, hi, lowest, highest);
      assertThat(lo[0]).isEqualTo(2 - 3 * 1.4826);
      assertThat(hi[0]).isEqualTo(2 + 3 * 1.4826);
      assertThat(lowest[0]).isEqualTo(0f);
      assertThat(highest[0]).isEqualTo(3f);
      // an infinite multiple of a zero MAD is a NaN band: empty
      float[][] equal = {{7f}, {7f}, {7f}};
      b = kernels.block(3, 1);
      assertThat(b.load(equal, new float[1], 0, 1)).isTrue();
      b.madBand(
          new int[] {0, 1, 2}, new float[1], Double.POSITIVE_INFINITY, lo, hi, lowest, highest);
      assertThat(lo[0]).isNaN();
      assertThat(lowest[0]).isEqualTo(Float.POSITIVE_INFINITY);
      assertThat(highest[0]).isEqualTo(Float.POSITIVE_INFINITY);
    }
  }

  @Test
  void followsTheFloatKernelsChoice() {
    String old = System.getProperty(Kernels.PROPERTY);
    try {
      System.setProperty(Kernels.PROPERTY, "scalar");
      assertThat(BlockKernels.get().name()).isEqualTo("scalar");
      System.setProperty(Kernels.PROPERTY, "vector");
      assertThat(BlockKernels.get().name()).isEqualTo("vector");
      System.clearProperty(Kernels.PROPERTY);
      assertThat(BlockKernels.get().name()).isEqualTo(Kernels.get().name());
    } finally {
      if (old == null) {
        System.clearProperty(Kernels.PROPERTY);
      } else {
        System.setProperty(Kernels.PROPERTY, old);
      }
    }
  }
}
