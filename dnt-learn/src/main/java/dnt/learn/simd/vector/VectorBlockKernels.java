package dnt.learn.simd.vector;

import dnt.learn.simd.BlockKernels;
import dnt.learn.simd.ScalarBlockKernels;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockKernels} on the incubating Vector API (JEP 414 in JDK 17).
 *
 * <ul>
 *   <li><b>The block holds order-preserving int keys</b>, not floats: a finite float's bits with
 *       the magnitude flipped when negative ({@code bits ^ ((bits >> 31) & 0x7fffffff)}), whose
 *       signed int order is {@link Float#compare}'s ({@code -0.0f} below {@code 0.0f}) and which is
 *       its own inverse. A compare-exchange is then one int minimum and one int maximum per vector
 *       ({@code vpminsd}/{@code vpmaxsd}), exact with no NaN or signed-zero case to emulate, where
 *       the float {@code Math.min}/{@code Math.max} of the scalar kernels needs a blend sequence
 *       for Java's semantics (and C2 in JDK 17 does not vectorize the int versions of plain loops
 *       at all). The key of the smaller float is the smaller key, so every row holds the key of the
 *       float the scalar network puts there. The finiteness check is on the same bits (magnitude
 *       bits below {@code 0x7f800000}).
 *   <li><b>Decoding</b> undoes the key, widens the float lanes to double ({@code
 *       convertShape(F2D)}, exact) and subtracts the widened base: the scalar {@code (double) w -
 *       (double) b}.
 *   <li><b>Group sorts</b> hold a group's 16 rows of one vector of lanes in 16 registers through a
 *       60-comparator network (the same sorted group as any other sort).
 *   <li><b>The masked rows</b> of TID's aggregation pass widen and subtract as the decoding does,
 *       then add, row by row in order, a blend of the product or the weight with {@code 0.0}, as
 *       the scalar expression adds its {@code 0.0}; the rows expected inside add the product
 *       unblended and keep the lanes' flags as doubles (a mask carried round the row loop is boxed
 *       by C2 in JDK 17: 46 KB allocated per call of 8 rows by 1,024 coordinates, measured).
 *   <li><b>TID's MAD band and the outside counts</b> are the scalar loops' operations lane by lane:
 *       {@code abs}, {@code max}, {@code min} of non-negative, non-NaN doubles (no signed zero:
 *       {@code abs} clears the sign), correctly rounded arithmetic and IEEE comparisons, whose
 *       results do not depend on how a lane is computed; the counts are whole numbers in double or
 *       float, exact.
 * </ul>
 *
 * Lanes past the last whole vector run the scalar expressions, except in the compare-exchanges,
 * which run whole vectors over the block's padded width (each lane is independent, and padding
 * lanes are never read). Instantiated only reflectively, when {@code jdk.incubator.vector} is
 * resolved.
 */
public final class VectorBlockKernels implements BlockKernels {
  /** Int lanes for the keys, as many as the preferred vector holds (16 with AVX-512). */
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

  /** Float lanes of the same shape, for loading weights as bits and for the outside counts. */
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  /** Double lanes (8 with AVX-512). */
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

  /** Float lanes, as many as {@link #D} has, in half its bits. */
  private static final VectorSpecies<Float> FH =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

  /** Int lanes of {@link #FH}'s shape, for decoding keys into doubles. */
  private static final VectorSpecies<Integer> IH =
      VectorSpecies.of(int.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

  /** The magnitude bits of a float. */
  private static final int MAGNITUDE = 0x7fffffff;

  /** The magnitude bits of infinity: a float is finite when its magnitude bits are below. */
  private static final int INFINITE = 0x7f800000;

  /** Public for the reflective construction. */
  public VectorBlockKernels() {}

  @Override
  public String name() {
    return "vector";
  }

  @Override
  public Block block(int rows, int lanes) {
    return new KeyBlock(rows, lanes);
  }

  private static int key(int bits) {
    return bits ^ ((bits >> 31) & MAGNITUDE);
  }

  // Where a vector goes into or comes out of a method, C2 in JDK 17 must inline that method to keep
  // the vector in registers, and it will not inline one it has already compiled into a large body
  // (a few vector operations are enough): a helper for the key transform or the widening made the
  // decoding box every vector, about five times slower. So every vector expression is written out
  // where it is used.

  /** The block as int keys, row after row, each row {@code stride} lanes. */
  private static final class KeyBlock implements Block {
    private final int n;
    private final int stride;
    private final int[] keys;
    private int from;
    private int width;
    private int padded;

    /** {@link #load}'s largest magnitude bits per lane. */
    private final int[] magnitudes;

    /** {@link #madBand}'s state per lane (in arrays: see there). */
    private final double[] centre;

    private final double[] shorter;
    private final double[] longer;
    private final double[] lowDone;
    private final double[] highDone;
    private final double[] firstIn;
    private final double[] endIn;
    private final double[] column;
    private final double[] ends = new double[2];
    private final int[] ranks = new int[2];

    KeyBlock(int n, int lanes) {
      this.n = n;
      this.stride = (lanes + I.length() - 1) / I.length() * I.length();
      this.keys = new int[n * stride];
      this.magnitudes = new int[stride];
      this.centre = new double[stride];
      this.shorter = new double[stride];
      this.longer = new double[stride];
      this.lowDone = new double[stride];
      this.highDone = new double[stride];
      this.firstIn = new double[stride];
      this.endIn = new double[stride];
      this.column = new double[n];
    }

    @Override
    public boolean load(float[][] weights, float[] base, int from, int width) {
      this.from = from;
      this.width = width;
      this.padded = (width + I.length() - 1) / I.length() * I.length();
      int bound = I.loopBound(width);
      // the largest magnitude per lane kept in an array, not in a vector carried round the loops:
      // C2 in JDK 17 boxed that vector, about 79 KB allocated per 128-lane block of 100 rows
      int[] m = magnitudes;
      int largestTail = 0;
      for (int v = 0; v < bound; v += I.length()) {
        FloatVector.fromArray(F, base, from + v).reinterpretAsInts().and(MAGNITUDE).intoArray(m, v);
      }
      for (int j = bound; j < width; j++) {
        largestTail = Math.max(largestTail, Float.floatToRawIntBits(base[from + j]) & MAGNITUDE);
      }
      int[] k = keys;
      for (int i = 0; i < n; i++) {
        float[] w = weights[i];
        int row = i * stride;
        for (int v = 0; v < bound; v += I.length()) {
          IntVector bits = FloatVector.fromArray(F, w, from + v).reinterpretAsInts();
          IntVector.fromArray(I, m, v).max(bits.and(MAGNITUDE)).intoArray(m, v);
          bits.lanewise(VectorOperators.XOR, bits.lanewise(VectorOperators.ASHR, 31).and(MAGNITUDE))
              .intoArray(k, row + v);
        }
        for (int j = bound; j < width; j++) {
          int bits = Float.floatToRawIntBits(w[from + j]);
          largestTail = Math.max(largestTail, bits & MAGNITUDE);
          k[row + j] = key(bits);
        }
        Arrays.fill(k, row + width, row + padded, 0);
      }
      int largest = largestTail;
      for (int v = 0; v < bound; v++) {
        largest = Math.max(largest, m[v]);
      }
      return largest < INFINITE;
    }

    @Override
    public void exchange(int[] low, int[] high) {
      int[] k = keys;
      int s = stride;
      int p = padded;
      int step = I.length();
      for (int c = 0; c < low.length; c++) {
        int a = low[c] * s;
        int b = high[c] * s;
        for (int v = 0; v < p; v += step) {
          IntVector x = IntVector.fromArray(I, k, a + v);
          IntVector y = IntVector.fromArray(I, k, b + v);
          x.min(y).intoArray(k, a + v);
          x.max(y).intoArray(k, b + v);
        }
      }
    }

    /**
     * Each group through the 16-input network of {@code ScalarBlockKernels.GROUP_LOW} (60
     * comparators), its 16 rows of one vector of lanes held in registers: 32 loads and stores per
     * vector instead of 240 for the same comparators run one at a time.
     */
    @Override
    public void sortGroups(int groups) {
      int[] k = keys;
      int s = stride;
      int p = padded;
      for (int g = 0; g < groups; g++) {
        int o = g * GROUP * s;
        for (int v = 0; v < p; v += I.length()) {
          IntVector r0 = IntVector.fromArray(I, k, o + v);
          IntVector r1 = IntVector.fromArray(I, k, o + 1 * s + v);
          IntVector r2 = IntVector.fromArray(I, k, o + 2 * s + v);
          IntVector r3 = IntVector.fromArray(I, k, o + 3 * s + v);
          IntVector r4 = IntVector.fromArray(I, k, o + 4 * s + v);
          IntVector r5 = IntVector.fromArray(I, k, o + 5 * s + v);
          IntVector r6 = IntVector.fromArray(I, k, o + 6 * s + v);
          IntVector r7 = IntVector.fromArray(I, k, o + 7 * s + v);
          IntVector r8 = IntVector.fromArray(I, k, o + 8 * s + v);
          IntVector r9 = IntVector.fromArray(I, k, o + 9 * s + v);
          IntVector r10 = IntVector.fromArray(I, k, o + 10 * s + v);
          IntVector r11 = IntVector.fromArray(I, k, o + 11 * s + v);
          IntVector r12 = IntVector.fromArray(I, k, o + 12 * s + v);
          IntVector r13 = IntVector.fromArray(I, k, o + 13 * s + v);
          IntVector r14 = IntVector.fromArray(I, k, o + 14 * s + v);
          IntVector r15 = IntVector.fromArray(I, k, o + 15 * s + v);
          IntVector t;
          t = r0.min(r13);
          r13 = r0.max(r13);
          r0 = t;
          t = r1.min(r12);
          r12 = r1.max(r12);
          r1 = t;
          t = r2.min(r15);
          r15 = r2.max(r15);
          r2 = t;
          t = r3.min(r14);
          r14 = r3.max(r14);
          r3 = t;
          t = r4.min(r8);
          r8 = r4.max(r8);
          r4 = t;
          t = r5.min(r6);
          r6 = r5.max(r6);
          r5 = t;
          t = r7.min(r11);
          r11 = r7.max(r11);
          r7 = t;
          t = r9.min(r10);
          r10 = r9.max(r10);
          r9 = t;
          t = r0.min(r5);
          r5 = r0.max(r5);
          r0 = t;
          t = r1.min(r7);
          r7 = r1.max(r7);
          r1 = t;
          t = r2.min(r9);
          r9 = r2.max(r9);
          r2 = t;
          t = r3.min(r4);
          r4 = r3.max(r4);
          r3 = t;
          t = r6.min(r13);
          r13 = r6.max(r13);
          r6 = t;
          t = r8.min(r14);
          r14 = r8.max(r14);
          r8 = t;
          t = r10.min(r15);
          r15 = r10.max(r15);
          r10 = t;
          t = r11.min(r12);
          r12 = r11.max(r12);
          r11 = t;
          t = r0.min(r1);
          r1 = r0.max(r1);
          r0 = t;
          t = r2.min(r3);
          r3 = r2.max(r3);
          r2 = t;
          t = r4.min(r5);
          r5 = r4.max(r5);
          r4 = t;
          t = r6.min(r8);
          r8 = r6.max(r8);
          r6 = t;
          t = r7.min(r9);
          r9 = r7.max(r9);
          r7 = t;
          t = r10.min(r11);
          r11 = r10.max(r11);
          r10 = t;
          t = r12.min(r13);
          r13 = r12.max(r13);
          r12 = t;
          t = r14.min(r15);
          r15 = r14.max(r15);
          r14 = t;
          t = r0.min(r2);
          r2 = r0.max(r2);
          r0 = t;
          t = r1.min(r3);
          r3 = r1.max(r3);
          r1 = t;
          t = r4.min(r10);
          r10 = r4.max(r10);
          r4 = t;
          t = r5.min(r11);
          r11 = r5.max(r11);
          r5 = t;
          t = r6.min(r7);
          r7 = r6.max(r7);
          r6 = t;
          t = r8.min(r9);
          r9 = r8.max(r9);
          r8 = t;
          t = r12.min(r14);
          r14 = r12.max(r14);
          r12 = t;
          t = r13.min(r15);
          r15 = r13.max(r15);
          r13 = t;
          t = r1.min(r2);
          r2 = r1.max(r2);
          r1 = t;
          t = r3.min(r12);
          r12 = r3.max(r12);
          r3 = t;
          t = r4.min(r6);
          r6 = r4.max(r6);
          r4 = t;
          t = r5.min(r7);
          r7 = r5.max(r7);
          r5 = t;
          t = r8.min(r10);
          r10 = r8.max(r10);
          r8 = t;
          t = r9.min(r11);
          r11 = r9.max(r11);
          r9 = t;
          t = r13.min(r14);
          r14 = r13.max(r14);
          r13 = t;
          t = r1.min(r4);
          r4 = r1.max(r4);
          r1 = t;
          t = r2.min(r6);
          r6 = r2.max(r6);
          r2 = t;
          t = r5.min(r8);
          r8 = r5.max(r8);
          r5 = t;
          t = r7.min(r10);
          r10 = r7.max(r10);
          r7 = t;
          t = r9.min(r13);
          r13 = r9.max(r13);
          r9 = t;
          t = r11.min(r14);
          r14 = r11.max(r14);
          r11 = t;
          t = r2.min(r4);
          r4 = r2.max(r4);
          r2 = t;
          t = r3.min(r6);
          r6 = r3.max(r6);
          r3 = t;
          t = r9.min(r12);
          r12 = r9.max(r12);
          r9 = t;
          t = r11.min(r13);
          r13 = r11.max(r13);
          r11 = t;
          t = r3.min(r5);
          r5 = r3.max(r5);
          r3 = t;
          t = r6.min(r8);
          r8 = r6.max(r8);
          r6 = t;
          t = r7.min(r9);
          r9 = r7.max(r9);
          r7 = t;
          t = r10.min(r12);
          r12 = r10.max(r12);
          r10 = t;
          t = r3.min(r4);
          r4 = r3.max(r4);
          r3 = t;
          t = r5.min(r6);
          r6 = r5.max(r6);
          r5 = t;
          t = r7.min(r8);
          r8 = r7.max(r8);
          r7 = t;
          t = r9.min(r10);
          r10 = r9.max(r10);
          r9 = t;
          t = r11.min(r12);
          r12 = r11.max(r12);
          r11 = t;
          t = r6.min(r7);
          r7 = r6.max(r7);
          r6 = t;
          t = r8.min(r9);
          r9 = r8.max(r9);
          r8 = t;
          r0.intoArray(k, o + v);
          r1.intoArray(k, o + 1 * s + v);
          r2.intoArray(k, o + 2 * s + v);
          r3.intoArray(k, o + 3 * s + v);
          r4.intoArray(k, o + 4 * s + v);
          r5.intoArray(k, o + 5 * s + v);
          r6.intoArray(k, o + 6 * s + v);
          r7.intoArray(k, o + 7 * s + v);
          r8.intoArray(k, o + 8 * s + v);
          r9.intoArray(k, o + 9 * s + v);
          r10.intoArray(k, o + 10 * s + v);
          r11.intoArray(k, o + 11 * s + v);
          r12.intoArray(k, o + 12 * s + v);
          r13.intoArray(k, o + 13 * s + v);
          r14.intoArray(k, o + 14 * s + v);
          r15.intoArray(k, o + 15 * s + v);
        }
      }
    }

    @Override
    public float weight(int row, int lane) {
      return Float.intBitsToFloat(key(keys[row * stride + lane]));
    }

    @Override
    public void differences(int row, float[] base, double[] out) {
      int[] k = keys;
      int off = row * stride;
      int bound = I.loopBound(width);
      int half = D.length();
      int j = 0;
      for (; j < bound; j += I.length()) {
        IntVector key = IntVector.fromArray(I, k, off + j);
        FloatVector w =
            key.lanewise(VectorOperators.XOR, key.lanewise(VectorOperators.ASHR, 31).and(MAGNITUDE))
                .reinterpretAsFloats();
        FloatVector b = FloatVector.fromArray(F, base, from + j);
        ((DoubleVector) w.convertShape(VectorOperators.F2D, D, 0))
            .sub((DoubleVector) b.convertShape(VectorOperators.F2D, D, 0))
            .intoArray(out, j);
        ((DoubleVector) w.convertShape(VectorOperators.F2D, D, 1))
            .sub((DoubleVector) b.convertShape(VectorOperators.F2D, D, 1))
            .intoArray(out, j + half);
      }
      for (; j < width; j++) {
        out[j] = (double) Float.intBitsToFloat(key(k[off + j])) - base[from + j];
      }
    }

    /**
     * Sixteen lanes at a time (one vector of int keys, decoded into two vectors of doubles, as
     * {@link #differences} decodes: a half-width int species there made C2 in JDK 17 box a vector
     * per eight lanes), decoding only the ranks it reads, in three passes over the lanes, each its
     * own method with its state in arrays (a vector carried round a loop that can be left early is
     * boxed too):
     *
     * <ul>
     *   <li>{@link #centres}: the medians;
     *   <li>{@link #windows}: the MAD's windows, <b>bracketed</b>. With {@code dev(r) = |x_r -
     *       med|}, which does not rise up to the lower median rank {@code lm} and does not fall
     *       from the upper one {@code hm}, a window {@code [a, a + m - 1]} of value {@code f(a) =
     *       max(dev(a), dev(a + m - 1))} with {@code a <= lm} and {@code dev(a) >= dev(a + m - 1)}
     *       is no larger than any window starting before it ({@code f(a') >= dev(a') >= dev(a) =
     *       f(a)}), and one with {@code a + m - 1 >= hm} and {@code dev(a) <= dev(a + m - 1)} no
     *       larger than any starting after it. So the windows are evaluated outwards from the
     *       middle start {@code (n - m) / 2}, downwards until every lane has met the first
     *       condition (or start 0), upwards until every lane has met the second (or the last
     *       start): the minimum over the evaluated windows is the minimum over all of them, and a
     *       minimum of doubles does not depend on the order;
     *   <li>{@link #bands}: the bands, and the ranks inside them from the ends: ranks below {@code
     *       low} counted upwards from rank 0 until no lane has one (the values are sorted), ranks
     *       above {@code high} downwards from rank {@code n - 1}; for a NaN end no value compares,
     *       and the empty range follows from the NaN.
     * </ul>
     *
     * The lanes past the last whole vector of keys run {@link ScalarBlockKernels#madBandOfSorted}.
     */
    @Override
    public void madBand(
        int[] rowOfRank,
        float[] base,
        double k,
        double[] low,
        double[] high,
        float[] lowest,
        float[] highest) {
      int bound = I.loopBound(width);
      boolean odd = (n & 1) == 1;
      centres(rowOfRank, base, bound);
      // the windows of length n / 2 (even n only) and n / 2 + 1
      for (int m = odd ? (n >>> 1) + 1 : n >>> 1; m <= (n >>> 1) + 1; m++) {
        windows(rowOfRank, base, m, m == n >>> 1 ? shorter : longer, bound);
      }
      // for an odd n the mean of the longer windows' deviation with itself: that deviation
      bands(rowOfRank, base, k, odd ? longer : shorter, low, high, bound);
      for (int j = 0; j < bound; j++) {
        int p = (int) firstIn[j];
        int q = (int) endIn[j];
        if (Double.isNaN(low[j]) || Double.isNaN(high[j]) || p >= q) {
          lowest[j] = Float.POSITIVE_INFINITY;
          highest[j] = Float.POSITIVE_INFINITY;
        } else {
          lowest[j] = weight(rowOfRank[p], j);
          highest[j] = weight(rowOfRank[q - 1], j);
        }
      }
      double[] x = column;
      for (int j = bound; j < width; j++) {
        double bj = base[from + j];
        for (int r = 0; r < n; r++) {
          x[r] = (double) weight(rowOfRank[r], j) - bj;
        }
        ScalarBlockKernels.madBandOfSorted(x, n, k, ends, ranks);
        low[j] = ends[0];
        high[j] = ends[1];
        if (Double.isNaN(ends[0]) || Double.isNaN(ends[1]) || ranks[0] >= ranks[1]) {
          lowest[j] = Float.POSITIVE_INFINITY;
          highest[j] = Float.POSITIVE_INFINITY;
        } else {
          lowest[j] = weight(rowOfRank[ranks[0]], j);
          highest[j] = weight(rowOfRank[ranks[1] - 1], j);
        }
      }
    }

    /**
     * {@link #madBand}'s medians of lanes {@code [0, bound)} into {@link #centre}: the mean of the
     * two middle ranks (halves added when the sum overflows); for an odd n they are one rank, and
     * {@code (x + x) / 2} is x.
     */
    private void centres(int[] rowOfRank, float[] base, int bound) {
      int[] key = keys;
      int s = stride;
      int ol = rowOfRank[(n - 1) >>> 1] * s;
      int oh = rowOfRank[n >>> 1] * s;
      int h = D.length();
      for (int j = 0; j < bound; j += I.length()) {
        FloatVector bf = FloatVector.fromArray(F, base, from + j);
        DoubleVector b0 = (DoubleVector) bf.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector b1 = (DoubleVector) bf.convertShape(VectorOperators.F2D, D, 1);
        IntVector kl = IntVector.fromArray(I, key, ol + j);
        FloatVector fl =
            kl.lanewise(VectorOperators.XOR, kl.lanewise(VectorOperators.ASHR, 31).and(MAGNITUDE))
                .reinterpretAsFloats();
        DoubleVector xl0 = ((DoubleVector) fl.convertShape(VectorOperators.F2D, D, 0)).sub(b0);
        DoubleVector xl1 = ((DoubleVector) fl.convertShape(VectorOperators.F2D, D, 1)).sub(b1);
        IntVector kh = IntVector.fromArray(I, key, oh + j);
        FloatVector fh =
            kh.lanewise(VectorOperators.XOR, kh.lanewise(VectorOperators.ASHR, 31).and(MAGNITUDE))
                .reinterpretAsFloats();
        DoubleVector xh0 = ((DoubleVector) fh.convertShape(VectorOperators.F2D, D, 0)).sub(b0);
        DoubleVector xh1 = ((DoubleVector) fh.convertShape(VectorOperators.F2D, D, 1)).sub(b1);
        DoubleVector m0 = xl0.add(xh0).div(2.0);
        m0.blend(
                xl0.div(2.0).add(xh0.div(2.0)),
                m0.abs().compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
            .intoArray(centre, j);
        DoubleVector m1 = xl1.add(xh1).div(2.0);
        m1.blend(
                xl1.div(2.0).add(xh1.div(2.0)),
                m1.abs().compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
            .intoArray(centre, j + h);
      }
    }

    /**
     * {@link #madBand}'s smallest windows of length m over lanes {@code [0, bound)}, bracketed (see
     * there), into {@code best}; the lanes' flags in {@link #lowDone} and {@link #highDone}.
     */
    private void windows(int[] rowOfRank, float[] base, int m, double[] best, int bound) {
      int[] key = keys;
      int s = stride;
      int lm = (n - 1) >>> 1;
      int hm = n >>> 1;
      int last = n - m;
      int h = D.length();
      for (int j = 0; j < bound; j += I.length()) {
        FloatVector bf = FloatVector.fromArray(F, base, from + j);
        DoubleVector b0 = (DoubleVector) bf.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector b1 = (DoubleVector) bf.convertShape(VectorOperators.F2D, D, 1);
        DoubleVector c0 = DoubleVector.fromArray(D, centre, j);
        DoubleVector c1 = DoubleVector.fromArray(D, centre, j + h);
        Arrays.fill(best, j, j + 2 * h, Double.POSITIVE_INFINITY);
        Arrays.fill(lowDone, j, j + 2 * h, 0);
        Arrays.fill(highDone, j, j + 2 * h, 0);
        int down = last >>> 1;
        int up = down + 1;
        boolean goDown = true;
        boolean goUp = true;
        while (goDown || goUp) {
          int a = goDown ? down-- : up++;
          IntVector ka = IntVector.fromArray(I, key, rowOfRank[a] * s + j);
          FloatVector fa =
              ka.lanewise(VectorOperators.XOR, ka.lanewise(VectorOperators.ASHR, 31).and(MAGNITUDE))
                  .reinterpretAsFloats();
          DoubleVector xa0 = ((DoubleVector) fa.convertShape(VectorOperators.F2D, D, 0)).sub(b0);
          DoubleVector xa1 = ((DoubleVector) fa.convertShape(VectorOperators.F2D, D, 1)).sub(b1);
          IntVector ke = IntVector.fromArray(I, key, rowOfRank[a + m - 1] * s + j);
          FloatVector fe =
              ke.lanewise(VectorOperators.XOR, ke.lanewise(VectorOperators.ASHR, 31).and(MAGNITUDE))
                  .reinterpretAsFloats();
          DoubleVector xe0 = ((DoubleVector) fe.convertShape(VectorOperators.F2D, D, 0)).sub(b0);
          DoubleVector xe1 = ((DoubleVector) fe.convertShape(VectorOperators.F2D, D, 1)).sub(b1);
          DoubleVector da0 = xa0.sub(c0).abs();
          DoubleVector de0 = xe0.sub(c0).abs();
          DoubleVector da1 = xa1.sub(c1).abs();
          DoubleVector de1 = xe1.sub(c1).abs();
          DoubleVector.fromArray(D, best, j).min(da0.max(de0)).intoArray(best, j);
          DoubleVector.fromArray(D, best, j + h).min(da1.max(de1)).intoArray(best, j + h);
          goDown = down >= 0;
          if (a <= lm) {
            DoubleVector f0 =
                DoubleVector.fromArray(D, lowDone, j)
                    .max(DoubleVector.zero(D).blend(1.0, da0.compare(VectorOperators.GE, de0)));
            DoubleVector f1 =
                DoubleVector.fromArray(D, lowDone, j + h)
                    .max(DoubleVector.zero(D).blend(1.0, da1.compare(VectorOperators.GE, de1)));
            f0.intoArray(lowDone, j);
            f1.intoArray(lowDone, j + h);
            goDown &=
                !(f0.compare(VectorOperators.NE, 0.0).allTrue()
                    && f1.compare(VectorOperators.NE, 0.0).allTrue());
          }
          goUp = up <= last;
          if (a + m - 1 >= hm) {
            DoubleVector f0 =
                DoubleVector.fromArray(D, highDone, j)
                    .max(DoubleVector.zero(D).blend(1.0, da0.compare(VectorOperators.LE, de0)));
            DoubleVector f1 =
                DoubleVector.fromArray(D, highDone, j + h)
                    .max(DoubleVector.zero(D).blend(1.0, da1.compare(VectorOperators.LE, de1)));
            f0.intoArray(highDone, j);
            f1.intoArray(highDone, j + h);
            goUp &=
                !(f0.compare(VectorOperators.NE, 0.0).allTrue()
                    && f1.compare(VectorOperators.NE, 0.0).allTrue());
          }
        }
      }
    }

    /**
     * {@link #madBand}'s bands over lanes {@code [0, bound)} from {@link #centre} and the two
     * windows' deviations (the same array twice for an odd n), and the ranks below and above each
     * band into {@link #firstIn} and {@link #endIn}, counted from the ends.
     */
    private void bands(
        int[] rowOfRank,
        float[] base,
        double k,
        double[] shortWindows,
        double[] low,
        double[] high,
        int bound) {
      int[] key = keys;
      int s = stride;
      int lm = (n - 1) >>> 1;
      int hm = n >>> 1;
      int h = D.length();
      for (int j = 0; j < bound; j += I.length()) {
        FloatVector bf = FloatVector.fromArray(F, base, from + j);
        DoubleVector b0 = (DoubleVector) bf.convertShape(VectorOperators.F2D, D, 0);
        DoubleVector b1 = (DoubleVector) bf.convertShape(VectorOperators.F2D, D, 1);
        for (int half = 0; half < 2 * h; half += h) {
          DoubleVector c = DoubleVector.fromArray(D, centre, j + half);
          DoubleVector sh = DoubleVector.fromArray(D, shortWindows, j + half);
          DoubleVector lg = DoubleVector.fromArray(D, longer, j + half);
          DoubleVector mid = sh.add(lg).div(2.0);
          DoubleVector mad =
              mid.blend(
                  sh.div(2.0).add(lg.div(2.0)),
                  mid.abs().compare(VectorOperators.EQ, Double.POSITIVE_INFINITY));
          DoubleVector spread = mad.mul(1.4826).mul(k);
          c.sub(spread).intoArray(low, j + half);
          c.add(spread).intoArray(high, j + half);
        }
        DoubleVector lo0 = DoubleVector.fromArray(D, low, j);
        DoubleVector lo1 = DoubleVector.fromArray(D, low, j + h);
        DoubleVector hi0 = DoubleVector.fromArray(D, high, j);
        DoubleVector hi1 = DoubleVector.fromArray(D, high, j + h);
        Arrays.fill(firstIn, j, j + 2 * h, 0);
        Arrays.fill(endIn, j, j + 2 * h, n);
        for (int r = 0; r < hm; r++) {
          IntVector kr = IntVector.fromArray(I, key, rowOfRank[r] * s + j);
          FloatVector fr =
              kr.lanewise(VectorOperators.XOR, kr.lanewise(VectorOperators.ASHR, 31).and(MAGNITUDE))
                  .reinterpretAsFloats();
          DoubleVector xr0 = ((DoubleVector) fr.convertShape(VectorOperators.F2D, D, 0)).sub(b0);
          DoubleVector xr1 = ((DoubleVector) fr.convertShape(VectorOperators.F2D, D, 1)).sub(b1);
          VectorMask<Double> u0 = xr0.compare(VectorOperators.LT, lo0);
          VectorMask<Double> u1 = xr1.compare(VectorOperators.LT, lo1);
          if (!u0.anyTrue() && !u1.anyTrue()) {
            break;
          }
          DoubleVector.fromArray(D, firstIn, j)
              .add(DoubleVector.zero(D).blend(1.0, u0))
              .intoArray(firstIn, j);
          DoubleVector.fromArray(D, firstIn, j + h)
              .add(DoubleVector.zero(D).blend(1.0, u1))
              .intoArray(firstIn, j + h);
        }
        for (int r = n - 1; r > lm; r--) {
          IntVector kr = IntVector.fromArray(I, key, rowOfRank[r] * s + j);
          FloatVector fr =
              kr.lanewise(VectorOperators.XOR, kr.lanewise(VectorOperators.ASHR, 31).and(MAGNITUDE))
                  .reinterpretAsFloats();
          DoubleVector xr0 = ((DoubleVector) fr.convertShape(VectorOperators.F2D, D, 0)).sub(b0);
          DoubleVector xr1 = ((DoubleVector) fr.convertShape(VectorOperators.F2D, D, 1)).sub(b1);
          VectorMask<Double> o0 = xr0.compare(VectorOperators.GT, hi0);
          VectorMask<Double> o1 = xr1.compare(VectorOperators.GT, hi1);
          if (!o0.anyTrue() && !o1.anyTrue()) {
            break;
          }
          DoubleVector.fromArray(D, endIn, j)
              .sub(DoubleVector.zero(D).blend(1.0, o0))
              .intoArray(endIn, j);
          DoubleVector.fromArray(D, endIn, j + h)
              .sub(DoubleVector.zero(D).blend(1.0, o1))
              .intoArray(endIn, j + h);
        }
      }
    }
  }

  @Override
  public void countOutside(
      float[] w, int from, float[] lowest, float[] highest, float[] outside, int width) {
    int bound = F.loopBound(width);
    int j = 0;
    FloatVector zero = FloatVector.zero(F);
    FloatVector one = FloatVector.broadcast(F, 1f);
    for (; j < bound; j += F.length()) {
      FloatVector x = FloatVector.fromArray(F, w, from + j);
      VectorMask<Float> in =
          x.compare(VectorOperators.GE, FloatVector.fromArray(F, lowest, j))
              .and(x.compare(VectorOperators.LE, FloatVector.fromArray(F, highest, j)));
      FloatVector.fromArray(F, outside, j).add(one.blend(zero, in)).intoArray(outside, j);
    }
    for (; j < width; j++) {
      float x = w[from + j];
      outside[j] += lowest[j] <= x && x <= highest[j] ? 0f : 1f;
    }
  }

  /**
   * As {@link #addMaskedRows} without the blends: the product is added whatever the mask, and the
   * masks of the rows are and-ed into the flags (a lane whose flag is still set added only inside
   * terms, in the same order).
   */
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
    int step = D.length();
    int j = from;
    int bound = from + D.loopBound(to - from);
    DoubleVector zero = DoubleVector.zero(D);
    DoubleVector one = DoubleVector.broadcast(D, 1.0);
    for (; j < bound; j += step) {
      DoubleVector bj =
          (DoubleVector) FloatVector.fromArray(FH, b, j).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector l = DoubleVector.fromArray(D, lo, j);
      DoubleVector h = DoubleVector.fromArray(D, hi, j);
      int k = j - from;
      DoubleVector sn = DoubleVector.fromArray(D, num, k);
      // the flags as doubles, not as a mask carried round the loop (C2 in JDK 17 boxes that)
      DoubleVector all = DoubleVector.fromArray(D, inside, k);
      for (int r = 0; r < rows.length; r++) {
        DoubleVector x =
            ((DoubleVector)
                    FloatVector.fromArray(FH, rows[r], j).convertShape(VectorOperators.F2D, D, 0))
                .sub(bj);
        all =
            zero.blend(all, x.compare(VectorOperators.GE, l).and(x.compare(VectorOperators.LE, h)));
        sn = sn.add(x.mul(a[r]));
      }
      sn.intoArray(num, k);
      zero.blend(one, all.compare(VectorOperators.NE, zero)).intoArray(inside, k);
    }
    for (; j < to; j++) {
      double bj = b[j];
      double sn = num[j - from];
      boolean all = inside[j - from] != 0;
      for (int r = 0; r < rows.length; r++) {
        double x = rows[r][j] - bj;
        all &= x >= lo[j] && x <= hi[j];
        sn += a[r] * x;
      }
      num[j - from] = sn;
      inside[j - from] = all ? 1.0 : 0.0;
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
    int step = D.length();
    int j = from;
    int bound = from + D.loopBound(to - from);
    DoubleVector zero = DoubleVector.zero(D);
    for (; j < bound; j += step) {
      DoubleVector bj =
          (DoubleVector) FloatVector.fromArray(FH, b, j).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector l = DoubleVector.fromArray(D, lo, j);
      DoubleVector h = DoubleVector.fromArray(D, hi, j);
      int k = j - from;
      DoubleVector sn = DoubleVector.fromArray(D, num, k);
      DoubleVector sd = DoubleVector.fromArray(D, den, k);
      for (int r = 0; r < rows.length; r++) {
        DoubleVector x =
            ((DoubleVector)
                    FloatVector.fromArray(FH, rows[r], j).convertShape(VectorOperators.F2D, D, 0))
                .sub(bj);
        VectorMask<Double> in =
            x.compare(VectorOperators.GE, l).and(x.compare(VectorOperators.LE, h));
        double ar = a[r];
        // blend to 0.0 and add it, as the scalar expression does (a masked add would keep -0.0)
        sn = sn.add(zero.blend(x.mul(ar), in));
        sd = sd.add(zero.blend(DoubleVector.broadcast(D, ar), in));
      }
      sn.intoArray(num, k);
      sd.intoArray(den, k);
    }
    for (; j < to; j++) {
      double bj = b[j];
      double sn = num[j - from];
      double sd = den[j - from];
      for (int r = 0; r < rows.length; r++) {
        double x = rows[r][j] - bj;
        boolean in = x >= lo[j] && x <= hi[j];
        sn += in ? a[r] * x : 0.0;
        sd += in ? a[r] : 0.0;
      }
      num[j - from] = sn;
      den[j - from] = sd;
    }
  }
}
